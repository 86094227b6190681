import { PasskeyClient } from 'passkey-elements';

// The backend: `npm run mock-server -- --origin http://localhost:5186` (port 8787), or another one given as ?api=.
// It must allow this page's origin with CORS, credentials included; the RP ID stays this page's hostname.
const apiUrl = new URLSearchParams(location.search).get('api') ?? 'http://localhost:8787/api/passkey';
// `credentials: 'include'`: requests to the other origin send and accept its session cookie.
const client = new PasskeyClient({ apiUrl, credentials: 'include' });

const register = document.querySelector('passkey-register')!;
const login = document.querySelector('passkey-login')!;
const output = document.querySelector('output')!;
document.querySelector('#api')!.textContent = apiUrl;
register.client = client;
login.client = client;

register.addEventListener('passkey-registered', ({ detail }) => {
  login.username = detail.username;
  output.textContent = `${detail.username} has a passkey. Sign in with it.`;
});

login.addEventListener('passkey-authenticated', async ({ detail }) => {
  output.textContent = `Welcome, ${detail.username}!`;
  // Only the session cookie that came back with the sign-in lets the other origin answer this.
  const passkeys = await client.listCredentials().catch(() => undefined);
  output.textContent += passkeys
    ? ` The server lists ${passkeys.length} passkey${passkeys.length === 1 ? '' : 's'} for you.`
    : ' But the server did not list your passkeys: is its session cookie blocked?';
});
