import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyLogin, PasskeyRegister, usePasskey } from 'passkey-elements/react';

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

// The elements as React components: properties as props (`username`), events as typed `onPasskey…` props.
// Or no element at all: usePasskey() runs the same ceremonies from a button of your own.
function App() {
  const [registered, setRegistered] = useState('');
  const [status, setStatus] = useState('Not signed in.');
  const { authenticate, state, error } = usePasskey({ apiUrl: '/api/passkey' });

  async function signInWithHook() {
    const result = await authenticate({ username: registered });
    if (result) setStatus(`Welcome, ${result.username}!`);
  }

  return (
    <>
      <h1>Passkeys in React</h1>
      <PasskeyRegister
        username="ada"
        onPasskeyRegistered={({ detail }) => {
          setRegistered(detail.username);
          setStatus(`${detail.username} has a passkey. Sign in with it.`);
        }}
      />
      <PasskeyLogin username={registered} onPasskeyAuthenticated={({ detail }) => setStatus(`Welcome, ${detail.username}!`)} />
      <p>
        Or with a button of your own:{' '}
        <button type="button" onClick={signInWithHook} disabled={state === 'busy'}>
          Sign in with usePasskey()
        </button>{' '}
        <small>
          {state}
          {error && error.code !== 'cancelled' ? `: ${error.message}` : ''}
        </small>
      </p>
      <output>{status}</output>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
