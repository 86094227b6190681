import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import { randomToken, sha256 } from '../server/src/crypto.ts';
import { checkUsername } from '../server/src/kit.ts';
import type { StoredCredential, StoredUser } from '../server/src/store.ts';
import type { MemoryStore } from '../server/src/stores/memory.ts';

/** The fields of a seeded passkey; what is left out is made up (a random id, a synced platform passkey, created now). */
export type SeedCredential = Partial<Omit<StoredCredential, 'userId'>>;

/**
 * Puts accounts, passkeys, sessions and recovery links straight into the mock's store, as if made earlier: for lists a
 * ceremony per row would make slow, and for passkeys on "other devices" that no authenticator in the test holds.
 * Everything goes in through the store's own methods, so it is stored exactly as the server would store it (known
 * transports only, usernames folded into their account key).
 */
export interface MockSeed {
  /** An account without passkeys (as one whose passkeys were all deleted). Throws if the username is taken. */
  user(fields: { username: string; displayName?: string; userId?: string; createdAt?: number }): StoredUser;
  /** A passkey of `userId` (which must exist). */
  credential(userId: string, fields?: SeedCredential): StoredCredential;
  /** A session of `userId`: resolves to its token, the value of the session cookie (in a page, the cookie is set too). */
  session(userId: string): Promise<string>;
  /** A live recovery link for `userId` (revoking any older one): resolves to its token. */
  recoveryToken(userId: string, options?: { token?: string; expiresAt?: number }): Promise<string>;
}

const PLACEHOLDER_KEY = 'AA';

export interface SeedOptions {
  /** The backend's clock. */
  now: () => number;
  sessionTtlMs: number;
  recoveryTtlMs: number;
  /** Told the token of every seeded session (the page's mock sets its cookie). */
  onSession: (token: string) => void;
}

/** The seeding helper of a backend's store. */
export function createSeed(store: MemoryStore, { now, sessionTtlMs, recoveryTtlMs, onSession }: SeedOptions): MockSeed {
  // MemoryStore does each method's work synchronously (its documented contract): a seeded record is in the store
  // when the call returns, so user() and credential() can answer at once.
  const saved = (id: string) => {
    const credential = store.credentials.get(id);
    return credential && structuredClone(credential);
  };

  return {
    user({ username, displayName, userId = isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(16))), createdAt = now() }) {
      const checked = checkUsername(username);
      if (!checked.ok) throw new TypeError(`seed.user: "${username}" is not a valid username (${checked.reason})`);
      const user: StoredUser = {
        userId,
        username: checked.username,
        usernameKey: checked.key,
        displayName: displayName ?? checked.username,
        userHandle: isoBase64URL.fromBuffer(isoUint8Array.fromUTF8String(userId)),
        createdAt,
      };
      // The store makes accounts only together with their first passkey (as registration does): add one, take it away.
      const placeholder = placeholderCredential(userId, now());
      void store.saveRegistration({ newUser: user, credential: placeholder, now: now() });
      if (!saved(placeholder.id)) throw new TypeError(`seed.user: the username "${username}" or the userId "${userId}" is taken`);
      void store.deleteCredential(userId, placeholder.id);
      return structuredClone(store.users.get(userId)!);
    },

    credential(userId, fields = {}) {
      const credential: StoredCredential = { ...placeholderCredential(userId, now()), ...fields, userId };
      if (store.credentials.has(credential.id)) throw new TypeError(`seed.credential: the id ${credential.id} is taken`);
      void store.saveRegistration({ existingUserId: userId, credential, now: now() });
      const stored = saved(credential.id);
      if (!stored) throw new TypeError(`seed.credential: no account ${userId}`);
      return stored;
    },

    async session(userId) {
      if (!store.users.has(userId)) throw new TypeError(`seed.session: no account ${userId}`);
      const token = randomToken();
      await store.createSession({ idHash: await sha256(token), userId, createdAt: now(), expiresAt: now() + sessionTtlMs });
      onSession(token);
      return token;
    },

    async recoveryToken(userId, { token = randomToken(), expiresAt = now() + recoveryTtlMs } = {}) {
      if (!store.users.has(userId)) throw new TypeError(`seed.recoveryToken: no account ${userId}`);
      await store.replaceRecoveryToken({ tokenHash: await sha256(token), userId, expiresAt });
      return token;
    },
  };
}

/** A synced platform passkey, as most people have: random id, created now. */
function placeholderCredential(userId: string, createdAt: number): StoredCredential {
  return {
    id: isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(16))),
    userId,
    publicKey: PLACEHOLDER_KEY,
    counter: 0,
    transports: ['hybrid', 'internal'],
    aaguid: '00000000-0000-0000-0000-000000000000',
    backedUp: true,
    deviceType: 'multiDevice',
    createdAt,
  };
}
