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
  if (origin !== undefined) for (const [name, value] of Object.entries(corsHeaders(origin))) headers.set(name, value);
  return response;
}

/** `withCors` for headers not yet in a `Response`: the server's own answers are built once, with all their headers. */
export function addCors(headers: Record<string, string>, origin: string | undefined): Record<string, string> {
  const vary = headers['vary'];
  if (vary === undefined) headers['vary'] = 'Origin';
  else if (!/\borigin\b/i.test(vary)) headers['vary'] = `${vary}, Origin`;
  return origin === undefined ? headers : Object.assign(headers, corsHeaders(origin));
}

function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'Retry-After' };
}

/** The headers of a preflight's answer: the methods of the protocol and whatever headers the page's client asked for. */
export function preflightHeaders(request: Request, origin: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { vary: 'Origin, Access-Control-Request-Headers' };
  if (origin !== undefined) {
    const asked = request.headers.get('access-control-request-headers')?.trim();
    headers['access-control-allow-methods'] = METHODS;
    headers['access-control-allow-headers'] = asked && HEADER_LIST.test(asked) ? asked : 'content-type';
    headers['access-control-max-age'] = '600';
  }
  return headers;
}
