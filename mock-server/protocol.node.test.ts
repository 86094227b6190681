// The mock is the server: the server's whole protocol suite (ceremonies, sessions, challenges, attacks, look-alike
// usernames, cross-site requests, body limits, rate limits, recovery, decoys, CORS, sweeping) runs against the mock's
// own request paths: its MSW handlers (what pages and Node tests use) and its HTTP server (what other origins use).
import { getResponse } from 'msw';
import { runProtocolSuite } from '../server/src/protocol-suite.ts';
import { MemoryStore } from '../server/src/stores/memory.ts';
import { createMockBackend } from './backend.ts';
import { startMockHttpServer } from './serve.ts';

/** The suite's client addresses reach the MSW path in this header (a request through MSW carries no address). */
const CLIENT_IP = 'x-test-client-ip';

/** The same request with one more header. */
function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

runProtocolSuite('the mock, through its MSW handlers', () => new MemoryStore(), (options) => {
  const backend = createMockBackend({ ...options, store: options.store as MemoryStore, clientIp: (request) => request.headers.get(CLIENT_IP) ?? undefined });
  return {
    server: backend.server,
    async transport(request, clientIp) {
      const answer = await getResponse(backend.handlers, withHeader(request, CLIENT_IP, clientIp));
      if (!answer) throw new Error(`No MSW handler answered ${request.method} ${request.url}`);
      return answer;
    },
  };
});

runProtocolSuite('the mock, over HTTP', () => new MemoryStore(), async (options) => {
  // One proxy hop trusted: the suite's client addresses arrive as X-Forwarded-For, as a proxy would send them.
  const running = await startMockHttpServer({ ...options, store: options.store as MemoryStore, port: 0, trustProxy: 1 });
  return {
    server: running.backend.server,
    async transport(request, clientIp) {
      const { pathname, search } = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.set('x-forwarded-for', clientIp);
      return fetch(`${running.url}${pathname}${search}`, {
        method: request.method,
        headers,
        ...(request.body ? { body: request.body, duplex: 'half' } : {}),
        redirect: 'manual',
      } as RequestInit);
    },
    close: () => running.close(),
  };
});
