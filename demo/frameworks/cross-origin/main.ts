import 'passkey-elements';

const login = document.querySelector('passkey-login')!;
const manager = document.querySelector('passkey-manager')!;
const recovery = document.querySelector('passkey-recovery')!;
const output = document.querySelector('output')!;

// A recovery link comes back to this page with its token.
const token = new URLSearchParams(location.search).get('token');
if (token) recovery.setAttribute('token', token);

document.addEventListener('passkey-registered', ({ detail }) => {
  login.username = detail.username;
  output.textContent = `${detail.username} has a passkey. Sign in with it.`;
});

login.addEventListener('passkey-authenticated', ({ detail }) => {
  output.textContent = `Welcome, ${detail.username}!`;
  // The list comes from the other origin with the session cookie its sign-in set.
  document.querySelector<HTMLElement>('#account')!.hidden = false;
  void manager.refresh();
});
