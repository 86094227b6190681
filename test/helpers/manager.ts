import { waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { BrowserMock } from '../../mock-server/browser.ts';
import type { StoredCredential } from '../../mock-server/store.ts';
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

/** What the screen-reader-only live region said last. */
export function announced(el: Element): string {
  return text(el.shadowRoot!.querySelector('#announcer'));
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

let serial = 0;

/** Puts a passkey straight into the mock's store, as if registered earlier: for lists a ceremony per row would make slow. */
export function storeCredential(mock: BrowserMock, userId: string, fields: Partial<StoredCredential> = {}): StoredCredential {
  const id = `stored-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
  const credential: StoredCredential = {
    id,
    userId,
    publicKey: 'AA',
    counter: 0,
    transports: ['internal'],
    aaguid: '00000000-0000-0000-0000-000000000000',
    backedUp: false,
    deviceType: 'singleDevice',
    createdAt: new Date().toISOString(),
    ...fields,
  };
  mock.store.credentials.set(id, credential);
  return credential;
}

/** A backend whose `GET /session` names the user but not the WebAuthn user handle (the mock sends it). */
export function sessionWithoutUserHandle(mock: BrowserMock): void {
  mock.worker.use(
    http.get('*/api/passkey/session', ({ cookies }) => {
      const user = mock.verifier.sessionUser(cookies.passkey_session);
      if (!user) return HttpResponse.json({ error: 'Not signed in', code: 'unauthorized' }, { status: 401 });
      const { userId, username, displayName } = user;
      return HttpResponse.json({ userId, username, displayName });
    }),
  );
}

const SIGNALS = ['signalAllAcceptedCredentials', 'signalCurrentUserDetails', 'signalUnknownCredential'] as const;
export type SignalName = (typeof SIGNALS)[number];

/**
 * Replaces the Signal API's static methods for one test: the virtual authenticator cannot observe these calls,
 * so the test spies on them. With `missing`, the browser seems not to have them at all. `restore()` puts back
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
