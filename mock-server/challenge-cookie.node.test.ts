// The session-cookie-challenge variant (`challengeCookie: true`): the mock behaves as a backend that keeps the
// challenge in its session cookie, so a client that does not send cookies back cannot finish any ceremony.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMockBackend } from './backend.ts';
import { CHALLENGE_COOKIE } from './challenge-cookie.ts';
import { startMockHttpServer } from './serve.ts';
import { browserOn, ok, registered, TestClient, type Answer } from './testing.ts';

const challengeCookieOf = (headers: Headers) => headers.getSetCookie().find((cookie) => cookie.startsWith(`${CHALLENGE_COOKIE}=`));

/** Verify with the cookie jar as it is, except the challenge cookie: removed, or set to `value`. */
async function verifyWithChallengeCookie(client: TestClient, value: string | undefined, call: () => Promise<Answer>) {
  if (value === undefined) client.cookies.delete(CHALLENGE_COOKIE);
  else client.cookies.set(CHALLENGE_COOKIE, value);
  return call();
}

describe('challengeCookie: true', () => {
  test('the options answer sets the challenge as an HttpOnly, SameSite=Lax cookie; a browser that sends it back registers and signs in', async () => {
    const mock = createMockBackend({ challengeCookie: true });
    const browser = browserOn(mock);
    const answer = await browser.call('register/options', { username: 'ada' });
    const options = ok(answer);
    assert.equal(challengeCookieOf(answer.headers), `${CHALLENGE_COOKIE}=${options.challenge}; Max-Age=300; Path=/; HttpOnly; SameSite=Lax`);
    const verified = await browser.call('register/verify', { username: 'ada', credential: await browser.authenticator.create(options) });
    ok(verified);
    assert.match(challengeCookieOf(verified.headers) ?? '', new RegExp(`^${CHALLENGE_COOKIE}=; Max-Age=0;`), 'used up: cleared');
    assert.equal(browser.cookies.has(CHALLENGE_COOKIE), false);
    ok(await browser.withoutCookies().signIn('ada'));
  });

  test('register/verify without the cookie is refused as a failed verification, and the store is unchanged', async () => {
    const mock = createMockBackend({ challengeCookie: true });
    const browser = browserOn(mock);
    const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' }));
    const before = mock.store.snapshot();
    const refused = await verifyWithChallengeCookie(browser, undefined, () => browser.call('register/verify', { username: 'ada', credential }));
    assert.deepEqual([refused.status, refused.body], [400, { error: 'The passkey could not be verified', code: 'verification-failed' }]);
    assert.deepEqual(mock.store.snapshot(), before);
    assert.deepEqual(mock.accounts().users, []);
  });

  test('authenticate/verify without the cookie, or with another challenge in it, is refused; the passkey is not used', async () => {
    const mock = createMockBackend({ challengeCookie: true });
    const ada = await registered(mock, 'ada');
    const device = ada.client.withoutCookies();
    const first = await device.authenticationOptions('ada');
    const second = await device.authenticationOptions('ada'); // a second tab: the cookie now holds its challenge
    for (const cookie of [undefined, 'made-up', second.challenge]) {
      const credential = await device.authenticator.get(first);
      const before = mock.store.snapshot();
      const refused = await verifyWithChallengeCookie(device, cookie, () => device.call('authenticate/verify', { username: 'ada', credential }));
      assert.equal(refused.status, 400, String(cookie));
      assert.equal(refused.body.code, 'verification-failed');
      assert.deepEqual(mock.store.snapshot(), before);
    }
    assert.equal(mock.store.credentials.get(ada.credentialId)?.counter, 0);
    const credential = await device.authenticator.get(first);
    const signedIn = await verifyWithChallengeCookie(device, first.challenge, () => device.call('authenticate/verify', { username: 'ada', credential }));
    ok(signedIn);
  });

  test('off by default: no challenge cookie, and verify needs none', async () => {
    const mock = createMockBackend();
    const browser = browserOn(mock);
    const answer = await browser.call('authenticate/options', {});
    assert.equal(challengeCookieOf(answer.headers), undefined);
    const ada = await registered(mock, 'ada');
    ok(await ada.client.withoutCookies().signIn('ada'));
  });

  test('over HTTP as well: with the cookie a ceremony passes; without it, refused with the CORS of the page', async () => {
    const running = await startMockHttpServer({ port: 0, challengeCookie: true });
    try {
      const browser = new TestClient({ transport: (request) => fetch(request), baseUrl: running.url });
      const { userId } = ok(await browser.register('ada'));
      const device = browser.withoutCookies();
      const credential = await device.authenticator.get(await device.authenticationOptions('ada'));
      const refused = await verifyWithChallengeCookie(device, undefined, () => device.call('authenticate/verify', { username: 'ada', credential }));
      assert.deepEqual([refused.status, refused.body.code, refused.headers.get('access-control-allow-origin')], [400, 'verification-failed', 'http://localhost:5173']);
      assert.equal(ok(await device.signIn('ada')).userId, userId);
    } finally {
      await running.close();
    }
  });
});
