import { http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_ENDPOINTS, type MockEndpoint, type MockFault } from './faults.ts';
import type { MockBackend } from './index.ts';

/**
 * Control endpoints for apps that reach the mock over HTTP (`npm run mock-server`):
 * read the outbox, force faults, reset. They sit under `/__mock` and are never part of the protocol.
 */
export function createAdminHandlers(backend: MockBackend, base = '/__mock'): HttpHandler[] {
  const at = (path: string) => `*${base}${path}`;
  return [
    http.get(at('/outbox'), () => HttpResponse.json(backend.store.outbox)),
    http.get(at('/store'), () => HttpResponse.json(backend.store.snapshot())),
    http.post(at('/reset'), () => {
      backend.reset();
      return HttpResponse.json({ success: true });
    }),
    http.put(at('/faults/:endpoint'), async ({ params, request }) => {
      const endpoint = params.endpoint as MockEndpoint;
      if (!MOCK_ENDPOINTS.includes(endpoint)) return HttpResponse.json({ error: `Unknown endpoint ${endpoint}` }, { status: 404 });
      backend.faults.force(endpoint, (await request.json()) as MockFault);
      return HttpResponse.json({ success: true });
    }),
    http.put(at('/latency'), async ({ request }) => {
      const { ms } = (await request.json()) as { ms: number };
      backend.faults.latency = Number(ms) || 0;
      return HttpResponse.json({ success: true });
    }),
    http.delete(at('/faults'), () => {
      backend.faults.reset();
      return HttpResponse.json({ success: true });
    }),
  ];
}
