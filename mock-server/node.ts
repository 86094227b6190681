import { setupServer, type SetupServer } from 'msw/node';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './index.ts';

export interface NodeMock extends MockBackend {
  readonly server: SetupServer;
}

/** Starts the mock backend for Node tests: `fetch` to the API is answered in-process. Call `server.close()` when done. */
export function startNodeMock(options: MockBackendOptions = {}): NodeMock {
  const backend = createMockBackend(options);
  const server = setupServer(...backend.handlers);
  server.listen({ onUnhandledFrame: 'bypass' });
  return { ...backend, server };
}
