import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './backend.ts';

export interface BrowserMock extends MockBackend {
  readonly worker: SetupWorker;
}

/**
 * Starts the mock backend in this page through MSW's service worker. The page's server must serve msw's
 * `mockServiceWorker.js` at `workerUrl`. The session cookie lives in `document.cookie` (not HttpOnly: a page's script
 * sets it for the worker).
 */
export async function startBrowserMock(options: MockBackendOptions & { workerUrl?: string; quiet?: boolean } = {}): Promise<BrowserMock> {
  const { workerUrl = '/mockServiceWorker.js', quiet = true, ...backendOptions } = options;
  const backend = createMockBackend(backendOptions);
  const worker = setupWorker(...backend.handlers);
  await worker.start({ serviceWorker: { url: workerUrl }, quiet, onUnhandledFrame: 'bypass' });
  return { ...backend, worker };
}
