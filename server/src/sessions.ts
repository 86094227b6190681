import { readSessionToken, sessionSetCookie, type SessionCookieOptions } from './cookies.ts';
import { randomToken, sha256 } from './crypto.ts';
import type { PasskeyStore, StoredUser } from './store.ts';

/** The signed-in session a request carries. */
export interface ActiveSession {
  idHash: string;
  user: StoredUser;
  /** `Set-Cookie` re-issuing the cookie when the session was just extended. */
  renewedCookie?: string | undefined;
}

/**
 * Sessions the careful way: a random token in the cookie and only its SHA-256 in the store, a new token at every
 * sign-in (the old session is deleted), sliding expiry, and deletion at sign-out.
 */
export class Sessions {
  readonly #store: PasskeyStore;
  readonly #cookie: SessionCookieOptions;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(store: PasskeyStore, cookie: SessionCookieOptions, ttlMs: number, now: () => number) {
    this.#store = store;
    this.#cookie = cookie;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The hash of the session token a `Cookie` header carries, valid or not (what sign-out and rotation delete). */
  async presentedHash(cookieHeader: string | undefined): Promise<string | undefined> {
    const token = readSessionToken(cookieHeader, this.#cookie);
    return token === undefined ? undefined : sha256(token);
  }

  /**
   * The live session a `Cookie` header carries, if any. A session used in the second half of its life is extended to
   * a full lifetime again, and its cookie re-issued.
   */
  async resolve(cookieHeader: string | undefined): Promise<ActiveSession | undefined> {
    const token = readSessionToken(cookieHeader, this.#cookie);
    if (token === undefined) return undefined;
    const idHash = await sha256(token);
    const session = await this.#store.findSession(idHash);
    const now = this.#now();
    if (!session || session.expiresAt <= now) return undefined;
    const user = await this.#store.findUser(session.userId);
    if (!user) return undefined;
    if (session.expiresAt - now < this.#ttlMs / 2) {
      await this.#store.renewSession(idHash, now + this.#ttlMs);
      return { idHash, user, renewedCookie: sessionSetCookie(this.#cookie, token, this.#ttlMs) };
    }
    return { idHash, user };
  }

  /** Starts a session for `userId`, deleting the one the request came with: returns its `Set-Cookie`. */
  async start(userId: string, previousHash: string | undefined): Promise<string> {
    if (previousHash !== undefined) await this.#store.deleteSession(previousHash);
    const token = randomToken();
    const now = this.#now();
    await this.#store.createSession({ idHash: await sha256(token), userId, createdAt: now, expiresAt: now + this.#ttlMs });
    return sessionSetCookie(this.#cookie, token, this.#ttlMs);
  }

  /** Ends the session (if any): returns the `Set-Cookie` that clears the cookie. */
  async end(idHash: string | undefined): Promise<string> {
    if (idHash !== undefined) await this.#store.deleteSession(idHash);
    return sessionSetCookie(this.#cookie, '', 0);
  }
}
