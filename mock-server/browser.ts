import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './index.ts';

export interface BrowserMock extends MockBackend {
  readonly worker: SetupWorker;
}

/**
 * Starts the mock backend in this page through MSW's service worker.
 * The page's server must serve msw's `mockServiceWorker.js` at `workerUrl`.
 */
export async function startBrowserMock(options: MockBackendOptions & { workerUrl?: string; quiet?: boolean } = {}): Promise<BrowserMock> {
  const backend = createMockBackend(options);
  const worker = setupWorker(...backend.handlers);
  await worker.start({
    serviceWorker: { url: options.workerUrl ?? '/mockServiceWorker.js' },
    quiet: options.quiet ?? true,
    onUnhandledFrame: 'bypass',
  });
  return { ...backend, worker };
}
