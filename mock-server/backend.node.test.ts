// What the mock adds to the server: the outbox, seeding, the clock, accounts(), reset(), and MSW in Node.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sha256 } from '../server/src/crypto.ts';
import { createMockBackend } from './backend.ts';
import { startNodeMock } from './node.ts';
import { assertRefused, browserOn, ok, PAGE_ORIGIN, registered, TestClient } from './testing.ts';

const MINUTE = 60_000;

describe('the outbox', () => {
  test('holds each recovery mail a known account gets, with its link to the recovery page; unknown names get none', async () => {
    const mock = createMockBackend();
    const ada = await registered(mock, 'ada');
    const before = mock.clock.now();
    ok(await browserOn(mock).recover('nobody'));
    ok(await browserOn(mock).recover('ADA'));
    assert.equal(mock.outbox.length, 1);
    const [mail] = mock.outbox;
    assert.deepEqual([mail?.to, mail?.userId, mail?.username], ['ada', ada.userId, 'ada']);
    assert.equal(mail?.link, `${PAGE_ORIGIN}/recovery?token=${mail?.token}`);
    assert.ok(mail?.text.includes(mail.link), 'the mail text carries the link');
    assert.ok(mail!.sentAt >= before && mail!.sentAt <= mock.clock.now());
    assert.ok(await mock.store.findRecoveryToken(await sha256(mail!.token)));
  });

  test('also hands each mail to a sendRecoveryEmail of the test', async () => {
    const sent: string[] = [];
    const mock = createMockBackend({ sendRecoveryEmail: (message) => void sent.push(message.to) });
    await registered(mock, 'ada');
    ok(await browserOn(mock).recover('ada'));
    assert.deepEqual(sent, ['ada']);
    assert.equal(mock.outbox.length, 1);
  });
});

describe('seeding', () => {
  test('an account with passkeys from elsewhere and a session: listed to that session, exactly as stored', async () => {
    const mock = createMockBackend();
    const user = mock.seed.user({ username: 'Ada', displayName: 'Ada Lovelace' });
    assert.deepEqual([user.username, user.usernameKey, user.displayName], ['Ada', 'ada', 'Ada Lovelace']);
    const key = mock.seed.credential(user.userId, { name: 'Blue key', transports: ['usb', 'nfc', 'carrier-pigeon' as never], deviceType: 'singleDevice', backedUp: false });
    assert.deepEqual(key.transports, ['nfc', 'usb'], 'only known transports, as the server stores them');
    assert.equal(mock.store.credentials.get(key.id)?.name, 'Blue key');

    const token = await mock.seed.session(user.userId);
    const browser = browserOn(mock);
    browser.cookies.set('passkey_session', token);
    assert.equal(ok(await browser.call('session')).username, 'Ada');
    const [listed] = ok<{ id: string; name: string; transports: string[] }[]>(await browser.call('credentials/list'));
    assert.deepEqual([listed?.id, listed?.name, listed?.transports], [key.id, 'Blue key', ['nfc', 'usb']]);
  });

  test('an account without passkeys gets made-up ones at sign-in, like an unknown name', async () => {
    const mock = createMockBackend();
    const user = mock.seed.user({ username: 'ada' });
    assert.deepEqual(await mock.store.listCredentials(user.userId), []);
    const options = await browserOn(mock).authenticationOptions('ada');
    assert.ok(options.allowCredentials!.length >= 1);
  });

  test('a seeded recovery link works once', async () => {
    const mock = createMockBackend();
    const user = mock.seed.user({ username: 'ada' });
    mock.seed.credential(user.userId);
    const token = await mock.seed.recoveryToken(user.userId, { token: 'a-token-from-a-story-0123456789' });
    assert.equal(token, 'a-token-from-a-story-0123456789');
    const phone = browserOn(mock);
    assert.equal(ok(await phone.register('ada', { recoveryToken: token })).userId, user.userId);
    await assertRefused(mock, () => browserOn(mock).call('register/options', { username: 'ada', recoveryToken: token }), 400, 'recovery-invalid');
  });

  test('refuses what the server would never store: a taken or invalid username, a passkey of nobody', () => {
    const mock = createMockBackend();
    const user = mock.seed.user({ username: 'ada' });
    assert.throws(() => mock.seed.user({ username: 'ADA' }), /taken/);
    assert.throws(() => mock.seed.user({ username: 'ali\u200Bce' }), /not a valid username/);
    assert.throws(() => mock.seed.credential('nobody'), /no account/);
    const key = mock.seed.credential(user.userId);
    assert.throws(() => mock.seed.credential(user.userId, { id: key.id }), /taken/);
  });
});

describe('the clock, accounts() and reset()', () => {
  test('the clock moves the server: sessions end and challenges expire', async () => {
    const mock = createMockBackend();
    const ada = await registered(mock, 'ada');
    const options = await ada.client.authenticationOptions('ada');
    mock.clock.advance(5 * MINUTE + 1);
    const credential = await ada.client.authenticator.get(options);
    await assertRefused(mock, () => ada.client.call('authenticate/verify', { username: 'ada', credential }), 400, 'verification-failed');
    mock.clock.advance(7 * 24 * 60 * MINUTE);
    assert.equal((await ada.client.call('session')).status, 401);
    assert.deepEqual(mock.accounts().sessions, [], 'swept as requests come in');
  });

  test('accounts() has users, credentials, sessions and recovery tokens; snapshot() everything', async () => {
    const mock = createMockBackend();
    const ada = await registered(mock, 'ada');
    ok(await browserOn(mock).recover('ada'));
    const { users, credentials, sessions, recoveryTokens } = mock.accounts();
    assert.deepEqual([users.length, credentials.length, sessions.length, recoveryTokens.length], [1, 1, 1, 1]);
    assert.equal(credentials[0]?.id, ada.credentialId);
    assert.equal(typeof credentials[0]?.createdAt, 'number');
    assert.deepEqual(Object.keys(mock.accounts()).sort(), ['credentials', 'recoveryTokens', 'sessions', 'users']);
    assert.deepEqual(Object.keys(mock.store.snapshot()).sort(), ['challenges', 'credentials', 'rateLimits', 'recoveryTokens', 'sessions', 'users']);
  });

  test('reset() forgets accounts, sessions, mails, faults, latency and the clock offset', async () => {
    const mock = createMockBackend();
    const ada = await registered(mock, 'ada');
    ok(await browserOn(mock).recover('ada'));
    mock.faults.force('authenticate/options', { status: 500 });
    mock.faults.latency = 100;
    const before = mock.clock.now();
    mock.clock.advance(MINUTE);
    mock.reset();
    const empty = mock.store.snapshot();
    assert.deepEqual(empty, { users: [], credentials: [], sessions: [], challenges: [], recoveryTokens: [], rateLimits: [] });
    assert.deepEqual(mock.outbox, []);
    assert.equal(mock.faults.latency, 0);
    assert.ok(mock.clock.now() - before < MINUTE);
    await assertRefused(mock, () => ada.client.call('session'), 401, 'unauthorized');
    ok(await browserOn(mock).call('authenticate/options', {}));
  });
});

describe('in Node through MSW (startNodeMock)', () => {
  test('the global fetch reaches the mock with the request’s own cookies; close() stops it', async () => {
    const mock = startNodeMock({ apiUrl: 'http://api.test/api/passkey', recoveryUrl: 'http://api.test/api/auth' });
    try {
      const browser = new TestClient({ transport: (request) => fetch(request), baseUrl: 'http://api.test' });
      const { userId } = ok(await browser.register('ada'));
      assert.equal(ok(await browser.call('session')).userId, userId);
      assert.equal((await browser.withoutCookies().call('session')).status, 401);
      // Another origin than the configured one is not the mock's: nothing answers it.
      await assert.rejects(fetch('http://elsewhere.test/api/passkey/session'));
    } finally {
      await mock.close();
    }
  });
});
