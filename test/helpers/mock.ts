import { startBrowserMock, type BrowserMock } from 'passkey-elements-mock/browser';
import { DEFAULT_API_URL, defaultRecoveryUrl, endpointUrl, type PasskeyEndpoint } from '../../src/client/protocol.ts';

/** The URL of `endpoint` on the page's mock (the protocol table's, at the default bases). */
export const api = (endpoint: PasskeyEndpoint, id?: string): string =>
  endpointUrl(endpoint, { apiUrl: DEFAULT_API_URL, recoveryUrl: defaultRecoveryUrl(DEFAULT_API_URL) }, id);

let running: Promise<BrowserMock> | undefined;

/**
 * The mock backend for this test page, started once per page and reset before each test:
 * a fresh store, no faults, handlers as created, and no session cookie.
 */
export async function freshMock(): Promise<BrowserMock> {
  running ??= startBrowserMock();
  const mock = await running;
  mock.worker.resetHandlers();
  await signOut();
  mock.reset();
  return mock;
}

/** Ends the page's mock session, as a sign-out would; the mock keeps its session cookie in `document.cookie`. */
export async function signOut(): Promise<void> {
  await fetch(api('session/end'), { method: 'DELETE' });
  document.cookie = 'passkey_session=; Max-Age=0; path=/';
}

/** Deletes every passkey in the mock's store, as if removed on the server: the authenticator still holds them. */
export async function forgetPasskeys(mock: BrowserMock): Promise<void> {
  for (const { userId, id } of [...mock.store.credentials.values()]) await mock.store.deleteCredential(userId, id);
}
