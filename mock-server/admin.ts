import { isObject, parseJsonObject, readBodyText } from '../server/src/request-body.ts';
import type { MockBackend } from './backend.ts';
import { isPasskeyEndpoint, type MockFault } from './faults.ts';

/** Where the admin endpoints are. */
export const ADMIN_BASE = '/__mock';

/** Host names the admin endpoints answer: a page on another host (DNS rebinding included) never reaches them. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_ADMIN_BODY_BYTES = 16 * 1024;
const FAULT_PREFIX = '/faults/';

/**
 * The mock's admin endpoints, for tools that reach the mock over HTTP (tests, the backend checker, curl):
 *
 *   GET    /__mock/outbox              the recovery mails (their links sign anyone in: hence the guards below)
 *   GET    /__mock/store               everything stored
 *   POST   /__mock/reset               forget everything
 *   PUT    /__mock/faults/<endpoint>   force a fault (a MockFault as JSON); DELETE /__mock/faults clears them all
 *   PUT    /__mock/latency             { "ms": 500 }
 *
 * They exist only when asked for (`startMockHttpServer({ admin: true })`, `--admin`), answer only a localhost `Host`,
 * refuse anything a browser marks as sent from another page, and need `Authorization: Bearer <token>`.
 *
 * Returns a handler that answers requests under `/__mock` and resolves to undefined for every other request.
 */
export function createAdminHandler(backend: MockBackend, token: string): (request: Request) => Promise<Response | undefined> {
  if (token.length < 32) throw new TypeError('createAdminHandler: the token must be at least 32 characters');
  const routes: Record<string, (request: Request, rest: string) => Promise<Response> | Response> = {
    'GET /outbox': () => json(backend.outbox),
    'GET /store': () => json(backend.store.snapshot()),
    'POST /reset': () => {
      backend.reset();
      return json({ success: true });
    },
    'DELETE /faults': () => {
      backend.faults.reset();
      return json({ success: true });
    },
    'PUT /faults/': async (request, rest) => {
      const endpoint = safeDecode(rest);
      if (endpoint === undefined || !isPasskeyEndpoint(endpoint)) return refusal(404, `Unknown endpoint ${rest.slice(0, 100)}`);
      const fault = readFault(await readJson(request));
      if (typeof fault === 'string') return refusal(400, fault);
      backend.faults.force(endpoint, fault);
      return json({ success: true });
    },
    'PUT /latency': async (request) => {
      const body = await readJson(request);
      const ms = isObject(body) ? body.ms : undefined;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) return refusal(400, 'The body must be { "ms": 0…600000 }');
      backend.faults.latency = ms;
      return json({ success: true });
    },
  };

  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname !== ADMIN_BASE && !url.pathname.startsWith(`${ADMIN_BASE}/`)) return undefined;
    const host = request.headers.get('host') ?? url.host;
    if (!LOCAL_HOSTS.has(host.replace(/:\d+$/, '').toLowerCase())) return refusal(403, 'The admin endpoints answer only on localhost');
    const fetchSite = request.headers.get('sec-fetch-site');
    const origin = request.headers.get('origin');
    if ((fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') || (origin !== null && origin !== `${url.protocol}//${host}`)) {
      return refusal(403, 'The admin endpoints do not answer other pages');
    }
    const presented = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (presented === undefined) return refusal(401, 'Send the admin token printed at start as Authorization: Bearer <token>', { 'www-authenticate': 'Bearer' });
    if (!sameSecret(presented, token)) return refusal(403, 'Wrong admin token');

    // `/faults/<endpoint>`: the endpoint's slashes may come as they are or encoded (`authenticate%2Fverify`).
    const path = url.pathname.slice(ADMIN_BASE.length);
    const [route, rest] = path.startsWith(FAULT_PREFIX) ? [FAULT_PREFIX, path.slice(FAULT_PREFIX.length)] : [path, ''];
    const answer = routes[`${request.method} ${route}`];
    return answer ? answer(request, rest) : refusal(404, 'Not found');
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

function refusal(status: number, error: string, headers: Record<string, string> = {}): Response {
  return json({ error, code: 'mock-admin' }, status, headers);
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return parseJsonObject(await readBodyText(request, MAX_ADMIN_BODY_BYTES));
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** A MockFault from JSON, or what is wrong with it. */
function readFault(body: unknown): MockFault | string {
  if (!isObject(body)) return 'The body must be a JSON object (a MockFault)';
  const { status, headers, delay, networkError, times } = body;
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)) return 'status must be 200…599';
  if (headers !== undefined && !(isObject(headers) && Object.values(headers).every((value) => typeof value === 'string'))) return 'headers must map names to strings';
  if (delay !== undefined && delay !== 'infinite' && !(typeof delay === 'number' && delay >= 0 && delay <= 600_000)) return 'delay must be 0…600000 or "infinite"';
  if (networkError !== undefined && typeof networkError !== 'boolean') return 'networkError must be a boolean';
  if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 1)) return 'times must be a whole number from 1';
  return body as MockFault;
}

/** Compares a presented secret with the real one in time that depends only on their lengths. */
function sameSecret(presented: string, secret: string): boolean {
  let difference = presented.length ^ secret.length;
  for (let i = 0; i < secret.length; i++) difference |= secret.charCodeAt(i) ^ presented.charCodeAt(i % Math.max(1, presented.length));
  return difference === 0;
}
