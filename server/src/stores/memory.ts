import type {
  PasskeyStore,
  PendingChallenge,
  SaveRegistration,
  SaveRegistrationResult,
  StoredCredential,
  StoredRecoveryToken,
  StoredSession,
  StoredUser,
} from '../store.ts';
import { knownTransports } from '../transports.ts';

/** A rate-limit window as the memory store keeps it. */
export interface RateLimitWindow {
  count: number;
  resetAt: number;
}

/** Everything in a MemoryStore, as plain JSON: what tests compare before and after a request. */
export interface MemorySnapshot {
  users: StoredUser[];
  credentials: StoredCredential[];
  sessions: StoredSession[];
  challenges: PendingChallenge[];
  recoveryTokens: StoredRecoveryToken[];
  rateLimits: ({ key: string } & RateLimitWindow)[];
}

/** A Map from keys to sets, for the secondary indexes. */
class Index {
  readonly #sets = new Map<string, Set<string>>();
  add(key: string, value: string): void {
    let set = this.#sets.get(key);
    if (!set) this.#sets.set(key, (set = new Set()));
    set.add(value);
  }
  remove(key: string, value: string): void {
    const set = this.#sets.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.#sets.delete(key);
  }
  get(key: string): readonly string[] {
    return [...(this.#sets.get(key) ?? [])];
  }
  clear(): void {
    this.#sets.clear();
  }
}

const copy = <T extends object>(value: T): T => structuredClone(value);

/**
 * The store in memory: for tests, the mock backend and a single process that may forget everything on restart.
 * Every method does its work synchronously, so each is atomic. Lookups go through indexes (username key → user,
 * user → credentials, sessions and tokens), so a known name costs what an unknown one does. Records go in and out as
 * copies, as with a database. The read-only maps are live views for tests.
 */
export class MemoryStore implements PasskeyStore {
  readonly #users = new Map<string, StoredUser>();
  readonly #credentials = new Map<string, StoredCredential>();
  readonly #challenges = new Map<string, PendingChallenge>();
  readonly #sessions = new Map<string, StoredSession>();
  readonly #recoveryTokens = new Map<string, StoredRecoveryToken>();
  readonly #rateLimits = new Map<string, RateLimitWindow>();
  readonly #userByKey = new Map<string, string>();
  readonly #credentialsOf = new Index();
  readonly #sessionsOf = new Index();
  readonly #tokensOf = new Index();

  /** Users by userId. */
  get users(): ReadonlyMap<string, StoredUser> {
    return this.#users;
  }
  /** Credentials by id. */
  get credentials(): ReadonlyMap<string, StoredCredential> {
    return this.#credentials;
  }
  /** Pending challenges by challenge. */
  get challenges(): ReadonlyMap<string, PendingChallenge> {
    return this.#challenges;
  }
  /** Sessions by the hash of their token. */
  get sessions(): ReadonlyMap<string, StoredSession> {
    return this.#sessions;
  }
  /** Recovery tokens by their hash. */
  get recoveryTokens(): ReadonlyMap<string, StoredRecoveryToken> {
    return this.#recoveryTokens;
  }
  /** Rate-limit windows by key. */
  get rateLimits(): ReadonlyMap<string, RateLimitWindow> {
    return this.#rateLimits;
  }

  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  async findUser(userId: string): Promise<StoredUser | undefined> {
    const user = this.#users.get(userId);
    return user && copy(user);
  }

  async findUserByKey(usernameKey: string): Promise<StoredUser | undefined> {
    const userId = this.#userByKey.get(usernameKey);
    return userId === undefined ? undefined : this.findUser(userId);
  }

  async findCredential(credentialId: string): Promise<StoredCredential | undefined> {
    const credential = this.#credentials.get(credentialId);
    return credential && copy(credential);
  }

  async listCredentials(userId: string): Promise<StoredCredential[]> {
    return this.#credentialsOf
      .get(userId)
      .map((id) => copy(this.#credentials.get(id)!))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async saveRegistration({ newUser, existingUserId, credential, recoveryTokenHash, now }: SaveRegistration): Promise<SaveRegistrationResult> {
    const userId = newUser?.userId ?? existingUserId;
    if (recoveryTokenHash !== undefined) {
      const token = this.#recoveryTokens.get(recoveryTokenHash);
      if (newUser || !token || token.userId !== userId || token.expiresAt <= now) return 'recovery-token-invalid';
    }
    if (newUser) {
      if (this.#userByKey.has(newUser.usernameKey)) return 'username-taken';
      if (this.#users.has(newUser.userId)) return 'user-id-taken';
    } else if (existingUserId === undefined || !this.#users.has(existingUserId)) {
      return 'no-such-user';
    }
    if (this.#credentials.has(credential.id)) return 'credential-taken';

    if (newUser) {
      this.#users.set(newUser.userId, copy(newUser));
      this.#userByKey.set(newUser.usernameKey, newUser.userId);
    }
    this.#credentials.set(credential.id, copy({ ...credential, userId: userId!, transports: knownTransports(credential.transports) }));
    this.#credentialsOf.add(userId!, credential.id);
    if (recoveryTokenHash !== undefined) for (const hash of this.#tokensOf.get(userId!)) this.#deleteToken(hash);
    return 'saved';
  }

  async recordSignIn(
    credentialId: string,
    expectedCounter: number,
    update: { counter: number; backedUp: boolean; lastUsedAt: number },
  ): Promise<boolean> {
    const credential = this.#credentials.get(credentialId);
    if (!credential || credential.counter !== expectedCounter) return false;
    Object.assign(credential, update);
    return true;
  }

  async renameCredential(userId: string, credentialId: string, name: string): Promise<StoredCredential | undefined> {
    const credential = this.#credentials.get(credentialId);
    if (!credential || credential.userId !== userId) return undefined;
    credential.name = name;
    return copy(credential);
  }

  async deleteCredential(userId: string, credentialId: string): Promise<boolean> {
    const credential = this.#credentials.get(credentialId);
    if (!credential || credential.userId !== userId) return false;
    this.#credentials.delete(credentialId);
    this.#credentialsOf.remove(userId, credentialId);
    return true;
  }

  async putChallenge(challenge: PendingChallenge): Promise<void> {
    this.#challenges.set(challenge.challenge, copy(challenge));
  }

  async takeChallenge(challenge: string): Promise<PendingChallenge | undefined> {
    const pending = this.#challenges.get(challenge);
    this.#challenges.delete(challenge);
    return pending;
  }

  async createSession(session: StoredSession): Promise<void> {
    this.#sessions.set(session.idHash, copy(session));
    this.#sessionsOf.add(session.userId, session.idHash);
  }

  async findSession(idHash: string): Promise<StoredSession | undefined> {
    const session = this.#sessions.get(idHash);
    return session && copy(session);
  }

  async renewSession(idHash: string, expiresAt: number): Promise<void> {
    const session = this.#sessions.get(idHash);
    if (session) session.expiresAt = expiresAt;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.#deleteSession(idHash);
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    for (const idHash of this.#sessionsOf.get(userId)) this.#deleteSession(idHash);
  }

  async replaceRecoveryToken(token: StoredRecoveryToken): Promise<void> {
    for (const hash of this.#tokensOf.get(token.userId)) this.#deleteToken(hash);
    this.#recoveryTokens.set(token.tokenHash, copy(token));
    this.#tokensOf.add(token.userId, token.tokenHash);
  }

  async findRecoveryToken(tokenHash: string): Promise<StoredRecoveryToken | undefined> {
    const token = this.#recoveryTokens.get(tokenHash);
    return token && copy(token);
  }

  async hit(key: string, windowMs: number, now: number): Promise<RateLimitWindow> {
    let window = this.#rateLimits.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.#rateLimits.set(key, window);
    }
    window.count++;
    return { ...window };
  }

  async sweep(now: number): Promise<void> {
    for (const [challenge, pending] of this.#challenges) if (pending.expiresAt <= now) this.#challenges.delete(challenge);
    for (const [idHash, session] of this.#sessions) if (session.expiresAt <= now) this.#deleteSession(idHash);
    for (const [hash, token] of this.#recoveryTokens) if (token.expiresAt <= now) this.#deleteToken(hash);
    for (const [key, window] of this.#rateLimits) if (window.resetAt <= now) this.#rateLimits.delete(key);
  }

  /** Everything, as plain JSON copies. */
  snapshot(): MemorySnapshot {
    return copy({
      users: [...this.#users.values()],
      credentials: [...this.#credentials.values()],
      sessions: [...this.#sessions.values()],
      challenges: [...this.#challenges.values()],
      recoveryTokens: [...this.#recoveryTokens.values()],
      rateLimits: [...this.#rateLimits].map(([key, window]) => ({ key, ...window })),
    });
  }

  /** Forgets everything. */
  clear(): void {
    for (const map of [this.#users, this.#credentials, this.#challenges, this.#sessions, this.#recoveryTokens, this.#rateLimits, this.#userByKey]) map.clear();
    for (const index of [this.#credentialsOf, this.#sessionsOf, this.#tokensOf]) index.clear();
  }

  #deleteSession(idHash: string): void {
    const session = this.#sessions.get(idHash);
    if (!session) return;
    this.#sessions.delete(idHash);
    this.#sessionsOf.remove(session.userId, idHash);
  }

  #deleteToken(tokenHash: string): void {
    const token = this.#recoveryTokens.get(tokenHash);
    if (!token) return;
    this.#recoveryTokens.delete(tokenHash);
    this.#tokensOf.remove(token.userId, tokenHash);
  }
}

/** A new, empty memory store. */
export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
