// A test page for test/demos/react.node.test.ts, not a demo: it hands the mock backend to the test (window.mock) for
// fault injection, and writes down what the hook's promises resolved to (window.settled).
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { startBrowserMock, type BrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyLogin, PasskeyManager, PasskeyRecovery, PasskeyRegister, usePasskey, type PasskeyState } from 'passkey-elements/react';

declare global {
  interface Window {
    mock: BrowserMock;
    settled: string[];
  }
}
window.mock = await startBrowserMock();
window.settled = [];

/** A sign-up and sign-in form of the page's own, on usePasskey(). */
function HookForm() {
  const [username, setUsername] = useState('');
  const [states, setStates] = useState<PasskeyState[]>([]);
  // A new function on every render: the hook must use the latest without making a new client.
  const { register, authenticate, state, error } = usePasskey({ apiUrl: '/api/passkey', onRequest: (request) => request.headers.set('x-typed', username) });
  const registers = useRef(new Set<unknown>());
  registers.current.add(register);
  useEffect(() => setStates((seen) => (seen.at(-1) === state ? seen : [...seen, state])), [state]);

  return (
    <section aria-label="usePasskey">
      <label>
        Username <input value={username} onChange={(event) => setUsername(event.target.value)} />
      </label>
      <button type="button" onClick={async () => window.settled.push(`register: ${(await register({ username }))?.username}`)}>
        Register
      </button>
      <button type="button" onClick={async () => window.settled.push(`authenticate: ${(await authenticate({ username }))?.username}`)}>
        Sign in
      </button>
      <p data-testid="states">{states.join(' → ')}</p>
      <p data-testid="error">{error ? `${error.code} in ${error.phase}, status ${error.status}` : 'no error'}</p>
      <p data-testid="identities">{registers.current.size}</p>
    </section>
  );
}

/** The four components, each event prop writing what it got. */
function Components() {
  const [heard, setHeard] = useState<string[]>([]);
  const hear = (line: string) => setHeard((lines) => [...lines, line]);
  return (
    <section aria-label="components">
      <PasskeyRegister
        username="comp-user"
        strings={{ registerButton: 'Sign up, React' }}
        onPasskeyRegistered={({ detail }) => hear(`registered ${detail.username} ${detail.credentialId.length > 0}`)}
        onPasskeyError={({ detail }) => hear(`register error ${detail.code} ${detail.status}`)}
      />
      <PasskeyLogin
        strings={{ loginButton: 'Sign in, React' }}
        onPasskeyAuthenticated={({ detail }) => hear(`authenticated ${detail.username}`)}
        onPasskeyError={({ detail }) => hear(`login error ${detail.code} ${detail.phase} ${detail.status}`)}
      />
      <PasskeyRecovery onPasskeyRecoverySent={({ detail }) => hear(`recovery sent ${detail.username}`)} />
      <ul aria-label="heard">
        {heard.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** Shown once signed in, as an app shows it after sign-in. */
function Manager() {
  const [heard, setHeard] = useState('');
  return (
    <section aria-label="manager">
      <PasskeyManager onPasskeyCredentialRenamed={({ detail }) => setHeard(`renamed to ${detail.name}`)} />
      <p data-testid="manager-heard">{heard}</p>
    </section>
  );
}

function App() {
  const [hook, setHook] = useState(true);
  const [manager, setManager] = useState(false);
  return (
    <>
      {hook && <HookForm />}
      <button type="button" onClick={() => setHook(false)}>
        Unmount the form
      </button>
      <Components />
      {manager ? (
        <Manager />
      ) : (
        <button type="button" onClick={() => setManager(true)}>
          Show the manager
        </button>
      )}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
