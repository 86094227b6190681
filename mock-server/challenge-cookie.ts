import { parseCookie, stringifySetCookie } from 'cookie';
import { signedChallenge } from '../server/src/challenges.ts';
import type { SessionCookieOptions } from '../server/src/cookies.ts';
import { SERVER_ERROR_CODES } from '../server/src/errors.ts';
import { matchEndpoint, type PasskeyEndpoint } from '../server/src/kit.ts';
import { isObject, parseJsonObject } from '../server/src/request-body.ts';
import type { PasskeyServer, RequestContext } from '../server/src/server.ts';

/**
 * The session-cookie-challenge variant of the mock (`challengeCookie: true`): it behaves as a Rails, Django, Laravel
 * or express-session backend that keeps the ceremony's challenge in its session cookie. Every options answer also sets
 * a cookie holding the challenge, and a verify is refused unless that cookie comes back and holds the challenge the
 * authenticator signed. A client that does not send cookies to the API (fetch's default `same-origin` for an API on
 * another origin) fails every ceremony against such a backend.
 */
export const CHALLENGE_COOKIE = 'passkey_challenge';

const OPTIONS: readonly PasskeyEndpoint[] = ['register/options', 'authenticate/options'];
const VERIFY: readonly PasskeyEndpoint[] = ['register/verify', 'authenticate/verify'];

export const isOptionsEndpoint = (endpoint: PasskeyEndpoint | undefined) => endpoint !== undefined && OPTIONS.includes(endpoint);
export const isVerifyEndpoint = (endpoint: PasskeyEndpoint | undefined) => endpoint !== undefined && VERIFY.includes(endpoint);

/**
 * The variant's request path, around a server: `fetch` sets the cookie on options answers and finds the verify
 * requests to refuse; the server's `beforeHandle` answers those with `refusal(request)`, so the refusal comes after
 * any forced fault and with the server's CORS headers.
 */
export class ChallengeCookies {
  readonly #refusals = new WeakMap<Request, Response>();

  /** What the server should answer instead of verifying this request, if anything. */
  refusal(request: Request): Response | undefined {
    return this.#refusals.get(request);
  }

  async fetch(server: PasskeyServer, given: Request, context: RequestContext): Promise<Response> {
    const { apiPath, recoveryPath, cookie, maxBodyBytes, challengeTtlMs } = server.options;
    const endpoint = matchEndpoint(given.method, new URL(given.url).pathname, { apiUrl: apiPath, recoveryUrl: recoveryPath })?.endpoint;
    let request = given;
    if (isVerifyEndpoint(endpoint)) {
      const peeked = await peekBody(given, maxBodyBytes);
      request = peeked.request;
      const refusal = refusalWithoutChallengeCookie(peeked.text, context.cookieHeader ?? given.headers.get('cookie') ?? undefined, cookie);
      if (refusal) this.#refusals.set(request, refusal);
    }
    const response = await server.fetch(request, context);
    let setCookie: string | undefined;
    if (isOptionsEndpoint(endpoint)) {
      const challenge = await challengeOf(response);
      if (challenge) setCookie = challengeSetCookie(cookie, challenge, challengeTtlMs);
    } else if (isVerifyEndpoint(endpoint) && response.status === 200) {
      setCookie = challengeSetCookie(cookie, '', 0); // used up, as a session backend deletes it
    }
    if (setCookie) {
      response.headers.append('set-cookie', setCookie);
      context.onSetCookie?.(setCookie);
    }
    return response;
  }
}

/** The cookie's name beside the session cookie: `__Host-` prefixed when that one is. */
export function challengeCookieName(session: SessionCookieOptions): string {
  return session.name.startsWith('__Host-') ? `__Host-${CHALLENGE_COOKIE}` : CHALLENGE_COOKIE;
}

/** `Set-Cookie` holding `challenge` (or clearing the cookie, for `''`), with the session cookie's attributes. */
export function challengeSetCookie(session: SessionCookieOptions, challenge: string, maxAgeMs: number): string {
  return stringifySetCookie({
    name: challengeCookieName(session),
    value: challenge,
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
    httpOnly: session.httpOnly,
    secure: session.secure,
    sameSite: session.sameSite,
  });
}

/** The challenge of an options answer, if it is one. */
export async function challengeOf(response: Response): Promise<string | undefined> {
  if (response.status !== 200) return undefined;
  try {
    const body: unknown = await response.clone().json();
    return isObject(body) && typeof body.challenge === 'string' ? body.challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads up to `maxBytes` of a request's body without using it up: resolves to a request that still has all of it
 * (what was read, then the rest as it streams in) and, when the whole body fitted, its text. Body limits stay the
 * server's to enforce, on the stream.
 */
export async function peekBody(request: Request, maxBytes: number): Promise<{ request: Request; text: string | undefined }> {
  if (!request.body) return { request, text: undefined };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size <= maxBytes) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const copy = new Request(request.url, { method: request.method, headers: request.headers, body: replay, signal: request.signal, duplex: 'half' } as RequestInit);
  let text: string | undefined;
  if (done) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
    } catch {
      text = undefined;
    }
  }
  return { request: copy, text };
}

/**
 * The refusal of a verify request whose body is `text` (as the server refuses a failed verification: 400
 * `verification-failed`), unless the cookie it carries holds the challenge its credential signed. A body the server
 * refuses anyway (not JSON, no credential) is left to the server.
 */
export function refusalWithoutChallengeCookie(text: string | undefined, cookieHeader: string | undefined, session: SessionCookieOptions): Response | undefined {
  let signed: string;
  try {
    if (text === undefined) return undefined;
    const body = parseJsonObject(text);
    if (!isObject(body.credential)) return undefined;
    signed = signedChallenge(body.credential);
  } catch {
    return undefined;
  }
  const kept = cookieHeader ? parseCookie(cookieHeader)[challengeCookieName(session)] : undefined;
  if (kept !== undefined && kept === signed) return undefined;
  const { status, message } = SERVER_ERROR_CODES['verification-failed'];
  return Response.json({ error: message, code: 'verification-failed' }, { status });
}
