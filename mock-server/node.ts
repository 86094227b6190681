import { setupServer, type SetupServer } from 'msw/node';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './backend.ts';

export interface NodeMock extends MockBackend {
  readonly msw: SetupServer;
}

/**
 * Starts the mock backend for Node tests: `fetch` to the API is answered in-process, with the request's own cookies.
 * Call `close()` when done.
 */
export function startNodeMock(options: MockBackendOptions = {}): NodeMock {
  const backend = createMockBackend(options);
  const msw = setupServer(...backend.handlers);
  msw.listen({ onUnhandledFrame: 'bypass' });
  return {
    ...backend,
    msw,
    async close() {
      msw.close();
      await backend.close();
    },
  };
}
