import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { startBrowserMock } from 'passkey-elements/mock/browser';
import 'passkey-elements';
import type {} from 'passkey-elements/jsx'; // types <passkey-login> and its events in JSX

// Development only: the kit's mock backend answers /api/passkey in this page. Your app talks to your server.
await startBrowserMock();

// React 19 sets the props a custom element has as properties (`username`), and an `on<event name>` prop
// whose value is a function as a listener of that event, dashes and all.
function App() {
  const [registered, setRegistered] = useState('');
  const [status, setStatus] = useState('Not signed in.');
  return (
    <>
      <h1>Passkeys in React</h1>
      <passkey-register
        username="ada"
        onpasskey-registered={({ detail }) => {
          setRegistered(detail.username);
          setStatus(`${detail.username} has a passkey. Sign in with it.`);
        }}
      />
      <passkey-login username={registered} onpasskey-authenticated={({ detail }) => setStatus(`Welcome, ${detail.username}!`)} />
      <output>{status}</output>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
