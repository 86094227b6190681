import { startBrowserMock } from 'passkey-elements-mock/browser';
import { demoStrings } from './strings.ts';

/**
 * The backend: the mock in this page, or a real server when the demo is served with PASSKEY_API_URL
 * (`PASSKEY_API_URL=http://localhost:8787/api/passkey npm start`; see vite.config.ts). Like a form's action, its
 * address is set where the page is served, never read from the page's URL.
 */
const serverUrl: string = import.meta.env.PASSKEY_API_URL;
// The mock must answer before the elements send anything: <passkey-login autofill> asks as soon as it connects.
const backend = serverUrl ? undefined : await startBrowserMock({ quiet: false });
// Configured before the tags are defined: <passkey-login autofill> asks for options as soon as it connects.
const { configure } = await import('../src/elements/index.ts');
if (serverUrl) configure({ apiUrl: serverUrl });
const { PasskeyClient } = await import('../src/index.ts');
const client = new PasskeyClient({ apiUrl: serverUrl || undefined });
if (serverUrl) {
  // A developer's mode: this line stays in English.
  const lede = document.querySelector<HTMLElement>('.lede')!;
  delete lede.dataset.text;
  lede.textContent = `The backend is the server at ${serverUrl}: accounts are kept in its database, and it prints recovery mails to its console.`;
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const session = $<HTMLParagraphElement>('#session');
const recovery = document.querySelector('passkey-recovery')!;
const account = $<HTMLElement>('#account');

/** Who is signed in, from the backend's `GET /session`. */
async function currentUser(): Promise<{ username: string } | undefined> {
  return client.getSession().catch(() => undefined);
}

/**
 * Client-side routes: `/` shows the sign-in page or, signed in, the account page; `/recovery` asks for a recovery
 * link, and `/recovery?token=…` (the link in the mock's email) creates a new passkey with it. A real page load would
 * forget the mock's accounts, which live in this tab: links are followed without one.
 */
async function route(): Promise<void> {
  const { pathname, searchParams } = new URL(location.href);
  const user = pathname === '/recovery' ? undefined : await currentUser();
  $<HTMLElement>('#signed-out').hidden = pathname === '/recovery' || Boolean(user);
  $<HTMLElement>('#recovery').hidden = pathname !== '/recovery';
  account.hidden = !user;
  signedIn = user?.username;
  showSession();
  showManager(Boolean(user));
  if (pathname === '/recovery') {
    const token = searchParams.get('token') ?? undefined;
    recovery.token = token;
    // A real email link carries only the token; the demo's mock knows whom it sent it to, and prefills that.
    recovery.username = backend?.outbox.find((mail) => mail.token === token)?.to ?? recovery.username;
  }
}

/** Goes to `url`; then the focus goes to `focus` (a heading), not to <body> where the hidden section left it. */
async function navigate(url: string, focus?: string): Promise<void> {
  history.pushState(null, '', url);
  await route();
  if (focus) $<HTMLElement>(focus).focus();
}

/** Who is signed in, as the account page says it: the name isolated, in the page's language. */
let signedIn: string | undefined;
function showSession(): void {
  if (!signedIn) return session.replaceChildren();
  const [before, after] = text('signedInAs').split('{username}');
  session.replaceChildren(before ?? '', Object.assign(document.createElement('bdi'), { textContent: signedIn }), after ?? '');
}

/** The demo's own words in the page's language. */
const text = (key: keyof ReturnType<typeof demoStrings>) => demoStrings(document.documentElement.lang)[key];

/** The manager is on the page only while someone is signed in: signed out, it would only say so. */
function showManager(signedIn: boolean): void {
  const current = account.querySelector('passkey-manager');
  if (signedIn && !current) account.append(withScheme(document.createElement('passkey-manager')));
  else if (signedIn) void current!.refresh();
  else current?.remove();
}

function log(text: string): void {
  // Event names and ids read left to right, in an Arabic page too.
  const item = Object.assign(document.createElement('li'), { textContent: text, dir: 'auto' });
  $('#events').prepend(item);
}

function showOutbox(): void {
  // A real server sends its mails itself (`npm run server` prints them to its console).
  $<HTMLElement>('#outbox-panel').hidden = !backend;
  if (!backend) return;
  const list = $('#outbox');
  list.replaceChildren(
    ...backend.outbox.map((mail) => {
      const item = document.createElement('li');
      const link = Object.assign(document.createElement('a'), { href: mail.link, textContent: mail.link });
      link.dataset.route = '';
      const [before, after] = text('sentTo').split('{to}');
      const time = new Date(mail.sentAt).toLocaleTimeString(document.documentElement.lang);
      item.append(before ?? '', Object.assign(document.createElement('bdi'), { textContent: mail.to }), `${after ?? ''} ${time}: “${mail.subject}”. `, link);
      return item;
    }).reverse(),
  );
  $<HTMLElement>('#outbox-empty').hidden = backend.outbox.length > 0;
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-route]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  void navigate(link.href, new URL(link.href).pathname === '/recovery' ? '#recovery-title' : '#sign-in');
});
addEventListener('popstate', () => void route());

document.addEventListener('passkey-registered', ({ detail }) => {
  log(`passkey-registered: ${detail.username} (user ${detail.userId})`);
  // Signed in by the new passkey: from sign-up or recovery, go to the account page (the manager refreshes itself).
  if (!account.querySelector('passkey-manager')) void navigate('/', '#account-title');
});
document.addEventListener('passkey-authenticated', ({ detail }) => {
  log(`passkey-authenticated: ${detail.username} (user ${detail.userId})`);
  void navigate('/', '#account-title');
});
document.addEventListener('passkey-credential-renamed', ({ detail }) => log(`passkey-credential-renamed: ${detail.credentialId} → ${detail.name}`));
document.addEventListener('passkey-credential-deleted', ({ detail }) => log(`passkey-credential-deleted: ${detail.credentialId}`));
document.addEventListener('passkey-recovery-sent', ({ detail }) => {
  log(`passkey-recovery-sent: ${detail.username}`);
  showOutbox();
});
document.addEventListener('passkey-error', ({ detail }) => log(`passkey-error: ${detail.code} in ${detail.phase}: ${detail.message}`));

$<HTMLButtonElement>('#sign-out').addEventListener('click', async () => {
  await client.signOut().catch(() => undefined);
  // Every element of the kit forgets what the last person typed and was told.
  document.dispatchEvent(new Event('passkey-signed-out'));
  await navigate('/', '#sign-in');
});

// The settings apply when changed, and at start: a reload keeps the form's values, and a change made while the
// mock was starting would be lost.
const language = $<HTMLSelectElement>('#language');
const scheme = $<HTMLSelectElement>('#scheme');
const slow = $<HTMLInputElement>('#slow');
function withScheme<T extends Element>(element: T): T {
  if (scheme.value) element.setAttribute('color-scheme', scheme.value);
  else element.removeAttribute('color-scheme');
  return element;
}
const settings = {
  language() {
    document.documentElement.lang = language.value;
    document.documentElement.dir = language.value === 'ar' ? 'rtl' : 'ltr';
    for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) element.textContent = text(element.dataset.text as keyof ReturnType<typeof demoStrings>);
    showSession();
    showOutbox();
  },
  scheme() {
    document.documentElement.dataset.scheme = scheme.value;
    document.querySelectorAll('passkey-register, passkey-login, passkey-manager, passkey-recovery').forEach(withScheme);
  },
  slow() {
    if (backend) backend.faults.latency = slow.checked ? 1500 : 0;
  },
};
language.addEventListener('change', settings.language);
scheme.addEventListener('change', settings.scheme);
slow.addEventListener('change', settings.slow);
Object.values(settings).forEach((apply) => apply());

showOutbox();
await route();
