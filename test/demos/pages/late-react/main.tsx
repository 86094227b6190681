// A test page for test/demos/late-definition.node.test.ts: React renders the tags before they are defined, and the
// kit is imported in useEffect, as a server-rendered app does it on the client only.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyClient } from 'passkey-elements/client'; // the client alone: no tag is defined by this
import type {} from 'passkey-elements/jsx';

await startBrowserMock();

let calls = 0;
const client = new PasskeyClient({
  onRequest(request) {
    request.headers.set('x-csrf-token', 'late-react');
    document.querySelector('[data-testid=calls]')!.textContent = String(++calls);
  },
});
const definedWhenRendered = customElements.get('passkey-register') !== undefined;

// React 19 sets a prop as a property only when the element already has it, so on a tag not yet defined an object
// would become the attribute "[object Object]". A ref sets them as properties, which the element keeps when it upgrades.
// Functions made once: React calls a new ref function again on every render, after the definition too, which would
// hide whether what was set before it was kept.
const setUpRegister = (element: HTMLElement | null) => {
  if (element) Object.assign(element, { client, strings: { registerButton: 'Create it, late React' } });
};
const setUpLogin = (element: HTMLElement | null) => {
  if (element) Object.assign(element, { client, strings: { loginButton: 'Sign in, late React' } });
};

function App() {
  const [defined, setDefined] = useState(false);
  const [registered, setRegistered] = useState('');
  const [status, setStatus] = useState('Not signed in.');
  useEffect(() => {
    void import('passkey-elements').then(() => setDefined(true));
  }, []);
  return (
    <>
      <passkey-register
        username="late-react"
        ref={setUpRegister}
        onpasskey-registered={({ detail }) => {
          setRegistered(detail.username);
          setStatus(`${detail.username} has a passkey.`);
        }}
      />
      <passkey-login username={registered} ref={setUpLogin} onpasskey-authenticated={({ detail }) => setStatus(`Welcome, ${detail.username}!`)} />
      <p data-testid="defined">
        {definedWhenRendered ? 'defined before rendering' : 'rendered before defining'}; {defined ? 'now defined' : 'not defined yet'}
      </p>
      <p data-testid="calls">0</p>
      <output>{status}</output>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
