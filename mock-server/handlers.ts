import { stringifySetCookie } from 'cookie';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockFaults, MockEndpoint } from './faults.ts';
import { MockHttpError } from './http-error.ts';
import { MAX_BODY_BYTES, parseJsonObject, type JsonObject } from './validate.ts';
import type { MockVerifier } from './verifier.ts';
import type { StoredUser } from './store.ts';

export interface SessionCookieOptions {
  name: string;
  /** Off in the browser: the worker's mocked cookies go through `document.cookie`, which refuses HttpOnly. */
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none';
}

export interface HandlerOptions {
  apiUrl: string;
  recoveryUrl: string;
  cookie: SessionCookieOptions;
}

interface RouteContext {
  body: JsonObject;
  params: Record<string, string>;
  sessionId: string | undefined;
  user: StoredUser | undefined;
}

type Resolve = (context: RouteContext) => unknown;

/** A relative base (`/api/passkey`) matches on any origin, so the same handlers serve a page, Node tests and the HTTP server. */
function urlPattern(base: string, path: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return `${trimmed.startsWith('/') ? '*' : ''}${trimmed}${path}`;
}

/** The MSW handlers of the whole protocol, bound to `apiUrl` and `recoveryUrl`. */
export function createHandlers(verifier: MockVerifier, faults: MockFaults, options: HandlerOptions): HttpHandler[] {
  const api = (path: string) => urlPattern(options.apiUrl, path);

  const route =
    (endpoint: MockEndpoint, needsBody: boolean, resolve: Resolve) =>
    async ({ request, params, cookies }: { request: Request; params: Record<string, string | readonly string[] | undefined>; cookies: Record<string, string> }) => {
      const forced = await faults.intercept(endpoint);
      if (forced) return forced;
      try {
        const sessionId = cookies[options.cookie.name] || undefined;
        const body = needsBody ? parseJsonObject(await readBody(request)) : {};
        const result = await resolve({ body, params: params as Record<string, string>, sessionId, user: verifier.sessionUser(sessionId) });
        return result instanceof Response ? result : HttpResponse.json(result as never);
      } catch (error) {
        return errorResponse(error);
      }
    };

  const signedIn = (resolve: (context: RouteContext & { user: StoredUser }) => unknown): Resolve => (context) => {
    if (!context.user) throw new MockHttpError(401, 'Not signed in', 'unauthorized');
    return resolve(context as RouteContext & { user: StoredUser });
  };

  const withSession = (result: { userId: string }) =>
    HttpResponse.json(result, { headers: { 'Set-Cookie': sessionCookie(options.cookie, verifier.startSession(result.userId), verifier.config.sessionTtlMs) } });

  return [
    http.post(api('/register/options'), route('register/options', true, ({ body, user }) => verifier.registrationOptions(body, user?.userId))),
    http.post(api('/register/verify'), route('register/verify', true, async ({ body }) => withSession(await verifier.verifyRegistration(body)))),
    http.post(api('/authenticate/options'), route('authenticate/options', true, ({ body }) => verifier.authenticationOptions(body))),
    http.post(api('/authenticate/verify'), route('authenticate/verify', true, async ({ body }) => withSession(await verifier.verifyAuthentication(body)))),
    http.get(api('/credentials'), route('credentials/list', false, signedIn(({ user }) => verifier.listCredentials(user.userId)))),
    http.patch(api('/credentials/:id'), route('credentials/rename', true, signedIn(({ user, params, body }) => verifier.renameCredential(user.userId, params.id!, body)))),
    http.delete(api('/credentials/:id'), route('credentials/delete', false, signedIn(({ user, params }) => verifier.deleteCredential(user.userId, params.id!)))),
    http.get(api('/session'), route('session', false, signedIn(({ user }) => ({ userId: user.userId, username: user.username, displayName: user.displayName, userHandle: user.userHandle })))),
    http.delete(api('/session'), route('session', false, ({ sessionId }) => {
      verifier.endSession(sessionId);
      return HttpResponse.json({ success: true }, { headers: { 'Set-Cookie': sessionCookie(options.cookie, '', 0) } });
    })),
    http.post(urlPattern(options.recoveryUrl, '/recovery/send'), route('recovery/send', true, ({ body }) => verifier.sendRecovery(body))),
  ];
}

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new MockHttpError(400, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
  return request.text();
}

function sessionCookie(cookie: SessionCookieOptions, value: string, maxAgeMs: number): string {
  return stringifySetCookie({
    name: cookie.name,
    value,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
  });
}

function errorResponse(error: unknown): Response {
  if (error instanceof MockHttpError) {
    return HttpResponse.json({ error: error.message, ...(error.code ? { code: error.code } : {}) }, { status: error.status });
  }
  // Reaching this is a bug in the mock: say so loudly rather than pretend the request was bad.
  console.error('[passkey-elements mock]', error);
  return HttpResponse.json({ error: 'The mock backend failed unexpectedly' }, { status: 500 });
}
