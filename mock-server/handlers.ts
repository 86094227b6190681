import { http, HttpResponse, type HttpHandler } from 'msw';
import type { RequestContext } from '../server/src/server.ts';
import { PASSKEY_ENDPOINTS, PROTOCOL, matchEndpoint, trimSlash, type PasskeyEndpoint, type ProtocolBases } from '../server/src/kit.ts';

/** What the handlers hand every request to: the mock's server (with its test-only extras). */
export type MockFetch = (request: Request, context: RequestContext) => Promise<Response>;

export interface HandlerOptions {
  /** Where the endpoints are: relative bases (`/api/passkey`) match on any origin, absolute ones on theirs only. */
  bases: ProtocolBases;
  /** Receives each `Set-Cookie` of an answer: in a page, the mock writes it to `document.cookie`. */
  onSetCookie?: ((setCookie: string) => void) | undefined;
  /** The client address of a request, for the rate limits (MSW's requests carry none). */
  clientIp?: ((request: Request) => string | undefined) | undefined;
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~\w]+$/;

/**
 * MSW's cookies of a request as a `Cookie` header: in a page, a service worker's request cannot carry one, so MSW reads
 * `document.cookie` for it; in Node they are the request's own.
 */
function cookieHeaderOf(cookies: Record<string, string>): string | undefined {
  const pairs = Object.entries(cookies).filter(([name]) => COOKIE_NAME.test(name));
  return pairs.length === 0 ? undefined : pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
}

/** A base URL split into the origin it must be on (none for a relative base) and its path. */
function parseBase(base: string): { origin: string | undefined; path: string } {
  const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(base);
  const url = new URL(base, 'http://localhost');
  return { origin: absolute ? url.origin : undefined, path: trimSlash(url.pathname) };
}

/**
 * The MSW handlers of the mock: one per endpoint of the protocol table, matching its method and path as the server
 * does (`matchEndpoint`), then one for anything else under the bases, so unknown paths, wrong methods and overlong
 * URLs get the server's own 404, 405 and 414. Every one hands the request to `fetch`.
 */
export function createHandlers(fetch: MockFetch, { bases, onSetCookie, clientIp }: HandlerOptions): HttpHandler[] {
  const api = parseBase(bases.apiUrl);
  const recovery = parseBase(bases.recoveryUrl);
  const paths: ProtocolBases = { apiUrl: api.path, recoveryUrl: recovery.path };

  /** The request's path, when it is on the origin of the base it would belong to. */
  const onOrigin = (request: Request, base: { origin: string | undefined }) => {
    const url = new URL(request.url);
    return base.origin === undefined || base.origin === url.origin ? url.pathname : undefined;
  };
  const isEndpoint = (endpoint: PasskeyEndpoint) => ({ request }: { request: Request }) => {
    const pathname = onOrigin(request, PROTOCOL[endpoint].base === 'api' ? api : recovery);
    return pathname !== undefined && matchEndpoint(request.method, pathname, paths)?.endpoint === endpoint;
  };
  const isUnderBases = ({ request }: { request: Request }) =>
    [api, recovery].some((base) => {
      const pathname = onOrigin(request, base);
      return pathname !== undefined && pathname.startsWith(`${base.path}/`);
    });

  const handle = async ({ request, cookies }: { request: Request; cookies: Record<string, string> }) =>
    asSent(await fetch(request, { cookieHeader: cookieHeaderOf(cookies), onSetCookie, clientIp: clientIp?.(request) }), onSetCookie !== undefined);
  const verbs = { GET: http.get, POST: http.post, PATCH: http.patch, DELETE: http.delete };
  return [
    ...PASSKEY_ENDPOINTS.map((endpoint) => verbs[PROTOCOL[endpoint].method](isEndpoint(endpoint), handle)),
    http.all(isUnderBases, handle),
  ];
}

/**
 * The answer as an HTTP server would send it: with the reason phrase of its status (`500 Internal Server Error`, which
 * the client quotes). Where `Set-Cookie` was handed to `onSetCookie` (a page), it is taken out, so that MSW does not
 * keep a copy of the session cookie of its own.
 */
function asSent(response: Response, cookiesHandedOver: boolean): Response {
  if (response.type === 'error') return response; // a forced network error
  // As entries: under msw/node, `new Headers(headers)` can lose a header set before (its interceptor patches Headers).
  const headers = [...response.headers].filter(([name]) => !(cookiesHandedOver && name === 'set-cookie'));
  return new HttpResponse(response.body, { status: response.status, headers });
}
