/**
 * The contract every `PasskeyStore` keeps, as a node:test suite run on each adapter (memory, SQLite, PostgreSQL), the
 * way Auth.js runs one adapter suite over every database. An adapter for another database passes it too:
 *
 *   runStoreContract('my database', async () => createMyStore(await freshDatabase()));
 *
 * Besides every method, it checks what the server relies on when requests race: a registration is all or nothing,
 * a sign-in is a compare-and-set on the counter, a challenge is taken once, a rate-limit hit is counted once.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { PasskeyStore, PendingChallenge, SaveRegistration, StoredCredential, StoredUser } from '../store.ts';

/** What `makeStore` may give: a store, or a store and a way to open a second one on the same database. */
export interface ContractStores {
  store: PasskeyStore;
  /** A second instance's store on the same database, for adapters that several processes share. */
  openAnother?: () => Promise<PasskeyStore>;
}

/** A point in time; the tests give stores explicit times, never the clock. */
const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

/**
 * Runs the contract on the stores `makeStore` makes: each test gets a new, empty store (not yet migrated; the suite
 * migrates it) and closes it at the end.
 */
export function runStoreContract(name: string, makeStore: () => Promise<PasskeyStore | ContractStores> | PasskeyStore | ContractStores): void {
  let serial = 0;
  const unique = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;

  async function open(t: TestContext): Promise<Required<ContractStores>> {
    const made = await makeStore();
    const { store, openAnother } = 'migrate' in made ? { store: made, openAnother: undefined } : made;
    t.after(() => store.close());
    await store.migrate();
    return {
      store,
      // A store that lives in one process is its own second instance.
      openAnother: async () => {
        if (!openAnother) return store;
        const another = await openAnother();
        t.after(() => another.close());
        await another.migrate();
        return another;
      },
    };
  }

  function newUser(overrides: Partial<StoredUser> = {}): StoredUser {
    const username = overrides.username ?? unique('Ada');
    return {
      userId: unique('user'),
      username,
      usernameKey: username.toLowerCase(),
      displayName: 'Ada Lovelace',
      userHandle: unique('handle'),
      createdAt: T0,
      ...overrides,
    };
  }

  function newCredential(userId: string, overrides: Partial<StoredCredential> = {}): StoredCredential {
    return {
      id: unique('credential'),
      userId,
      publicKey: 'pQECAyYgASFYIBmP',
      counter: 0,
      transports: ['hybrid', 'internal'],
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      backedUp: true,
      deviceType: 'multiDevice',
      createdAt: T0,
      ...overrides,
    };
  }

  /** Registers a new account with one passkey, and checks that it was stored. */
  async function registered(store: PasskeyStore, user = newUser(), credential = newCredential(user.userId)) {
    assert.equal(await store.saveRegistration({ newUser: user, credential, now: T0 }), 'saved');
    return { user, credential };
  }

  describe(`store contract: ${name}`, () => {
    describe('migrations', () => {
      it('can run again, and at the same time, without losing data', async (t) => {
        const { store } = await open(t);
        const { user } = await registered(store);
        await Promise.all([store.migrate(), store.migrate()]);
        assert.deepEqual(await store.findUser(user.userId), user);
      });

      it('run by two instances at once leave one working schema', async (t) => {
        const { store, openAnother } = await open(t);
        const another = await openAnother();
        await Promise.all([store.migrate(), another.migrate()]);
        const { user } = await registered(store);
        assert.deepEqual(await another.findUser(user.userId), user);
      });
    });

    describe('registrations', () => {
      it('stores a new account with its passkey, found by id, by username key and by credential', async (t) => {
        const { store } = await open(t);
        const user = newUser({ username: 'Zoë 🦊 “quoted” \'); DROP TABLE users; --', usernameKey: 'zoë 🦊 “quoted” \'); drop table users; --', displayName: 'زوي' });
        const credential = newCredential(user.userId, { name: 'Work laptop', lastUsedAt: T0 + 1, counter: 7, backedUp: false, deviceType: 'singleDevice' });
        await registered(store, user, credential);
        assert.deepEqual(await store.findUser(user.userId), user);
        assert.deepEqual(await store.findUserByKey(user.usernameKey), user);
        assert.deepEqual(await store.findCredential(credential.id), credential);
        assert.deepEqual(await store.listCredentials(user.userId), [credential]);
      });

      it('finds nothing it was not given', async (t) => {
        const { store } = await open(t);
        await registered(store);
        assert.equal(await store.findUser('no-such-user'), undefined);
        assert.equal(await store.findUserByKey('no-such-name'), undefined);
        assert.equal(await store.findCredential('no-such-credential'), undefined);
        assert.deepEqual(await store.listCredentials('no-such-user'), []);
      });

      it('keeps only known transports, once each, sorted as browsers report them', async (t) => {
        const { store } = await open(t);
        const user = newUser();
        const credential = newCredential(user.userId, { transports: ['usb', 'bogus', 'nfc', 'usb', '<script>'] as never });
        await registered(store, user, credential);
        assert.deepEqual((await store.findCredential(credential.id))?.transports, ['nfc', 'usb']);
      });

      it('holds a signature counter up to 2^32 − 1', async (t) => {
        const { store } = await open(t);
        const user = newUser();
        const credential = newCredential(user.userId, { counter: 2 ** 32 - 2 });
        await registered(store, user, credential);
        assert.equal(await store.recordSignIn(credential.id, 2 ** 32 - 2, { counter: 2 ** 32 - 1, backedUp: true, lastUsedAt: T0 }), true);
        assert.equal((await store.findCredential(credential.id))?.counter, 2 ** 32 - 1);
      });

      it('holds a credential id of 1023 bytes, the most WebAuthn allows', async (t) => {
        const { store } = await open(t);
        const user = newUser();
        // Random bytes: text that compresses would hide a limit of the database's index entries.
        const id = Buffer.from(crypto.getRandomValues(new Uint8Array(1023))).toString('base64url');
        const credential = newCredential(user.userId, { id });
        await registered(store, user, credential);
        assert.deepEqual(await store.findCredential(id), credential);
      });

      it('holds long usernames and keys (one character can fold into eighteen)', async (t) => {
        const { store } = await open(t);
        const username = '\uFDFA'.repeat(256);
        const user = newUser({ username, usernameKey: username.normalize('NFKC') });
        await registered(store, user);
        assert.deepEqual(await store.findUserByKey(user.usernameKey), user);
        const twin = newUser({ username, usernameKey: user.usernameKey });
        assert.equal(await store.saveRegistration({ newUser: twin, credential: newCredential(twin.userId), now: T0 }), 'username-taken');
      });

      it('adds a passkey to an existing account; lists oldest first and only the account’s own', async (t) => {
        const { store } = await open(t);
        const { user, credential: first } = await registered(store);
        const { credential: stranger } = await registered(store);
        const second = newCredential(user.userId, { createdAt: T0 + MINUTE, transports: ['usb'] });
        assert.equal(await store.saveRegistration({ existingUserId: user.userId, credential: second, now: T0 + MINUTE }), 'saved');
        assert.deepEqual(await store.listCredentials(user.userId), [first, second]);
        assert.equal((await store.findCredential(stranger.id))?.userId, stranger.userId);
      });

      it('refuses a taken username key, and stores nothing of that registration', async (t) => {
        const { store } = await open(t);
        const { user } = await registered(store);
        const lookalike = newUser({ username: user.username.toUpperCase(), usernameKey: user.usernameKey });
        const credential = newCredential(lookalike.userId);
        assert.equal(await store.saveRegistration({ newUser: lookalike, credential, now: T0 }), 'username-taken');
        assert.equal(await store.findUser(lookalike.userId), undefined);
        assert.equal(await store.findCredential(credential.id), undefined);
        assert.equal((await store.findUserByKey(user.usernameKey))?.userId, user.userId);
      });

      it('refuses a taken user id, and stores nothing of that registration', async (t) => {
        const { store } = await open(t);
        const { user } = await registered(store);
        const sameId = newUser({ userId: user.userId });
        const credential = newCredential(user.userId);
        assert.equal(await store.saveRegistration({ newUser: sameId, credential, now: T0 }), 'user-id-taken');
        assert.equal(await store.findUserByKey(sameId.usernameKey), undefined);
        assert.equal(await store.findCredential(credential.id), undefined);
      });

      it('refuses a credential id that exists, and leaves no new account behind', async (t) => {
        const { store } = await open(t);
        const { user, credential } = await registered(store);
        const newcomer = newUser();
        const again = newCredential(newcomer.userId, { id: credential.id, publicKey: 'another-key' });
        assert.equal(await store.saveRegistration({ newUser: newcomer, credential: again, now: T0 }), 'credential-taken');
        assert.equal(await store.findUser(newcomer.userId), undefined);
        assert.equal(await store.findUserByKey(newcomer.usernameKey), undefined);
        assert.deepEqual(await store.findCredential(credential.id), credential);
        assert.equal(await store.saveRegistration({ existingUserId: user.userId, credential: { ...again, userId: user.userId }, now: T0 }), 'credential-taken');
        assert.deepEqual(await store.listCredentials(user.userId), [credential]);
      });

      it('refuses a passkey for an account that does not exist', async (t) => {
        const { store } = await open(t);
        const credential = newCredential('deleted-user');
        assert.equal(await store.saveRegistration({ existingUserId: 'deleted-user', credential, now: T0 }), 'no-such-user');
        assert.equal(await store.findCredential(credential.id), undefined);
      });

      it('of concurrent registrations of one username, saves exactly one', async (t) => {
        const { store } = await open(t);
        const attempts = Array.from({ length: 20 }, () => newUser({ username: 'Race', usernameKey: 'race' }));
        const results = await Promise.all(attempts.map((user) => store.saveRegistration({ newUser: user, credential: newCredential(user.userId), now: T0 })));
        assert.deepEqual(results.toSorted(), ['saved', ...Array<string>(19).fill('username-taken')]);
        const winner = await store.findUserByKey('race');
        const stored = await Promise.all(attempts.map((user) => store.listCredentials(user.userId)));
        assert.deepEqual(
          stored.map((list) => list.length),
          attempts.map((user) => (user.userId === winner?.userId ? 1 : 0)),
        );
      });

      it('of concurrent registrations of one credential id, saves exactly one and no orphan account', async (t) => {
        const { store } = await open(t);
        const id = unique('shared-credential');
        const attempts = Array.from({ length: 20 }, () => newUser());
        const results = await Promise.all(attempts.map((user) => store.saveRegistration({ newUser: user, credential: newCredential(user.userId, { id }), now: T0 })));
        assert.deepEqual(results.toSorted(), [...Array<string>(19).fill('credential-taken'), 'saved']);
        const users = await Promise.all(attempts.map((user) => store.findUser(user.userId)));
        assert.equal(users.filter(Boolean).length, 1);
        assert.equal(users.find(Boolean)?.userId, (await store.findCredential(id))?.userId);
      });
    });

    describe('recovery tokens', () => {
      async function withToken(store: PasskeyStore, expiresAt = T0 + 15 * MINUTE) {
        const { user } = await registered(store);
        const token = { tokenHash: unique('token-hash'), userId: user.userId, expiresAt };
        await store.replaceRecoveryToken(token);
        return { user, token };
      }
      const recover = (userId: string, tokenHash: string, now = T0 + MINUTE, credential = newCredential(userId)): SaveRegistration => ({
        existingUserId: userId,
        credential,
        recoveryTokenHash: tokenHash,
        now,
      });

      it('are found by hash until a newer one replaces them: one live token per account', async (t) => {
        const { store } = await open(t);
        const { user, token } = await withToken(store);
        const other = await withToken(store);
        assert.deepEqual(await store.findRecoveryToken(token.tokenHash), token);
        const newer = { tokenHash: unique('token-hash'), userId: user.userId, expiresAt: T0 + 20 * MINUTE };
        await store.replaceRecoveryToken(newer);
        assert.equal(await store.findRecoveryToken(token.tokenHash), undefined);
        assert.deepEqual(await store.findRecoveryToken(newer.tokenHash), newer);
        assert.deepEqual(await store.findRecoveryToken(other.token.tokenHash), other.token, 'another account’s token is untouched');
        assert.equal(await store.saveRegistration(recover(user.userId, token.tokenHash)), 'recovery-token-invalid');
      });

      it('add a passkey once: the token is used up with the registration', async (t) => {
        const { store } = await open(t);
        const { user, token } = await withToken(store);
        const credential = newCredential(user.userId);
        assert.equal(await store.saveRegistration(recover(user.userId, token.tokenHash, T0 + MINUTE, credential)), 'saved');
        assert.equal(await store.findRecoveryToken(token.tokenHash), undefined);
        assert.equal((await store.listCredentials(user.userId)).length, 2);
        const reused = newCredential(user.userId);
        assert.equal(await store.saveRegistration(recover(user.userId, token.tokenHash, T0 + MINUTE, reused)), 'recovery-token-invalid');
        assert.equal(await store.findCredential(reused.id), undefined);
      });

      it('do nothing once expired, or for another account, and a refused one stores no passkey', async (t) => {
        const { store } = await open(t);
        const { user, token } = await withToken(store, T0 + 15 * MINUTE);
        const other = await withToken(store);
        const late = newCredential(user.userId);
        assert.equal(await store.saveRegistration(recover(user.userId, token.tokenHash, T0 + 15 * MINUTE, late)), 'recovery-token-invalid');
        assert.equal(await store.findCredential(late.id), undefined);
        const stolen = newCredential(user.userId);
        assert.equal(await store.saveRegistration(recover(user.userId, other.token.tokenHash, T0 + MINUTE, stolen)), 'recovery-token-invalid');
        assert.equal(await store.findCredential(stolen.id), undefined);
        assert.deepEqual(await store.findRecoveryToken(other.token.tokenHash), other.token, 'the other account’s token still works for its owner');
        assert.equal(await store.saveRegistration(recover(other.user.userId, other.token.tokenHash)), 'saved');
      });

      it('used by concurrent registrations, add exactly one passkey', async (t) => {
        const { store } = await open(t);
        const { user, token } = await withToken(store);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.saveRegistration(recover(user.userId, token.tokenHash))));
        assert.deepEqual(results.toSorted(), [...Array<string>(9).fill('recovery-token-invalid'), 'saved']);
        assert.equal((await store.listCredentials(user.userId)).length, 2);
      });
    });

    describe('sign-ins', () => {
      it('record the new counter, backup state and time when the counter is still the expected one', async (t) => {
        const { store } = await open(t);
        const { credential } = await registered(store, undefined, undefined);
        assert.equal(await store.recordSignIn(credential.id, 0, { counter: 5, backedUp: false, lastUsedAt: T0 + MINUTE }), true);
        assert.deepEqual(await store.findCredential(credential.id), { ...credential, counter: 5, backedUp: false, lastUsedAt: T0 + MINUTE });
      });

      it('are refused, changing nothing, when another sign-in moved the counter first', async (t) => {
        const { store } = await open(t);
        const { credential } = await registered(store);
        assert.equal(await store.recordSignIn(credential.id, 0, { counter: 5, backedUp: true, lastUsedAt: T0 + MINUTE }), true);
        assert.equal(await store.recordSignIn(credential.id, 0, { counter: 6, backedUp: false, lastUsedAt: T0 + 2 * MINUTE }), false);
        assert.deepEqual(await store.findCredential(credential.id), { ...credential, counter: 5, lastUsedAt: T0 + MINUTE });
        assert.equal(await store.recordSignIn('no-such-credential', 0, { counter: 1, backedUp: true, lastUsedAt: T0 }), false);
      });

      it('of concurrent sign-ins with one passkey, only one applies', async (t) => {
        const { store } = await open(t);
        const { credential } = await registered(store, undefined, undefined);
        await store.recordSignIn(credential.id, 0, { counter: 10, backedUp: true, lastUsedAt: T0 });
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.recordSignIn(credential.id, 10, { counter: 11 + i, backedUp: true, lastUsedAt: T0 + i })));
        assert.equal(results.filter(Boolean).length, 1);
        const winner = results.indexOf(true);
        assert.equal((await store.findCredential(credential.id))?.counter, 11 + winner);
      });

      it('across two instances, only one applies', async (t) => {
        const { store, openAnother } = await open(t);
        const another = await openAnother();
        const { credential } = await registered(store);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? store : another).recordSignIn(credential.id, 0, { counter: 1 + i, backedUp: true, lastUsedAt: T0 })),
        );
        assert.equal(results.filter(Boolean).length, 1);
      });
    });

    describe('credential management', () => {
      it('renames the account’s own passkey only', async (t) => {
        const { store } = await open(t);
        const { user, credential } = await registered(store);
        const { user: stranger } = await registered(store);
        assert.deepEqual(await store.renameCredential(user.userId, credential.id, 'Phone 📱'), { ...credential, name: 'Phone 📱' });
        assert.equal(await store.renameCredential(stranger.userId, credential.id, 'Mine now'), undefined);
        assert.equal(await store.renameCredential(user.userId, 'no-such-credential', 'x'), undefined);
        assert.equal((await store.findCredential(credential.id))?.name, 'Phone 📱');
      });

      it('deletes the account’s own passkey only, once', async (t) => {
        const { store } = await open(t);
        const { user, credential } = await registered(store);
        const { user: stranger } = await registered(store);
        assert.equal(await store.deleteCredential(stranger.userId, credential.id), false);
        assert.deepEqual(await store.findCredential(credential.id), credential);
        assert.equal(await store.deleteCredential(user.userId, credential.id), true);
        assert.equal(await store.findCredential(credential.id), undefined);
        assert.deepEqual(await store.listCredentials(user.userId), []);
        assert.equal(await store.deleteCredential(user.userId, credential.id), false);
        assert.deepEqual(await store.findUser(user.userId), user, 'the account stays');
      });
    });

    describe('challenges', () => {
      const registration = (overrides: Partial<Extract<PendingChallenge, { ceremony: 'registration' }>> = {}): PendingChallenge => ({
        ceremony: 'registration',
        challenge: unique('challenge'),
        expiresAt: T0 + 5 * MINUTE,
        userId: unique('user'),
        username: 'Ada',
        usernameKey: 'ada',
        displayName: 'Ada Lovelace',
        userHandle: unique('handle'),
        existingUser: false,
        ...overrides,
      });

      it('come back exactly as put, every kind, once', async (t) => {
        const { store } = await open(t);
        const challenges: PendingChallenge[] = [
          registration(),
          registration({ existingUser: true, sessionHash: 'session-hash', recoveryTokenHash: 'token-hash' }),
          { ceremony: 'authentication', challenge: unique('challenge'), expiresAt: T0 + 5 * MINUTE },
          { ceremony: 'authentication', challenge: unique('challenge'), expiresAt: T0 + 5 * MINUTE, usernameKey: 'ada' },
        ];
        for (const challenge of challenges) await store.putChallenge(challenge);
        for (const challenge of challenges) {
          assert.deepEqual(await store.takeChallenge(challenge.challenge), challenge);
          assert.equal(await store.takeChallenge(challenge.challenge), undefined);
        }
        assert.equal(await store.takeChallenge('never-issued'), undefined);
      });

      it('are handed out even when expired: the caller decides', async (t) => {
        const { store } = await open(t);
        const old = registration({ expiresAt: T0 - MINUTE });
        await store.putChallenge(old);
        assert.deepEqual(await store.takeChallenge(old.challenge), old);
      });

      it('taken concurrently, go to exactly one taker, across instances too', async (t) => {
        const { store, openAnother } = await open(t);
        const challenge = registration();
        await store.putChallenge(challenge);
        const takes = await Promise.all(Array.from({ length: 20 }, () => store.takeChallenge(challenge.challenge)));
        assert.equal(takes.filter(Boolean).length, 1);

        const another = await openAnother();
        const shared = registration();
        await store.putChallenge(shared);
        const across = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : another).takeChallenge(shared.challenge)));
        assert.equal(across.filter(Boolean).length, 1);
      });
    });

    describe('sessions', () => {
      it('are found, renewed and deleted by the hash of their id', async (t) => {
        const { store } = await open(t);
        const { user } = await registered(store);
        const session = { idHash: unique('session'), userId: user.userId, createdAt: T0, expiresAt: T0 + 60 * MINUTE };
        await store.createSession(session);
        assert.deepEqual(await store.findSession(session.idHash), session);
        await store.renewSession(session.idHash, T0 + 120 * MINUTE);
        assert.deepEqual(await store.findSession(session.idHash), { ...session, expiresAt: T0 + 120 * MINUTE });
        await store.deleteSession(session.idHash);
        assert.equal(await store.findSession(session.idHash), undefined);
        assert.equal(await store.findSession('never-created'), undefined);
      });

      it('of one account are all deleted by signing out everywhere, and no one else’s', async (t) => {
        const { store } = await open(t);
        const { user } = await registered(store);
        const { user: other } = await registered(store);
        const mine = [1, 2, 3].map((i) => ({ idHash: unique('session'), userId: user.userId, createdAt: T0, expiresAt: T0 + i * MINUTE }));
        const theirs = { idHash: unique('session'), userId: other.userId, createdAt: T0, expiresAt: T0 + MINUTE };
        for (const session of [...mine, theirs]) await store.createSession(session);
        await store.deleteSessionsOf(user.userId);
        for (const session of mine) assert.equal(await store.findSession(session.idHash), undefined);
        assert.deepEqual(await store.findSession(theirs.idHash), theirs);
      });

      it('made on one instance are found on another', async (t) => {
        const { store, openAnother } = await open(t);
        const another = await openAnother();
        const { user } = await registered(store);
        const session = { idHash: unique('session'), userId: user.userId, createdAt: T0, expiresAt: T0 + MINUTE };
        await store.createSession(session);
        assert.deepEqual(await another.findSession(session.idHash), session);
      });
    });

    describe('rate limits', () => {
      it('count hits in a fixed window from the first hit, per key', async (t) => {
        const { store } = await open(t);
        assert.deepEqual(await store.hit('ip:203.0.113.7', MINUTE, T0), { count: 1, resetAt: T0 + MINUTE });
        assert.deepEqual(await store.hit('ip:203.0.113.7', MINUTE, T0 + 10_000), { count: 2, resetAt: T0 + MINUTE });
        assert.deepEqual(await store.hit('ip:203.0.113.7', MINUTE, T0 + MINUTE - 1), { count: 3, resetAt: T0 + MINUTE });
        assert.deepEqual(await store.hit('ip:198.51.100.1', MINUTE, T0 + 10_000), { count: 1, resetAt: T0 + 10_000 + MINUTE });
      });

      it('start again at 1 once the window has passed, from the very millisecond of resetAt', async (t) => {
        const { store } = await open(t);
        await store.hit('ip:192.0.2.1', MINUTE, T0);
        assert.deepEqual(await store.hit('ip:192.0.2.1', MINUTE, T0 + MINUTE), { count: 1, resetAt: T0 + 2 * MINUTE });
        await store.hit('user:ada', MINUTE, T0);
        await store.hit('user:ada', MINUTE, T0 + 1);
        assert.deepEqual(await store.hit('user:ada', MINUTE, T0 + MINUTE + 5), { count: 1, resetAt: T0 + 2 * MINUTE + 5 });
        assert.deepEqual(await store.hit('user:ada', MINUTE, T0 + MINUTE + 6), { count: 2, resetAt: T0 + 2 * MINUTE + 5 });
      });

      it('count every one of concurrent hits, across instances, once', async (t) => {
        const { store, openAnother } = await open(t);
        const counts = await Promise.all(Array.from({ length: 50 }, () => store.hit('flood', MINUTE, T0)));
        assert.deepEqual(
          counts.map(({ count }) => count).toSorted((a, b) => a - b),
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        const another = await openAnother();
        const across = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : another).hit('shared', MINUTE, T0)));
        assert.deepEqual(
          across.map(({ count }) => count).toSorted((a, b) => a - b),
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
      });

      it('take long keys built from long usernames', async (t) => {
        const { store } = await open(t);
        const key = `user:${'\uFDFA'.repeat(256).normalize('NFKC')}`;
        await store.hit(key, MINUTE, T0);
        assert.equal((await store.hit(key, MINUTE, T0 + 1)).count, 2);
      });
    });

    describe('sweep', () => {
      it('deletes every expired challenge, session, recovery token and rate-limit window, and nothing live', async (t) => {
        const { store } = await open(t);
        const { user, credential } = await registered(store);
        const { user: other } = await registered(store);
        const now = T0 + 30 * MINUTE;
        const challenge = (expiresAt: number): PendingChallenge => ({ ceremony: 'authentication', challenge: unique('challenge'), expiresAt });
        const expiredChallenge = challenge(now); // expired from the very millisecond of expiresAt
        const liveChallenge = challenge(now + 1);
        const expiredSession = { idHash: unique('session'), userId: user.userId, createdAt: T0, expiresAt: now };
        const liveSession = { idHash: unique('session'), userId: user.userId, createdAt: T0, expiresAt: now + 1 };
        const expiredToken = { tokenHash: unique('token'), userId: user.userId, expiresAt: now };
        const liveToken = { tokenHash: unique('token'), userId: other.userId, expiresAt: now + 1 };
        for (const item of [expiredChallenge, liveChallenge]) await store.putChallenge(item);
        for (const item of [expiredSession, liveSession]) await store.createSession(item);
        for (const item of [expiredToken, liveToken]) await store.replaceRecoveryToken(item);
        await store.hit('ended', MINUTE, now - MINUTE);
        await store.hit('running', MINUTE, now - MINUTE + 1);

        await store.sweep(now);

        assert.equal(await store.findSession(expiredSession.idHash), undefined);
        assert.deepEqual(await store.findSession(liveSession.idHash), liveSession);
        assert.equal(await store.findRecoveryToken(expiredToken.tokenHash), undefined);
        assert.deepEqual(await store.findRecoveryToken(liveToken.tokenHash), liveToken);
        assert.equal(await store.takeChallenge(expiredChallenge.challenge), undefined);
        assert.deepEqual(await store.takeChallenge(liveChallenge.challenge), liveChallenge);
        // A swept window starts again at 1 even for a clock that lags; a live one keeps counting.
        assert.equal((await store.hit('ended', MINUTE, now - MINUTE)).count, 1);
        assert.equal((await store.hit('running', MINUTE, now)).count, 2);
        assert.deepEqual(await store.findUser(user.userId), user);
        assert.deepEqual(await store.findCredential(credential.id), credential);
      });
    });
  });
}
