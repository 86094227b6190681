import { http, HttpResponse, type HttpHandler } from 'msw';
import { MOCK_ENDPOINTS, type MockEndpoint, type MockFault } from './faults.ts';
import type { MockBackend } from './index.ts';
import { isObject } from './validate.ts';

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
    // `:endpoint+` takes the slashes of names like `authenticate/verify` (URL-encoded `%2F` works too).
    http.put(at('/faults/:endpoint+'), async ({ params, request }) => {
      const endpoint = String(params.endpoint) as MockEndpoint;
      if (!MOCK_ENDPOINTS.includes(endpoint)) return HttpResponse.json({ error: `Unknown endpoint ${endpoint}` }, { status: 404 });
      const fault = await readJsonObject(request);
      if (!fault) return badJson();
      backend.faults.force(endpoint, fault as MockFault);
      return HttpResponse.json({ success: true });
    }),
    http.put(at('/latency'), async ({ request }) => {
      const body = await readJsonObject(request);
      if (!body) return badJson();
      backend.faults.latency = Number(body.ms) || 0;
      return HttpResponse.json({ success: true });
    }),
    http.delete(at('/faults'), () => {
      backend.faults.reset();
      return HttpResponse.json({ success: true });
    }),
  ];
}

async function readJsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = await request.json();
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const badJson = () => HttpResponse.json({ error: 'The body must be a JSON object' }, { status: 400 });
