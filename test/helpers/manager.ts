import { fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { TemplateResult } from 'lit';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyClient, PROTOCOL, type PasskeyEndpoint, type RegistrationResult } from '../../src/client/index.ts';
import { VirtualAuthenticator } from './authenticator.ts';
import { freshMock } from './mock.ts';
import type { StoredCredential } from 'passkey-elements-mock';
import type { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';
import { click } from './element.ts';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The passkey rows on screen (not the loading placeholders). */
export function rows(el: Element): HTMLLIElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('[part~="row"]:not([part~="skeleton"])')];
}

/** The names on screen, top to bottom. */
export function names(el: Element): string[] {
  return rows(el).map((row) => text(row.querySelector('[part~="name"]')));
}

/** The row of the passkey named `name`. */
export function row(el: Element, name: string): HTMLLIElement {
  const found = rows(el).find((candidate) => text(candidate.querySelector('[part~="name"]')) === name);
  if (!found) throw new Error(`No passkey "${name}"; there are: ${names(el).join(', ')}`);
  return found;
}

/** The button in a row whose text reads `label`. */
export function rowButton(rowElement: Element, label: string): HTMLButtonElement {
  const buttons = [...rowElement.querySelectorAll('button')];
  const found = buttons.find((candidate) => text(candidate) === label);
  if (!found) throw new Error(`No button "${label}" in the row; buttons: ${buttons.map(text).join(', ')}`);
  return found;
}

/** Clicks a button with the real mouse, scrolled into view first (row 400 of 500 is below the fold). */
export async function press(target: HTMLElement): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  await click(target);
}

/** The virtual authenticator's credential ids are base64; the protocol's are base64url. */
export function base64url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What a part of a row says. */
export function rowText(rowElement: Element, part: string): string {
  return text(rowElement.querySelector(`[part~="${part}"]`));
}

/** Where focus is, as a person would say it: "Work laptop › Rename", or a button's or field's name outside rows. */
export function focusedIn(el: Element): string {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  if (!active) return '';
  const label = active instanceof HTMLInputElement ? text(active.labels?.[0]) : text(active);
  const rowElement = active.closest('[part~="row"]');
  return rowElement ? `${text(rowElement.querySelector('[part~="name"]'))} › ${label}` : label;
}

/** The editor of a row's name, while it is open. */
export function nameInput(rowElement: Element): HTMLInputElement {
  const input = rowElement.querySelector<HTMLInputElement>('[part~="rename-form"] input');
  if (!input) throw new Error('The row has no open name editor');
  return input;
}

/**
 * What the live regions say now: the status under the list (what was added, renamed or deleted, which the eye sees
 * too) and the screen-reader-only one (why a row's rename or delete failed, which the row shows).
 */
export function announced(el: Element): string {
  const regions = [el.shadowRoot!.querySelector('[part~="message"]'), el.shadowRoot!.querySelector('#announcer')];
  return regions.map(text).filter(Boolean).join(' | ');
}

/** Waits until the list answered and is rendered (no load in flight). */
export async function loaded(el: PasskeyManager): Promise<void> {
  await waitUntil(
    () => el.state !== 'loading' && !el.shadowRoot!.querySelector('[aria-busy="true"]:is([part~="list"], [part~="retry-button"])'),
    `the list never loaded (state ${el.state})`,
    { timeout: 10_000 },
  );
  await el.updateComplete;
}

/** The element from `template` (default: a bare `<passkey-manager>`), its list loaded. */
export async function openManager(template: TemplateResult = html`<passkey-manager></passkey-manager>`): Promise<PasskeyManager> {
  const el = await fixture<PasskeyManager>(template);
  await loaded(el);
  return el;
}

/** A fresh mock backend and authenticator, and alice signed in with one passkey made on it. */
export async function aliceSignedIn(): Promise<{ mock: BrowserMock; authenticator: VirtualAuthenticator; alice: RegistrationResult }> {
  const mock = await freshMock();
  const authenticator = await VirtualAuthenticator.add();
  const alice = await new PasskeyClient().register({ username: 'alice' });
  return { mock, authenticator, alice };
}

/** A client that records the endpoint of every request it sends. */
export function spyClient(options: ConstructorParameters<typeof PasskeyClient>[0] = {}): { client: PasskeyClient; requests: PasskeyEndpoint[] } {
  const requests: PasskeyEndpoint[] = [];
  return { client: new PasskeyClient({ ...options, onRequest: (request) => void requests.push(request.endpoint) }), requests };
}

/** A passkey's fields as a test writes them: dates as ISO strings (or ms), any other field as the store keeps it. */
export type PasskeyFields = Partial<Omit<StoredCredential, 'userId' | 'createdAt' | 'lastUsedAt'>> & {
  createdAt?: string | number;
  lastUsedAt?: string | number;
};

const stored = (fields: PasskeyFields): Partial<StoredCredential> => {
  const { createdAt, lastUsedAt, ...rest } = fields;
  const ms = (date: string | number | undefined) => (date === undefined ? undefined : new Date(date).getTime());
  return { ...rest, ...(createdAt !== undefined ? { createdAt: ms(createdAt) } : {}), ...(lastUsedAt !== undefined ? { lastUsedAt: ms(lastUsedAt) } : {}) };
};

/**
 * Puts a passkey of `userId` straight into the mock's store, as if registered earlier: for lists a ceremony per row
 * would make slow. Unless given, a device-bound, built-in passkey of an unknown provider, made now. (The store keeps
 * only what the server would: known transports, for one. Hostile fields need `mock.worker.use()`.)
 */
export function storeCredential(mock: BrowserMock, userId: string, fields: PasskeyFields = {}): StoredCredential {
  const defaults: PasskeyFields = { transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000', backedUp: false, deviceType: 'singleDevice' };
  return mock.seed.credential(userId, stored({ ...defaults, ...fields }));
}

/** The passkey `id` as the mock's store has it now. */
export function storedCredential(mock: BrowserMock, id: string): StoredCredential | undefined {
  return mock.store.credentials.get(id);
}

/** The ids of `userId`'s passkeys in the mock's store. */
export function storedIds(mock: BrowserMock, userId: string): string[] {
  return [...mock.store.credentials.values()].filter((credential) => credential.userId === userId).map(({ id }) => id);
}

/** Takes passkey `id` out of the mock's store, as if deleted elsewhere. */
export function deleteStored(mock: BrowserMock, id: string): void {
  const credential = mock.store.credentials.get(id);
  if (credential) void mock.store.deleteCredential(credential.userId, id);
}

/**
 * Changes fields of a stored passkey (one a ceremony made, too: it still signs in), as if changed elsewhere. The
 * store has no such method: the passkey is taken out and put back, same id and key, with the fields changed.
 */
export function changeStored(mock: BrowserMock, id: string, fields: PasskeyFields): StoredCredential {
  const credential = mock.store.credentials.get(id);
  if (!credential) throw new Error(`No stored passkey ${id}`);
  const { userId, ...rest } = credential;
  deleteStored(mock, id);
  return mock.seed.credential(userId, { ...rest, ...stored(fields) });
}

/**
 * A backend that lacks an optional endpoint of the protocol, as the implementation guide's servers do: every request to
 * it gets `status` (404, or 405 from a framework that knows the path for other methods).
 */
export function withoutEndpoint(mock: BrowserMock, endpoint: 'session' | 'credentials/rename', status: 404 | 405): void {
  const { method, path } = PROTOCOL[endpoint];
  const handle = { GET: http.get, PATCH: http.patch }[method];
  mock.worker.use(handle(`*/api/passkey${path}`, () => new HttpResponse(`Cannot ${method} ${path}`, { status, headers: { 'content-type': 'text/plain' } })));
}

/** In a handler of `mock.worker.use()`: what the mock itself answers the request (with the page's cookies). */
export function mockAnswer(mock: BrowserMock, { request, cookies }: { request: Request; cookies: Record<string, string> }): Promise<Response> {
  const cookieHeader = Object.entries(cookies).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  return mock.fetch(request, { cookieHeader });
}

/** A backend whose `GET /session` answers what `change` makes of the mock's answer (when it is signed in). */
export function rewriteSession(mock: BrowserMock, change: (session: Record<string, unknown>) => Record<string, unknown>): void {
  mock.worker.use(
    http.get(`*/api/passkey${PROTOCOL.session.path}`, async (info) => {
      const answer = await mockAnswer(mock, info);
      return answer.ok ? HttpResponse.json(change((await answer.json()) as Record<string, unknown>)) : answer;
    }),
  );
}

/**
 * A backend whose `GET /credentials` lists `extra` after the mock's own passkeys: raw JSON, as hostile as a test likes,
 * which `DELETE /credentials/:id` deletes (from `extra`) like any other.
 */
export function listAlso(mock: BrowserMock, extra: Record<string, unknown>[]): void {
  mock.worker.use(
    http.get(`*/api/passkey${PROTOCOL['credentials/list'].path}`, async (info) => {
      const answer = await mockAnswer(mock, info);
      return answer.ok ? HttpResponse.json([...((await answer.json()) as unknown[]), ...extra]) : answer;
    }),
    http.delete(`*/api/passkey${PROTOCOL['credentials/delete'].path}`, ({ params }) => {
      const index = extra.findIndex((credential) => credential.id === params.id);
      if (index < 0) return undefined; // the mock's own
      extra.splice(index, 1);
      return HttpResponse.json({ success: true });
    }),
  );
}

/** A backend whose `GET /session` names the user but not the WebAuthn user handle (the mock sends it). */
export function sessionWithoutUserHandle(mock: BrowserMock): void {
  rewriteSession(mock, ({ userHandle: _, ...session }) => session);
}

const SIGNALS = ['signalAllAcceptedCredentials', 'signalCurrentUserDetails', 'signalUnknownCredential'] as const;
export type SignalName = (typeof SIGNALS)[number];

/**
 * Replaces the Signal API's static methods for one test, to see each call's exact arguments. Chromium's virtual
 * authenticator does act on the real calls (it drops or updates passkeys, as a provider does): tests that check that
 * effect leave the methods in place. With `missing`, the browser seems not to have them at all. `restore()` puts back
 * what was there.
 */
export function spySignals({ missing = false } = {}) {
  const calls: { signal: SignalName; options: Record<string, unknown> }[] = [];
  const target = PublicKeyCredential as unknown as Record<string, unknown>;
  const originals = SIGNALS.map((name) => [name, Object.getOwnPropertyDescriptor(target, name)] as const);
  for (const signal of SIGNALS) {
    Object.defineProperty(target, signal, {
      configurable: true,
      writable: true,
      value: missing ? undefined : async (options: Record<string, unknown>) => void calls.push({ signal, options }),
    });
  }
  return {
    calls,
    restore() {
      for (const [name, descriptor] of originals) {
        if (descriptor) Object.defineProperty(target, name, descriptor);
        else delete target[name];
      }
    },
  };
}

/** A promise the test opens when it wants: holds a request for as long as the test needs, whatever the machine's speed. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Every event of `type` that reaches `document` from now on (also those fired before a test gets hold of the element). */
export function listen<K extends keyof DocumentEventMap>(type: K): { events: DocumentEventMap[K][]; stop: () => void } {
  const events: DocumentEventMap[K][] = [];
  const handler = (event: DocumentEventMap[K]) => void events.push(event);
  document.addEventListener(type, handler);
  return { events, stop: () => document.removeEventListener(type, handler) };
}
