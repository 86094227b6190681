import { parseCookie, stringifySetCookie } from 'cookie';

export interface SessionCookieOptions {
  /** Default `__Host-passkey_session` when `secure`, else `passkey_session`. */
  name: string;
  /** Default: true unless the RP ID is `localhost` (plain http in development). */
  secure: boolean;
  /** Default true. Only a page-run mock turns it off: a service worker's cookies go through `document.cookie`. */
  httpOnly: boolean;
  /** Default `lax`. */
  sameSite: 'lax' | 'strict';
}

const isLocalhost = (rpID: string) => rpID === 'localhost' || rpID.endsWith('.localhost');

export function resolveCookie(rpID: string, given: Partial<SessionCookieOptions> = {}): SessionCookieOptions {
  const secure = given.secure ?? !isLocalhost(rpID);
  const name = given.name ?? (secure ? '__Host-passkey_session' : 'passkey_session');
  // Browsers drop a __Host- cookie that is not Secure: the session would silently never stick.
  if (name.startsWith('__Host-') && !secure) throw new TypeError(`createPasskeyServer: the cookie ${name} needs secure: true`);
  if (!/^[!#$%&'*+\-.^_`|~\w]+$/.test(name)) throw new TypeError(`createPasskeyServer: "${name}" is not a valid cookie name`);
  const sameSite = given.sameSite ?? 'lax';
  if (sameSite !== 'lax' && sameSite !== 'strict') throw new TypeError('createPasskeyServer: cookie.sameSite must be "lax" or "strict"');
  return { name, secure, httpOnly: given.httpOnly ?? true, sameSite };
}

/** The session token a `Cookie` header carries, if any. */
export function readSessionToken(header: string | undefined, cookie: SessionCookieOptions): string | undefined {
  if (!header) return undefined;
  const value = parseCookie(header)[cookie.name];
  return value && /^[\w-]{1,128}$/.test(value) ? value : undefined;
}

/** `Set-Cookie` for a session token valid `maxAgeMs`; an empty token and 0 clear it. */
export function sessionSetCookie(cookie: SessionCookieOptions, token: string, maxAgeMs: number): string {
  return stringifySetCookie({
    name: cookie.name,
    value: token,
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
  });
}
