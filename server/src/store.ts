/**
 * The storage interface of the server: small enough that an adapter for another database is about 100 lines.
 * Every adapter (memory, SQLite, PostgreSQL) passes the same contract suite (stores/store-contract.ts).
 *
 * Times are milliseconds since the epoch (numbers), so every adapter compares them the same way. Secrets
 * (session ids, recovery tokens) are stored only as hashes: a leaked table signs nobody in.
 */

/** A known transport, as browsers report them: the only values a store keeps. */
export const KNOWN_TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
export type KnownTransport = (typeof KNOWN_TRANSPORTS)[number];

export interface StoredUser {
  /** The public id the protocol returns as `userId` (the guide's `users.user_id`). */
  userId: string;
  /** As the person typed it, trimmed and NFC-normalised: what is shown. */
  username: string;
  /** `usernameKey(username)`: unique, so look-alike names are one account. */
  usernameKey: string;
  displayName: string;
  /** base64url of the bytes given to the authenticator as `user.id`; comes back as `userHandle`. */
  userHandle: string;
  createdAt: number;
}

export interface StoredCredential {
  /** base64url credential id (the guide's `credentials.id`). */
  id: string;
  userId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: KnownTransport[];
  aaguid: string;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  name?: string | undefined;
  createdAt: number;
  lastUsedAt?: number | undefined;
}

/** What an options call handed out, keyed by the challenge itself (never by username), used at most once. */
export type PendingChallenge =
  | {
      ceremony: 'registration';
      challenge: string;
      expiresAt: number;
      /** The account the passkey will belong to: existing (signed in, or by recovery) or to be created. */
      userId: string;
      username: string;
      usernameKey: string;
      displayName: string;
      userHandle: string;
      existingUser: boolean;
      /** Adding to an existing account while signed in: the session it must be finished in (its hash). */
      sessionHash?: string | undefined;
      /** Adding by recovery: the token (its hash) that verify must use up. */
      recoveryTokenHash?: string | undefined;
    }
  | {
      ceremony: 'authentication';
      challenge: string;
      expiresAt: number;
      /** The username key the options were asked for, if any. */
      usernameKey?: string | undefined;
    };

export interface StoredSession {
  /** SHA-256 (base64url) of the random token in the cookie. */
  idHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface StoredRecoveryToken {
  /** SHA-256 (base64url) of the token in the link. */
  tokenHash: string;
  userId: string;
  expiresAt: number;
}

/** The outcome of `saveRegistration`: stored, or why nothing was. */
export type SaveRegistrationResult = 'saved' | 'username-taken' | 'user-id-taken' | 'credential-taken' | 'no-such-user' | 'recovery-token-invalid';

export interface SaveRegistration {
  /** Set for a new account: created with the credential, or nothing is stored. */
  newUser?: StoredUser | undefined;
  /** Adding to an existing account (its `userId`); it must still exist. */
  existingUserId?: string | undefined;
  credential: StoredCredential;
  /** Recovery: this token must be live and belong to the account; it is used up with every other token of the account. */
  recoveryTokenHash?: string | undefined;
  /** Checked against `recoveryTokenHash`'s expiry. */
  now: number;
}

export interface PasskeyStore {
  /** Runs the versioned migrations not yet applied. Safe to call from several instances at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  findUser(userId: string): Promise<StoredUser | undefined>;
  findUserByKey(usernameKey: string): Promise<StoredUser | undefined>;
  findCredential(credentialId: string): Promise<StoredCredential | undefined>;
  /** Oldest first. */
  listCredentials(userId: string): Promise<StoredCredential[]>;

  /** In one transaction: the user (when new), the credential, and the recovery token used up. All or nothing. */
  saveRegistration(input: SaveRegistration): Promise<SaveRegistrationResult>;
  /**
   * Compare-and-set after a verified sign-in: applies only while the stored counter is still `expectedCounter`, so
   * of two concurrent sign-ins with one passkey, one fails. Resolves whether it applied.
   */
  recordSignIn(
    credentialId: string,
    expectedCounter: number,
    update: { counter: number; backedUp: boolean; lastUsedAt: number },
  ): Promise<boolean>;
  /** The renamed credential, or undefined when the user has no such credential. */
  renameCredential(userId: string, credentialId: string, name: string): Promise<StoredCredential | undefined>;
  /** Whether the user had such a credential. */
  deleteCredential(userId: string, credentialId: string): Promise<boolean>;

  putChallenge(challenge: PendingChallenge): Promise<void>;
  /** Removes and returns it (expired or not: the caller checks); every challenge is taken at most once, across instances. */
  takeChallenge(challenge: string): Promise<PendingChallenge | undefined>;

  createSession(session: StoredSession): Promise<void>;
  findSession(idHash: string): Promise<StoredSession | undefined>;
  /** Sliding expiry. */
  renewSession(idHash: string, expiresAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Signs the user out everywhere. */
  deleteSessionsOf(userId: string): Promise<void>;

  /** Stores a new token for the user and revokes every older one: one live token per account. */
  replaceRecoveryToken(token: StoredRecoveryToken): Promise<void>;
  findRecoveryToken(tokenHash: string): Promise<StoredRecoveryToken | undefined>;

  /**
   * Counts one hit on `key` in a fixed window of `windowMs` that started at the key's first hit; a key whose window
   * has passed starts again at 1. Atomic across instances.
   */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;

  /** Deletes every expired challenge, session, recovery token and rate-limit window. */
  sweep(now: number): Promise<void>;
}
