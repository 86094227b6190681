// The ceremonies through the MSW handlers in Node, with a software authenticator, checked by the real @simplewebauthn/server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { SoftAuthenticator, type ClientDataTamper } from '../test/helpers/soft-authenticator.ts';
import { base64url } from './verifier.ts';
import { assertRefused, ok, PAGE_ORIGIN, registeredUser, TestBrowser, useNodeMock } from '../test/helpers/test-browser.ts';

const mock = useNodeMock();
const MINUTE = 60_000;
const randomChallenge = () => isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(32)));

describe('happy paths', () => {
  test('registering creates the account and its passkey, and starts an HttpOnly session', async () => {
    const browser = new TestBrowser();
    const options = await browser.registrationOptions({ username: 'ada', displayName: 'Ada Lovelace' });
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.user.name, 'ada');
    assert.deepEqual(options.excludeCredentials, []);

    const credential = await browser.authenticator.create(options);
    const response = await browser.post('/register/verify', { username: 'ada', credential });
    const { userId } = ok<{ userId: string }>(response);
    assert.deepEqual(response.body, { verified: true, userId, username: 'ada', credentialId: credential.id });
    assert.match(response.headers.getSetCookie()[0] ?? '', /^passkey_session=[\w-]+;.*HttpOnly.*SameSite=Lax/);

    const { users, credentials } = mock.store.snapshot();
    assert.deepEqual(users.map((u) => [u.userId, u.username, u.displayName]), [[userId, 'ada', 'Ada Lovelace']]);
    assert.equal(credentials.length, 1);
    const { publicKey, createdAt, ...stored } = credentials[0]!;
    assert.deepEqual(stored, { id: credential.id, userId, counter: 0, transports: ['internal', 'hybrid'], aaguid: '00000000-0000-0000-0000-000000000000', backedUp: true, deviceType: 'multiDevice' });
    assert.match(publicKey, /^[\w-]{40,}$/);
    assert.ok(Date.parse(createdAt) > 0);
    // userHandle is base64url of the WebAuthn user.id, the UTF-8 bytes of userId: what the Signal API calls userId.
    const userHandle = Buffer.from(userId).toString('base64url');
    assert.deepEqual(ok(await browser.get('/session')), { userId, username: 'ada', displayName: 'Ada Lovelace', userHandle });
  });

  test('signs in with a username on a device without the session, and counts the signature', async () => {
    const ada = await registeredUser('ada');
    const device = ada.browser.withoutCookies();
    const options = await device.authenticationOptions('ada');
    assert.deepEqual(options.allowCredentials?.map((c) => c.id), [ada.credentialId]);

    const response = await device.post('/authenticate/verify', { username: 'ada', credential: await device.authenticator.get(options) });
    assert.deepEqual(ok(response), { verified: true, userId: ada.userId, username: 'ada' });
    assert.ok(device.cookies.get('passkey_session'));
    assert.equal(mock.store.credentials.get(ada.credentialId)?.counter, 1);
    assert.ok(mock.store.credentials.get(ada.credentialId)?.lastUsedAt);
  });

  test('signs in without a username (discoverable passkey)', async () => {
    const ada = await registeredUser('ada');
    const device = ada.browser.withoutCookies();
    assert.deepEqual((await device.authenticationOptions()).allowCredentials, []);
    assert.deepEqual(ok(await device.signIn()), { verified: true, userId: ada.userId, username: 'ada' });
  });

  test('a signed-in user adds a second passkey; excludeCredentials lists the first', async () => {
    const ada = await registeredUser('ada');
    const options = await ada.browser.registrationOptions({ username: 'ada' });
    assert.deepEqual(options.excludeCredentials?.map((c) => c.id), [ada.credentialId]);
    await assert.rejects(ada.browser.authenticator.create(options), { name: 'InvalidStateError' });

    const securityKey = new SoftAuthenticator({ origin: PAGE_ORIGIN, synced: false, transports: ['usb'] });
    const credential = await securityKey.create(options);
    assert.equal(ok<{ userId: string }>(await ada.browser.post('/register/verify', { username: 'ada', credential })).userId, ada.userId);
    const list = ok<{ id: string; deviceType: string }[]>(await ada.browser.get('/credentials'));
    assert.deepEqual(list.map((c) => [c.id, c.deviceType]), [[ada.credentialId, 'multiDevice'], [credential.id, 'singleDevice']]);
  });

  test('lists, renames and deletes passkeys with the session, never showing keys or counters', async () => {
    const ada = await registeredUser('ada');
    const [view] = ok<Record<string, unknown>[]>(await ada.browser.get('/credentials'));
    assert.deepEqual(Object.keys(view ?? {}).sort(), ['aaguid', 'backedUp', 'createdAt', 'deviceType', 'id', 'transports']);

    const renamed = ok<{ id: string; name: string }>(await ada.browser.request('PATCH', `/credentials/${ada.credentialId}`, { name: '  Phone  ' }));
    assert.deepEqual([renamed.id, renamed.name], [ada.credentialId, 'Phone']);
    assert.equal(ok<{ name: string }[]>(await ada.browser.get('/credentials'))[0]?.name, 'Phone');

    assert.deepEqual(ok(await ada.browser.request('DELETE', `/credentials/${ada.credentialId}`)), { success: true });
    assert.deepEqual(ok(await ada.browser.get('/credentials')), []);
    assert.equal(mock.store.credentials.size, 0);
  });

  test('DELETE /session signs out: the cookie is cleared and the old session id no longer works', async () => {
    const ada = await registeredUser('ada');
    const sessionId = ada.browser.cookies.get('passkey_session')!;
    assert.equal(ok<{ username: string }>(await ada.browser.get('/session')).username, 'ada');

    assert.deepEqual(ok(await ada.browser.request('DELETE', '/session')), { success: true });
    assert.equal(ada.browser.cookies.has('passkey_session'), false);
    ada.browser.cookies.set('passkey_session', sessionId);
    await assertRefused(mock.store, () => ada.browser.get('/session'), 401, 'unauthorized');
    await assertRefused(mock.store, () => ada.browser.get('/credentials'), 401, 'unauthorized');
  });
});

describe('challenges', () => {
  test('are single-use: a replayed verify body is refused', async () => {
    const browser = new TestBrowser();
    const registration = { username: 'ada', credential: await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' })) };
    ok(await browser.post('/register/verify', registration));
    await assertRefused(mock.store, () => browser.post('/register/verify', registration), 400, 'verification-failed');

    const signIn = { username: 'ada', credential: await browser.authenticator.get(await browser.authenticationOptions('ada')) };
    ok(await browser.post('/authenticate/verify', signIn));
    await assertRefused(mock.store, () => browser.post('/authenticate/verify', signIn), 400, 'verification-failed');
  });

  test('are found in a clientDataJSON that is not ASCII, and used up by the refused attempt', async () => {
    const browser = new TestBrowser();
    const options = await browser.registrationOptions({ username: 'ada' });
    const foreign = await browser.authenticator.create(options, { origin: 'https://bücher.example/ünïcødé✓' });
    await assertRefused(mock.store, () => browser.post('/register/verify', { username: 'ada', credential: foreign }), 400, 'verification-failed', /origin "https:\/\/bücher\.example\/ünïcødé✓"/);
    const genuine = await browser.authenticator.create(options);
    await assertRefused(mock.store, () => browser.post('/register/verify', { username: 'ada', credential: genuine }), 400, 'verification-failed', /Challenge not found/);
  });

  // The mock learns the challenge from the library's challenge check; a response refused before that check (or a
  // sign-in with a passkey it does not know) still has its challenge checked first and used up, as it always had.
  test('are used up, and checked first, also when the response is refused before the library checks the challenge', async () => {
    const ada = await registeredUser('ada');
    const signIn = await ada.browser.authenticationOptions('ada');
    const otherType = await ada.browser.authenticator.get(signIn, { type: 'webauthn.create' });
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'ada', credential: otherType }), 400, 'verification-failed', /type/);
    const genuine = await ada.browser.authenticator.get(signIn);
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'ada', credential: genuine }), 400, 'verification-failed', /Challenge not found/);
    // The username check comes before the library's own refusal, as it did.
    const wrongUser = await ada.browser.authenticator.get(await ada.browser.authenticationOptions('ada'), { type: 'webauthn.create' });
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'bob', credential: wrongUser }), 400, 'verification-failed', /does not belong/);

    const bob = new TestBrowser();
    const options = await bob.registrationOptions({ username: 'bob' });
    const credential = await bob.authenticator.create(options);
    await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'bob', credential: { ...credential, rawId: ada.credentialId } }), 400, 'verification-failed', /not base64url-encoded/);
    await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'bob', credential }), 400, 'verification-failed', /Challenge not found/);
    const again = await bob.authenticator.create(await bob.registrationOptions({ username: 'bob' }), { type: 'webauthn.get' });
    await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'cy', credential: again }), 400, 'verification-failed', /another username/);
    const garbled = await bob.authenticator.create(await bob.registrationOptions({ username: 'bob' }));
    const garbledBody = { username: 'bob', credential: { ...garbled, response: { ...garbled.response, clientDataJSON: isoBase64URL.fromUTF8String('not json') } } };
    const refusal = await assertRefused(mock.store, () => bob.post('/register/verify', garbledBody), 400);
    assert.deepEqual(refusal.body, { error: 'credential.response.clientDataJSON is not valid' });
    ok(await bob.post('/register/verify', { username: 'bob', credential: garbled })); // a body that is not a response uses up nothing

    const eve = new TestBrowser();
    await eve.authenticator.create(await eve.registrationOptions({ username: 'eve' })); // created, never verified
    const eveSignIn = await eve.authenticationOptions();
    const unknown = await eve.authenticator.get(eveSignIn);
    await assertRefused(mock.store, () => eve.post('/authenticate/verify', { credential: unknown }), 400, 'unknown-credential');
    await assertRefused(mock.store, () => eve.post('/authenticate/verify', { credential: unknown }), 400, 'verification-failed', /Challenge not found/);
  });

  test('expire after 5 minutes', async () => {
    const ada = await registeredUser('ada');
    const inTime = await ada.browser.authenticationOptions('ada');
    mock.clock.advance(5 * MINUTE - 1000);
    ok(await ada.browser.post('/authenticate/verify', { credential: await ada.browser.authenticator.get(inTime) }));

    const late = await ada.browser.authenticationOptions('ada');
    const registration = await new TestBrowser().registrationOptions({ username: 'bob' });
    mock.clock.advance(5 * MINUTE);
    const assertion = await ada.browser.authenticator.get(late);
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { credential: assertion }), 400, 'verification-failed');
    const bob = new TestBrowser();
    const credential = await bob.authenticator.create(registration);
    await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'bob', credential }), 400, 'verification-failed');
  });

  test('are bound to the ceremony, not the username: two sign-ins for one name in flight both verify, in reverse order', async () => {
    const ada = await registeredUser('ada');
    const first = await ada.browser.authenticationOptions('ada');
    const second = await ada.browser.authenticationOptions('ada');
    ok(await ada.browser.post('/authenticate/verify', { username: 'ada', credential: await ada.browser.authenticator.get(second) }));
    ok(await ada.browser.post('/authenticate/verify', { username: 'ada', credential: await ada.browser.authenticator.get(first) }));
  });

  test('a registration challenge cannot sign in, and a sign-in challenge cannot register', async () => {
    const ada = await registeredUser('ada');
    const registration = await ada.browser.registrationOptions({ username: 'ada' });
    const assertion = await ada.browser.authenticator.get(await ada.browser.authenticationOptions('ada'), { challenge: registration.challenge });
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'ada', credential: assertion }), 400, 'verification-failed');

    const bob = new TestBrowser();
    const signIn = await bob.authenticationOptions();
    const credential = await bob.authenticator.create(await bob.registrationOptions({ username: 'bob' }), { challenge: signIn.challenge });
    await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'bob', credential }), 400, 'verification-failed');
  });
});

describe('hostile responses', () => {
  // What an attacker may put in clientDataJSON; each ceremony also gets the other ceremony's type.
  const foreign: [ClientDataTamper, RegExp][] = [
    [{ challenge: randomChallenge() }, /challenge/i],
    [{ origin: 'https://evil.example' }, /origin/],
    [{ origin: 'http://localhost:3001' }, /origin/],
  ];

  for (const [tamper, reason] of [...foreign, [{ type: 'webauthn.create' }, /type/] as const]) {
    test(`a sign-in with clientDataJSON ${JSON.stringify(tamper)} is refused`, async () => {
      const ada = await registeredUser('ada');
      const credential = await ada.browser.authenticator.get(await ada.browser.authenticationOptions('ada'), tamper);
      await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'ada', credential }), 400, 'verification-failed', reason);
    });
  }

  for (const [tamper, reason] of [...foreign, [{ type: 'webauthn.get' }, /type/] as const]) {
    test(`a registration with clientDataJSON ${JSON.stringify(tamper)} is refused`, async () => {
      const bob = new TestBrowser();
      const credential = await bob.authenticator.create(await bob.registrationOptions({ username: 'bob' }), tamper);
      await assertRefused(mock.store, () => bob.post('/register/verify', { username: 'bob', credential }), 400, 'verification-failed', reason);
    });
  }

  test('a signature over other data is refused', async () => {
    const ada = await registeredUser('ada');
    const credential = await ada.browser.authenticator.get(await ada.browser.authenticationOptions('ada'), { signOver: new TextEncoder().encode('something else') });
    await assertRefused(mock.store, () => ada.browser.post('/authenticate/verify', { username: 'ada', credential }), 400, 'verification-failed', /^Verification failed$/);
  });

  test('a counter that goes backwards is refused and the stored counter kept', async () => {
    const ada = await registeredUser('ada');
    ok(await ada.browser.signIn('ada', { signCount: 10 }));
    await assertRefused(mock.store, () => ada.browser.signIn('ada', { signCount: 9 }), 400, 'verification-failed', /counter/);
    await assertRefused(mock.store, () => ada.browser.signIn('ada', { signCount: 10 }), 400, 'verification-failed', /counter/);
    assert.equal(mock.store.credentials.get(ada.credentialId)?.counter, 10);
  });

  test('a passkey that always reports 0 (as synced passkeys do) is accepted every time', async () => {
    const ada = await registeredUser('ada');
    ok(await ada.browser.signIn('ada', { signCount: 0 }));
    ok(await ada.browser.signIn('ada', { signCount: 0 }));
  });

  test("user A's passkey presented for user B is refused", async () => {
    const ada = await registeredUser('ada');
    await registeredUser('bob');
    const asBob = async (optionsFor: string | undefined, claimed: string) => {
      const credential = await ada.browser.authenticator.get(await ada.browser.authenticationOptions(optionsFor), { credentialId: ada.credentialId });
      return ada.browser.post('/authenticate/verify', { username: claimed, credential });
    };
    await assertRefused(mock.store, () => asBob('bob', 'bob'), 400, 'verification-failed', /belong/);
    await assertRefused(mock.store, () => asBob(undefined, 'bob'), 400, 'verification-failed', /belong/);
    await assertRefused(mock.store, () => asBob('ada', 'bob'), 400, 'verification-failed', /belong/);
    await assertRefused(mock.store, () => asBob('bob', 'ada'), 400, 'verification-failed', /belong/);
  });

  test('a userHandle that does not match the passkey is refused', async () => {
    const ada = await registeredUser('ada');
    await registeredUser('bob');
    const bobsHandle = mock.store.findUserByName('bob')!.userHandle;
    for (const userHandle of [bobsHandle, isoBase64URL.fromUTF8String('someone')]) {
      await assertRefused(mock.store, () => ada.browser.signIn(undefined, { userHandle }), 400, 'verification-failed', /user handle/);
    }
    ok(await ada.browser.signIn(undefined, { userHandle: null })); // no userHandle at all is allowed, as for non-discoverable passkeys
  });

  test('a passkey the server does not know → unknown-credential', async () => {
    const eve = new TestBrowser();
    await eve.authenticator.create(await eve.registrationOptions({ username: 'eve' })); // created, never verified
    await assertRefused(mock.store, () => eve.signIn(), 400, 'unknown-credential');

    const ada = await registeredUser('ada');
    ok(await ada.browser.request('DELETE', `/credentials/${ada.credentialId}`));
    await assertRefused(mock.store, () => ada.browser.signIn(), 400, 'unknown-credential');
  });

  test('registering a taken username without its session → 409 already-registered', async () => {
    await registeredUser('ada');
    const bob = await registeredUser('bob');
    await assertRefused(mock.store, () => new TestBrowser().post('/register/options', { username: 'ada' }), 409, 'already-registered');
    await assertRefused(mock.store, () => bob.browser.post('/register/options', { username: 'ada' }), 409, 'already-registered');
  });

  test('two registrations of one new username in flight: only the first to verify gets it', async () => {
    const [first, second] = [new TestBrowser(), new TestBrowser()];
    const firstCredential = await first.authenticator.create(await first.registrationOptions({ username: 'ada' }));
    const secondCredential = await second.authenticator.create(await second.registrationOptions({ username: 'ada' }));
    ok(await second.post('/register/verify', { username: 'ada', credential: secondCredential }));
    await assertRefused(mock.store, () => first.post('/register/verify', { username: 'ada', credential: firstCredential }), 409, 'already-registered');
  });

  test('registering the same passkey twice (for another account, or again for its own) → 409', async () => {
    const ada = await registeredUser('ada');
    const reuse = { reuse: ada.credentialId };
    await assertRefused(mock.store, () => ada.browser.withoutCookies().register('mallory', {}, reuse), 409, 'already-registered', /passkey/);
    await assertRefused(mock.store, () => ada.browser.register('ada', {}, reuse), 409, 'already-registered', /passkey/);
  });

  test('a verify body for another username than the options were for is refused', async () => {
    const browser = new TestBrowser();
    const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' }));
    await assertRefused(mock.store, () => browser.post('/register/verify', { username: 'bob', credential }), 400, 'verification-failed');
  });
});

test('the stored public key is encoded as isoBase64URL.fromBuffer encodes it, for every length and offset', () => {
  for (let length = 0; length <= 200; length++) {
    for (const fill of ['random', 0, 255] as const) {
      const backing = crypto.getRandomValues(new Uint8Array(length + 7));
      const bytes = backing.subarray(3, 3 + length);
      if (fill !== 'random') bytes.fill(fill);
      assert.equal(base64url(bytes), isoBase64URL.fromBuffer(bytes));
    }
  }
});
