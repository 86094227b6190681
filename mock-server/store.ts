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

/** The mock backend's memory: users, credentials, challenges, sessions, recovery tokens and the outbox. */
export class MockStore {
  readonly users = new Map<string, StoredUser>();
  readonly credentials = new Map<string, StoredCredential>();
  readonly challenges = new Map<string, PendingChallenge>();
  readonly sessions = new Map<string, Session>();
  readonly recoveryTokens = new Map<string, RecoveryToken>();
  readonly outbox: OutboxMessage[] = [];

  findUserByName(username: string): StoredUser | undefined {
    for (const user of this.users.values()) if (user.username === username) return user;
    return undefined;
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

  dropExpiredChallenges(now: number): void {
    for (const [challenge, pending] of this.challenges) if (pending.expiresAt <= now) this.challenges.delete(challenge);
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
