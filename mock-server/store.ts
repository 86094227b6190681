import type { AuthenticatorTransport, CredentialDeviceType } from '@simplewebauthn/server';

export interface StoredUser {
  /** The public id the protocol returns as `userId`. */
  userId: string;
  username: string;
  displayName: string;
  /** base64url of the bytes given to the authenticator as `user.id`; comes back as `userHandle`. */
  userHandle: string;
  createdAt: string;
}

export interface StoredCredential {
  id: string;
  userId: string;
  publicKey: string;
  counter: number;
  transports: AuthenticatorTransport[];
  aaguid: string;
  backedUp: boolean;
  deviceType: CredentialDeviceType;
  name?: string;
  createdAt: string;
  lastUsedAt?: string;
}

/** What an options call handed out, found again by the challenge in the verify body's clientDataJSON. */
export type PendingChallenge =
  | {
      ceremony: 'registration';
      challenge: string;
      expiresAt: number;
      username: string;
      displayName: string;
      userId: string;
      userHandle: string;
      /** Set when the passkey is added to an existing account (signed in, or by recovery). */
      existingUser: boolean;
      recoveryToken?: string;
    }
  | {
      ceremony: 'authentication';
      challenge: string;
      expiresAt: number;
      username?: string;
    };

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

export interface RecoveryToken {
  token: string;
  userId: string;
  expiresAt: number;
}

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  link: string;
  token: string;
  sentAt: string;
}

/** The persistent part of the store, as plain JSON: what tests compare before and after a request. */
export interface StoreSnapshot {
  users: StoredUser[];
  credentials: StoredCredential[];
}

/**
 * Users by userId, indexed by username as well, so that finding an account by name does not read
 * every account (it runs on every registration and sign-in option). A plain Map to its callers:
 * the index follows `set`, `delete` and `clear`. A username is a key: to rename a user, `set` a
 * new object rather than changing `username` in place.
 */
class UserMap extends Map<string, StoredUser> {
  /** username → the first user in the map's order with that name, as a scan of `values()` would find it. */
  #byName = new Map<string, StoredUser>();
  /** Set when a change cannot be followed cheaply (a replaced or removed user that shared its name); the index is rebuilt on the next lookup. */
  #stale = false;

  override set(userId: string, user: StoredUser): this {
    const previous = super.get(userId);
    super.set(userId, user);
    if (this.#stale) return this;
    if (previous === undefined) {
      // A new key goes last in the map's order: it is the first of its name only if the name is new.
      if (!this.#byName.has(user.username)) this.#byName.set(user.username, user);
    } else if (previous !== user) {
      if (previous.username === user.username && this.#byName.get(user.username) === previous) this.#byName.set(user.username, user);
      else this.#stale = true;
    }
    return this;
  }

  override delete(userId: string): boolean {
    const previous = super.get(userId);
    const deleted = super.delete(userId);
    if (previous !== undefined && !this.#stale && this.#byName.get(previous.username) === previous) this.#stale = true;
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.#byName.clear();
    this.#stale = false;
  }

  byName(username: string): StoredUser | undefined {
    if (this.#stale) {
      this.#byName.clear();
      for (const user of this.values()) if (!this.#byName.has(user.username)) this.#byName.set(user.username, user);
      this.#stale = false;
    }
    return this.#byName.get(username);
  }
}

/** The mock backend's memory: users, credentials, challenges, sessions, recovery tokens and the outbox. */
export class MockStore {
  readonly users: Map<string, StoredUser> = new UserMap();
  readonly credentials = new Map<string, StoredCredential>();
  readonly challenges = new Map<string, PendingChallenge>();
  readonly sessions = new Map<string, Session>();
  readonly recoveryTokens = new Map<string, RecoveryToken>();
  readonly outbox: OutboxMessage[] = [];

  findUserByName(username: string): StoredUser | undefined {
    return (this.users as UserMap).byName(username);
  }

  credentialsOf(userId: string): StoredCredential[] {
    return [...this.credentials.values()].filter((c) => c.userId === userId);
  }

  /** Removes and returns the challenge: every challenge is used at most once. */
  takeChallenge(challenge: string): PendingChallenge | undefined {
    const pending = this.challenges.get(challenge);
    this.challenges.delete(challenge);
    return pending;
  }

  /**
   * Challenges share one lifetime, so they expire in the order they were issued (a Map keeps that order): stops at
   * the first one still valid, and a sweep costs what it removes, not what is pending.
   */
  dropExpiredChallenges(now: number): void {
    for (const [challenge, pending] of this.challenges) {
      if (pending.expiresAt > now) return;
      this.challenges.delete(challenge);
    }
  }

  snapshot(): StoreSnapshot {
    return structuredClone({
      users: [...this.users.values()],
      credentials: [...this.credentials.values()],
    });
  }

  clear(): void {
    this.users.clear();
    this.credentials.clear();
    this.challenges.clear();
    this.sessions.clear();
    this.recoveryTokens.clear();
    this.outbox.length = 0;
  }
}
