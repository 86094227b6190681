// Accounts through the MSW handlers in Node: no user enumeration, recovery links, and what a session may touch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.ts';
import { assertRefused, ok, PAGE_ORIGIN, registeredUser, TestBrowser, useNodeMock, type ApiResponse } from '../test/helpers/test-browser.ts';

const mock = useNodeMock();
const MINUTE = 60_000;

/** The structure of a JSON value: key names and value types, not the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort().map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/** A recovery link sent to `username`, as someone who lost their passkey asks for it. */
async function recoveryToken(username: string): Promise<string> {
  ok(await new TestBrowser().recover(username));
  const message = mock.store.outbox.at(-1);
  assert.equal(message?.to, username);
  return message.token;
}

describe('no user enumeration', () => {
  test('sign-in options for an unknown username look like a known one’s, and stay the same for that name', async () => {
    await registeredUser('ada');
    const visitor = new TestBrowser();
    const known = await visitor.authenticationOptions('ada');
    const unknown = await visitor.authenticationOptions('nobody');
    assert.deepEqual(shape(unknown), shape(known));
    assert.equal(unknown.allowCredentials?.length, 1);
    assert.deepEqual(unknown.allowCredentials?.[0]?.transports, known.allowCredentials?.[0]?.transports);

    const again = await visitor.authenticationOptions('nobody');
    assert.deepEqual(again.allowCredentials, unknown.allowCredentials);
    assert.notEqual(again.challenge, unknown.challenge);
    assert.notDeepEqual((await visitor.authenticationOptions('somebody else')).allowCredentials, unknown.allowCredentials);
  });

  test('made-up credential ids differ in length from name to name, as real ones from different providers do', async () => {
    const visitor = new TestBrowser();
    const lengths = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const [decoy] = (await visitor.authenticationOptions(`nobody-${i}`)).allowCredentials!;
      lengths.add(Buffer.from(decoy!.id, 'base64url').length);
    }
    assert.deepEqual([...lengths].sort((a, b) => a - b), [16, 20, 32]);
  });

  test('a user whose passkeys are all deleted looks like an unknown one', async () => {
    const ada = await registeredUser('ada');
    ok(await ada.browser.request('DELETE', `/credentials/${ada.credentialId}`));
    const options = await new TestBrowser().authenticationOptions('ada');
    assert.equal(options.allowCredentials?.length, 1);
    assert.notEqual(options.allowCredentials?.[0]?.id, ada.credentialId);
  });

  test('recovery/send answers the same for known and unknown names; only the known one gets a link with a token', async () => {
    await registeredUser('ada');
    const visitor = new TestBrowser();
    const answers: ApiResponse[] = [await visitor.recover('ada'), await visitor.recover('nobody')];
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { success: true });
      assert.equal(answer.headers.get('content-type'), answers[0]!.headers.get('content-type'));
      assert.deepEqual(answer.headers.getSetCookie(), []);
    }
    assert.equal(mock.store.outbox.length, 1);
    const [message] = mock.store.outbox;
    assert.equal(message?.to, 'ada');
    assert.ok(message.token.length >= 32);
    assert.equal(new URL(message.link, PAGE_ORIGIN).searchParams.get('token'), message.token);
    assert.ok(message.text.includes(message.link));
  });
});

describe('recovery', () => {
  test('the token adds a new passkey to the account, signs in, and works only once', async () => {
    const ada = await registeredUser('ada');
    const token = await recoveryToken('ada');
    const newPhone = new TestBrowser({ authenticator: new SoftAuthenticator({ origin: PAGE_ORIGIN }) });
    const options = await newPhone.registrationOptions({ username: 'ada', recoveryToken: token });
    assert.deepEqual(options.excludeCredentials?.map((c) => c.id), [ada.credentialId]);
    const credential = await newPhone.authenticator.create(options);
    const response = await newPhone.post('/register/verify', { username: 'ada', credential });
    assert.deepEqual(ok(response), { verified: true, userId: ada.userId, username: 'ada', credentialId: credential.id });
    assert.equal(ok<{ username: string }>(await newPhone.get('/session')).username, 'ada');
    assert.deepEqual(mock.store.credentialsOf(ada.userId).map((c) => c.id), [ada.credentialId, credential.id]);
    ok(await newPhone.withoutCookies().signIn('ada'));

    const again = new TestBrowser();
    await assertRefused(mock.store, () => again.post('/register/options', { username: 'ada', recoveryToken: token }), 400, undefined, /recovery link/);
  });

  test('two ceremonies started with one token: only the first to verify is accepted', async () => {
    await registeredUser('ada');
    const token = await recoveryToken('ada');
    const [first, second] = [new TestBrowser(), new TestBrowser()];
    const firstCredential = await first.authenticator.create(await first.registrationOptions({ username: 'ada', recoveryToken: token }));
    const secondCredential = await second.authenticator.create(await second.registrationOptions({ username: 'ada', recoveryToken: token }));
    ok(await first.post('/register/verify', { username: 'ada', credential: firstCredential }));
    await assertRefused(mock.store, () => second.post('/register/verify', { username: 'ada', credential: secondCredential }), 400, undefined, /recovery link/);
  });

  test('a token expires after 15 minutes, also between options and verify', async () => {
    await registeredUser('ada');
    const stale = await recoveryToken('ada');
    mock.clock.advance(15 * MINUTE);
    await assertRefused(mock.store, () => new TestBrowser().post('/register/options', { username: 'ada', recoveryToken: stale }), 400, undefined, /recovery link/);

    const token = await recoveryToken('ada');
    mock.clock.advance(14 * MINUTE);
    const browser = new TestBrowser();
    const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada', recoveryToken: token }));
    mock.clock.advance(2 * MINUTE);
    await assertRefused(mock.store, () => browser.post('/register/verify', { username: 'ada', credential }), 400, undefined, /recovery link/);
  });

  test('a token is refused for another username, known or not, and for made-up tokens', async () => {
    await registeredUser('ada');
    await registeredUser('bob');
    const token = await recoveryToken('ada');
    for (const body of [{ username: 'bob', recoveryToken: token }, { username: 'carol', recoveryToken: token }, { username: 'ada', recoveryToken: 'made-up' }]) {
      await assertRefused(mock.store, () => new TestBrowser().post('/register/options', body), 400, undefined, /recovery link/);
    }
    await new TestBrowser().registrationOptions({ username: 'ada', recoveryToken: token }); // still good for ada
  });
});

describe('sessions', () => {
  test('credential management without a session → 401 unauthorized', async () => {
    const ada = await registeredUser('ada');
    const stranger = new TestBrowser();
    const forged = new TestBrowser();
    forged.cookies.set('passkey_session', 'forged-session-id');
    for (const browser of [stranger, forged]) {
      await assertRefused(mock.store, () => browser.get('/credentials'), 401, 'unauthorized');
      await assertRefused(mock.store, () => browser.request('PATCH', `/credentials/${ada.credentialId}`, { name: 'mine' }), 401, 'unauthorized');
      await assertRefused(mock.store, () => browser.request('DELETE', `/credentials/${ada.credentialId}`), 401, 'unauthorized');
      await assertRefused(mock.store, () => browser.get('/session'), 401, 'unauthorized');
    }
  });

  test("with user B's session, user A's passkeys are not found, not changed and never listed", async () => {
    const ada = await registeredUser('ada');
    const bob = await registeredUser('bob');
    await assertRefused(mock.store, () => bob.browser.request('PATCH', `/credentials/${ada.credentialId}`, { name: 'mine' }), 404);
    await assertRefused(mock.store, () => bob.browser.request('DELETE', `/credentials/${ada.credentialId}`), 404);
    assert.deepEqual(ok<{ id: string }[]>(await bob.browser.get('/credentials')).map((c) => c.id), [bob.credentialId]);
    assert.deepEqual(ok<{ id: string }[]>(await ada.browser.get('/credentials')).map((c) => c.id), [ada.credentialId]);
  });

  test('a session expires after a day', async () => {
    const ada = await registeredUser('ada');
    ok(await ada.browser.get('/credentials'));
    mock.clock.advance(24 * 60 * MINUTE);
    await assertRefused(mock.store, () => ada.browser.get('/credentials'), 401, 'unauthorized');
  });
});
