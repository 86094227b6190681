import { startBrowserMock, type BrowserMock } from '../../mock-server/browser.ts';

let running: Promise<BrowserMock> | undefined;

/**
 * The mock backend for this test page, started once per page and reset before each test:
 * a fresh store, no faults, handlers as created, and no session cookie.
 */
export async function freshMock(): Promise<BrowserMock> {
  running ??= startBrowserMock();
  const mock = await running;
  mock.worker.resetHandlers();
  await signOut(); // also clears MSW's own copy of the mocked session cookie
  mock.reset();
  return mock;
}

/** Ends the page's mock session, as a sign-out would. */
export async function signOut(): Promise<void> {
  await fetch('/api/passkey/session', { method: 'DELETE' });
  document.cookie = 'passkey_session=; Max-Age=0; path=/';
}
