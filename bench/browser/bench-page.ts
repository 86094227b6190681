/**
 * The page the browser benchmarks drive (bench/ceremony.bench.ts): the kit's elements and a minimal
 * baseline (bare @simplewebauthn/browser + fetch) do the same ceremonies against the same in-page mock.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { LitElement, html } from 'lit';
import { startBrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyClient } from '../../src/client/index.ts';
import { PasskeyLogin } from '../../src/elements/passkey-login/passkey-login.ts';
import { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';
import { PasskeyRegister } from '../../src/elements/passkey-register/passkey-register.ts';

// No rate limits: a bench runs more ceremonies a minute from this one page than the server lets one address.
const mock = await startBrowserMock({ rateLimits: false });
const stage = document.querySelector('#stage')!;

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`/api/passkey${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/**
 * How long a person looks at the page before acting: every side waits this long, untimed, before it starts. Without
 * it the bench clicked 35 ms after the form appeared, which nobody does, and Chrome's password manager, which scans a
 * page's forms about 100 ms after their fields appear, did that scan inside the timed sign-in of most rounds (seen in
 * Chrome traces): work a person never waits for, charged to the kit only, since the baseline shows no form.
 */
const READING_MS = 300;
const reading = () => new Promise((resolve) => setTimeout(resolve, READING_MS));

/** Mounts an element, clicks its button, and times click → event. */
async function timeElement(tag: string, eventName: string, username: string): Promise<number> {
  const element = document.createElement(tag) as HTMLElement & { username: string; updateComplete: Promise<unknown> };
  element.username = username;
  stage.replaceChildren(element);
  await element.updateComplete;
  // A person clicks what is on screen: let the new element be laid out and painted first.
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  await reading();
  const button = element.shadowRoot!.querySelector('button')!;
  const done = new Promise<Event>((resolve, reject) => {
    element.addEventListener(eventName, resolve, { once: true });
    element.addEventListener('passkey-error', (event) => reject(new Error(JSON.stringify((event as CustomEvent).detail))), { once: true });
  });
  const start = performance.now();
  button.click();
  await done;
  return performance.now() - start;
}

async function timeBaselineRegister(username: string): Promise<number> {
  await reading();
  const start = performance.now();
  const optionsJSON = await post('/register/options', { username, displayName: username });
  const credential = await startRegistration({ optionsJSON: optionsJSON as never });
  const result = await post('/register/verify', { username, credential });
  if (result.verified !== true) throw new Error('baseline registration failed');
  return performance.now() - start;
}

async function timeBaselineLogin(username: string): Promise<number> {
  await reading();
  const start = performance.now();
  const optionsJSON = await post('/authenticate/options', { username });
  const credential = await startAuthentication({ optionsJSON: optionsJSON as never });
  const result = await post('/authenticate/verify', { username, credential });
  if (result.verified !== true) throw new Error('baseline sign-in failed');
  return performance.now() - start;
}

const client = new PasskeyClient();

async function timed(work: () => Promise<unknown>): Promise<number> {
  await reading();
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function signOut(): Promise<void> {
  await fetch('/api/passkey/session', { method: 'DELETE' });
}

/** Who the session cookie signs in, as the mock sees it (`null` without a session): checks cookies reach the mock. */
async function sessionUser(): Promise<string | null> {
  const response = await fetch('/api/passkey/session');
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`/session answered ${response.status}`);
  return ((await response.json()) as { username: string }).username;
}

class OneLineElement extends LitElement {
  override render() {
    return html`<p>Hello</p>`;
  }
}

const classes: Record<string, CustomElementConstructor> = {
  'passkey-register': PasskeyRegister,
  'passkey-login': PasskeyLogin,
  'one-line-element': OneLineElement,
};

/** Time from defining a tag (its element already in the DOM) to the first frame painted with its content. */
async function timeFirstRender(tag: string): Promise<number> {
  stage.replaceChildren(document.createElement(tag));
  const element = stage.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
  const start = performance.now();
  customElements.define(tag, classes[tag]!);
  await element.updateComplete;
  await new Promise(requestAnimationFrame);
  return performance.now() - start;
}

/** Puts `count` passkeys for one user straight into the mock's store and signs that user in. */
async function seedManager(count: number): Promise<void> {
  mock.reset();
  const { userId } = mock.seed.user({ userId: 'bench-user', username: 'bench', displayName: 'Bench' });
  for (let i = 0; i < count; i++) {
    mock.seed.credential(userId, {
      id: `bench-credential-${i}`, transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000',
      backedUp: i % 2 === 0, deviceType: i % 2 === 0 ? 'multiDevice' : 'singleDevice', name: `Passkey ${i}`,
      createdAt: Date.UTC(2026, 0, 1, 0, 0, i),
    });
  }
  await mock.seed.session(userId); // the mock sets the session cookie in this page
}

const rowsOf = (manager: PasskeyManager) => manager.shadowRoot!.querySelectorAll('[part~="row"]:not([part~="skeleton"])');
const rowButton = (row: Element, label: string) => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
const nextEvent = (target: EventTarget, type: string) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
const frame = () => new Promise(requestAnimationFrame);

/** Times render of `count` passkeys, then a rename and a delete of the middle one through the UI, each to the next frame. */
async function timeManager(count: number): Promise<{ render: number; rename: number; remove: number }> {
  await seedManager(count);
  const manager = document.createElement('passkey-manager') as PasskeyManager;
  let start = performance.now();
  stage.replaceChildren(manager);
  while (manager.state === 'loading' || rowsOf(manager).length !== count) await manager.updateComplete.then(frame);
  const render = performance.now() - start;

  const middle = () => rowsOf(manager)[Math.floor(count / 2)]!;
  rowButton(middle(), 'Rename').click();
  await manager.updateComplete;
  const input = middle().querySelector('input')!;
  input.value = 'Renamed';
  input.dispatchEvent(new InputEvent('input'));
  start = performance.now();
  const renamed = nextEvent(manager, 'passkey-credential-renamed');
  middle().querySelector('form')!.requestSubmit();
  await renamed;
  await manager.updateComplete.then(frame);
  const rename = performance.now() - start;

  rowButton(middle(), 'Delete').click();
  await manager.updateComplete;
  start = performance.now();
  const deleted = nextEvent(manager, 'passkey-credential-deleted');
  rowButton(middle(), 'Delete passkey').click();
  await deleted;
  await manager.updateComplete.then(frame);
  const remove = performance.now() - start;
  if (rowsOf(manager).length !== count - 1) throw new Error('the delete did not show');
  return { render, rename, remove };
}

Object.assign(window, {
  bench: {
    kitRegister: (username: string) => timeElement('passkey-register', 'passkey-registered', username),
    kitLogin: (username: string) => timeElement('passkey-login', 'passkey-authenticated', username),
    baselineRegister: timeBaselineRegister,
    baselineLogin: timeBaselineLogin,
    signOut,
    clientRegister: (username: string) => timed(() => client.register({ username })),
    clientLogin: (username: string) => timed(() => client.authenticate({ username })),
    firstRender: timeFirstRender,
    defineCeremonyElements() {
      customElements.define('passkey-register', PasskeyRegister);
      customElements.define('passkey-login', PasskeyLogin);
    },
    sessionUser,
    storedCredentials: () => mock.store.credentials.size,
    manager: timeManager,
    defineManager: () => customElements.define('passkey-manager', PasskeyManager),
  },
});
document.body.dataset.ready = 'true';
