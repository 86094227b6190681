import { startBrowserMock } from '../mock-server/browser.ts';

// The mock must answer before the elements send anything: <passkey-login autofill> asks as soon as it connects.
const backend = await startBrowserMock({ quiet: false });
await import('../src/index.ts');

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const elements = document.querySelectorAll('passkey-register, passkey-login');
const session = $<HTMLParagraphElement>('#session');
const signOut = $<HTMLButtonElement>('#sign-out');

async function showSession(): Promise<void> {
  const response = await fetch('/api/passkey/session');
  const user = response.ok ? ((await response.json()) as { username: string }) : undefined;
  session.textContent = user ? `Signed in as ${user.username}.` : 'Not signed in.';
  signOut.hidden = !user;
}

function log(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  $('#events').prepend(item);
}

document.addEventListener('passkey-registered', ({ detail }) => {
  log(`passkey-registered: ${detail.username} (user ${detail.userId})`);
  void showSession();
});
document.addEventListener('passkey-authenticated', ({ detail }) => {
  log(`passkey-authenticated: ${detail.username} (user ${detail.userId})`);
  void showSession();
});
document.addEventListener('passkey-error', ({ detail }) => log(`passkey-error: ${detail.code} in ${detail.phase}: ${detail.message}`));

signOut.addEventListener('click', async () => {
  await fetch('/api/passkey/session', { method: 'DELETE' });
  await showSession();
});
$<HTMLSelectElement>('#language').addEventListener('change', ({ target }) => {
  const lang = (target as HTMLSelectElement).value;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
});
$<HTMLSelectElement>('#scheme').addEventListener('change', ({ target }) => {
  const scheme = (target as HTMLSelectElement).value;
  document.documentElement.dataset.scheme = scheme;
  for (const element of elements) {
    if (scheme) element.setAttribute('color-scheme', scheme);
    else element.removeAttribute('color-scheme');
  }
});
$<HTMLInputElement>('#slow').addEventListener('change', ({ target }) => {
  backend.faults.latency = (target as HTMLInputElement).checked ? 1500 : 0;
});

await showSession();
