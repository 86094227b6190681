/**
 * CORS with credentials, for the configured page origins only: the exact origin is echoed with
 * `Access-Control-Allow-Credentials: true`; any other origin (and the sandboxed `null`) gets no CORS header, so its
 * browser keeps the answer from it.
 */

const METHODS = 'GET, POST, PATCH, DELETE';
/** A comma-separated list of header names, as `Access-Control-Request-Headers` carries. */
const HEADER_LIST = /^[!#$%&'*+\-.^_`|~\w]+(\s*,\s*[!#$%&'*+\-.^_`|~\w]+)*$/;

/** The request's `Origin` when it is one of `origins`. */
export function allowedOrigin(request: Request, origins: readonly string[]): string | undefined {
  const origin = request.headers.get('origin');
  return origin !== null && origins.includes(origin) ? origin : undefined;
}

/** Adds the CORS headers (for an allowed origin) and `Vary: Origin` (always: the answer depends on it). */
export function withCors(response: Response, origin: string | undefined): Response {
  const headers = response.headers;
  if (!/\borigin\b/i.test(headers.get('vary') ?? '')) headers.append('vary', 'Origin');
  if (origin !== undefined) {
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
    headers.set('access-control-expose-headers', 'Retry-After');
  }
  return response;
}

/** The answer to a preflight: the methods of the protocol and whatever headers the page's client asked for. */
export function preflight(request: Request, origin: string | undefined): Response {
  const headers = new Headers({ vary: 'Origin, Access-Control-Request-Headers' });
  if (origin !== undefined) {
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
    headers.set('access-control-allow-methods', METHODS);
    const asked = request.headers.get('access-control-request-headers')?.trim();
    headers.set('access-control-allow-headers', asked && HEADER_LIST.test(asked) ? asked : 'content-type');
    headers.set('access-control-max-age', '600');
  }
  return new Response(null, { status: 204, headers });
}
