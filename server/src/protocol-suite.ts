/**
 * The whole protocol and the attacks on it, driven over the server's fetch handler with a software authenticator, on
 * any store. Every adapter runs it (memory here, SQLite and PostgreSQL beside their adapters):
 *
 *   runProtocolSuite('sqlite', async () => createSqliteStore({ path: freshFile() }));
 *
 * Each test gets a new, empty store from `makeStore` (the suite migrates it and closes it). Every refusal is asserted
 * with its status and code, a body of exactly `{ error, code }` without library internals, and no write to the store
 * (recorded on any store; compared by snapshot as well on stores that have one).
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import { SoftAuthenticator } from './check/soft-authenticator.ts';
import { sha256 } from './crypto.ts';
import { KNOWN_TRANSPORTS, type PasskeyStore } from './store.ts';
import type { PasskeyServerOptions } from './options.ts';
import { startHarness, type Harness, type ServerHost, type StoreFactory } from './testing/harness.ts';
import { ok, PAGE_ORIGIN, SERVER_URL, TestClient } from './testing/test-client.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const EVIL = 'https://evil.example';

export type { HostedServer, ServerHost, StoreFactory } from './testing/harness.ts';

/** `host`: how the server is made and reached (default: `createPasskeyServer`, called directly). */
export function runProtocolSuite(name: string, makeStore: StoreFactory, host?: ServerHost): void {
  const start = (t: TestContext, overrides?: Partial<PasskeyServerOptions>, wrap?: (store: PasskeyStore) => PasskeyStore) =>
    startHarness(t, makeStore, overrides, wrap, host);

  describe(`protocol suite on ${name}`, () => {
    describe('ceremonies', () => {
      test('registering creates the account and its passkey, and signs in with an HttpOnly, SameSite=Lax cookie', async (t) => {
        const h = await start(t);
        const browser = h.client();
        const options = await browser.registrationOptions({ username: 'ada', displayName: 'Ada Lovelace' });
        assert.equal(options.rp.id, 'localhost');
        assert.equal(options.user.name, 'ada');
        assert.equal(options.user.displayName, 'Ada Lovelace');
        assert.deepEqual(options.excludeCredentials, []);
        const credential = await browser.authenticator.create(options);
        const answer = await browser.call('register/verify', { username: 'ada', credential });
        const { userId } = ok(answer);
        assert.deepEqual(answer.body, { verified: true, userId, username: 'ada', credentialId: credential.id });
        assert.match(answer.headers.getSetCookie()[0] ?? '', /^passkey_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);

        const user = await h.store.findUserByKey('ada');
        assert.deepEqual([user?.userId, user?.username, user?.displayName], [userId, 'ada', 'Ada Lovelace']);
        // userHandle is the base64url of the WebAuthn user.id: the UTF-8 bytes of userId.
        assert.equal(user?.userHandle, isoBase64URL.fromBuffer(isoUint8Array.fromUTF8String(userId)));
        const [stored] = await h.store.listCredentials(userId);
        assert.equal(stored?.id, credential.id);
        assert.deepEqual([stored?.counter, stored?.transports, stored?.backedUp, stored?.deviceType], [0, ['hybrid', 'internal'], true, 'multiDevice']);
        assert.deepEqual(ok(await browser.call('session')), { userId, username: 'ada', displayName: 'Ada Lovelace', userHandle: user?.userHandle });
      });

      test('the session cookie holds a random token; the store keeps only its SHA-256', async (t) => {
        const h = await start(t);
        const { client } = await h.registered('ada');
        const token = client.cookies.get('passkey_session')!;
        assert.equal(isoBase64URL.toBuffer(token).length, 32);
        assert.ok(await h.store.findSession(await sha256(token)));
        assert.equal(await h.store.findSession(token), undefined);
      });

      test('outside localhost the cookie is Secure with the __Host- prefix', async (t) => {
        const origin = 'https://shop.example';
        const h = await start(t, { rpID: 'shop.example', origins: [origin] });
        const browser = h.client({ origin, authenticator: new SoftAuthenticator({ origin }) });
        const answer = await browser.register('ada');
        ok(answer);
        assert.match(answer.headers.getSetCookie()[0] ?? '', /^__Host-passkey_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      });

      test('signs in with a username on another device, counts the signature and records the use', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const device = ada.client.withoutCookies();
        const options = await device.authenticationOptions('ada');
        assert.deepEqual(options.allowCredentials, [{ id: ada.credentialId, type: 'public-key', transports: ['hybrid', 'internal'] }]);
        const credential = await device.authenticator.get(options);
        h.advance(MINUTE); // the suite's clock moves only when told: the sign-in's time is exactly h.now()
        const answer = await device.call('authenticate/verify', { username: 'ada', credential });
        assert.deepEqual(ok(answer), { verified: true, userId: ada.userId, username: 'ada' });
        assert.ok(device.cookies.get('passkey_session'));
        const stored = await h.store.findCredential(ada.credentialId);
        assert.equal(stored?.counter, 1);
        assert.equal(stored?.lastUsedAt, h.now());
      });

      test('signs in without a username (discoverable passkey)', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const device = ada.client.withoutCookies();
        assert.deepEqual((await device.authenticationOptions()).allowCredentials, []);
        assert.deepEqual(ok(await device.signIn()), { verified: true, userId: ada.userId, username: 'ada' });
      });

      test('a signed-in user adds a second passkey; excludeCredentials lists the first', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        h.advance(SECOND); // the list is oldest first
        const options = await ada.client.registrationOptions({ username: 'ada' });
        assert.deepEqual(options.excludeCredentials, [{ id: ada.credentialId, type: 'public-key', transports: ['hybrid', 'internal'] }]);
        const securityKey = new SoftAuthenticator({ origin: PAGE_ORIGIN, synced: false, transports: ['usb'] });
        const credential = await securityKey.create(options);
        assert.equal(ok(await ada.client.call('register/verify', { username: 'ada', credential })).userId, ada.userId);
        const list = ok<{ id: string; deviceType: string; transports: string[] }[]>(await ada.client.call('credentials/list'));
        assert.deepEqual(list.map((c) => [c.id, c.deviceType, c.transports]), [
          [ada.credentialId, 'multiDevice', ['hybrid', 'internal']],
          [credential.id, 'singleDevice', ['usb']],
        ]);
      });

      test('lists, renames and deletes passkeys with the session, never showing keys or counters', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const [view] = ok<Record<string, unknown>[]>(await ada.client.call('credentials/list'));
        assert.deepEqual(Object.keys(view ?? {}).sort(), ['aaguid', 'backedUp', 'createdAt', 'deviceType', 'id', 'transports']);
        assert.equal(view?.createdAt, new Date((await h.store.findCredential(ada.credentialId))!.createdAt).toISOString());

        const renamed = ok(await ada.client.call('credentials/rename', { name: '  Phone  ' }, ada.credentialId));
        assert.deepEqual([renamed.id, renamed.name], [ada.credentialId, 'Phone']);
        assert.equal((await h.store.findCredential(ada.credentialId))?.name, 'Phone');
        assert.deepEqual(ok(await ada.client.call('credentials/delete', undefined, ada.credentialId)), { success: true });
        assert.deepEqual(ok(await ada.client.call('credentials/list')), []);
        assert.equal(await h.store.findCredential(ada.credentialId), undefined);
      });

      test("another account's passkey can be neither renamed nor deleted; a bad name is refused", async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const bob = await h.registered('bob');
        await h.assertRefused(() => bob.client.call('credentials/rename', { name: 'Mine' }, ada.credentialId), 404, 'not-found');
        await h.assertRefused(() => bob.client.call('credentials/delete', undefined, ada.credentialId), 404, 'not-found');
        await h.assertRefused(() => ada.client.call('credentials/rename', { name: 'Phone\u202Eenohp' }, ada.credentialId), 400, 'invalid-request');
        await h.assertRefused(() => ada.client.call('credentials/rename', { name: 'x'.repeat(65) }, ada.credentialId), 400, 'invalid-request');
        await h.assertRefused(() => ada.client.withoutCookies().call('credentials/list'), 401, 'unauthorized');
        await h.assertRefused(() => ada.client.withoutCookies().call('credentials/delete', undefined, ada.credentialId), 401, 'unauthorized');
      });
    });

    describe('sessions', () => {
      test('DELETE /session signs out: the cookie is cleared and the session deleted from the store', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const token = ada.client.cookies.get('passkey_session')!;
        const answer = await ada.client.call('session/end');
        assert.deepEqual(ok(answer), { success: true });
        assert.match(answer.headers.getSetCookie()[0] ?? '', /^passkey_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
        assert.equal(await h.store.findSession(await sha256(token)), undefined);
        ada.client.cookies.set('passkey_session', token);
        await h.assertRefused(() => ada.client.call('session'), 401, 'unauthorized');
      });

      test('every sign-in rotates the session: a new token, and the old session deleted', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const before = ada.client.cookies.get('passkey_session')!;
        ok(await ada.client.signIn('ada'));
        const after = ada.client.cookies.get('passkey_session')!;
        assert.notEqual(after, before);
        assert.equal(await h.store.findSession(await sha256(before)), undefined);
        ada.client.cookies.set('passkey_session', before);
        await h.assertRefused(() => ada.client.call('session'), 401, 'unauthorized');
        ada.client.cookies.set('passkey_session', after);
        ok(await ada.client.call('session'));
      });

      test('where Request and Response cannot carry cookies (a service worker), the adapter passes them beside', async (t) => {
        const h = await start(t);
        const serviceWorker = async (request: Request, clientIp: string) => {
          const headers = new Headers(request.headers);
          const cookieHeader = headers.get('cookie') ?? undefined;
          headers.delete('cookie');
          const setCookies: string[] = [];
          const response = await h.server.fetch(new Request(request, { headers }), { clientIp, cookieHeader, onSetCookie: (c) => setCookies.push(c) });
          const answer = new Headers(response.headers);
          answer.delete('set-cookie');
          for (const cookie of setCookies) answer.append('set-cookie', cookie);
          return new Response(response.body, { status: response.status, headers: answer });
        };
        const page = new TestClient({ transport: serviceWorker });
        const { userId } = ok(await page.register('ada'));
        assert.equal(ok(await page.call('session')).userId, userId);
        ok(await page.call('session/end'));
        assert.equal(page.cookies.size, 0);
        assert.equal((await page.call('session')).status, 401);
      });

      test('sessions slide: used in the second half of their life they last a full lifetime again; idle ones end', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const token = ada.client.cookies.get('passkey_session')!;
        h.advance(2 * DAY);
        const early = await ada.client.call('session');
        ok(early);
        assert.deepEqual(early.headers.getSetCookie(), [], 'no write while the session is young');
        h.advance(3 * DAY);
        const renewal = await ada.client.call('session');
        ok(renewal);
        assert.match(renewal.headers.getSetCookie()[0] ?? '', new RegExp(`^passkey_session=${token}; Max-Age=604800;`));
        assert.equal((await h.store.findSession(await sha256(token)))?.expiresAt, h.now() + 7 * DAY);
        h.advance(6 * DAY); // 11 days after sign-in: alive only because it slid
        ok(await ada.client.call('credentials/list'));
        h.advance(7 * DAY + 1);
        await h.assertRefused(() => ada.client.call('session'), 401, 'unauthorized');
        await h.server.sweep();
        assert.equal(await h.store.findSession(await sha256(token)), undefined);
      });
    });

    describe('challenges', () => {
      test('are single-use: a replayed verify body is refused', async (t) => {
        const h = await start(t);
        const browser = h.client();
        const registration = { username: 'ada', credential: await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' })) };
        ok(await browser.call('register/verify', registration));
        await h.assertRefused(() => browser.call('register/verify', registration), 400, 'verification-failed');
        const signIn = { username: 'ada', credential: await browser.authenticator.get(await browser.authenticationOptions('ada')) };
        ok(await browser.call('authenticate/verify', signIn));
        await h.assertRefused(() => browser.withoutCookies().call('authenticate/verify', signIn), 400, 'verification-failed');
      });

      test('expire after 5 minutes', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const options = await ada.client.authenticationOptions('ada');
        h.advance(5 * MINUTE + 1);
        const credential = await ada.client.authenticator.get(options);
        await h.assertRefused(() => ada.client.call('authenticate/verify', { username: 'ada', credential }), 400, 'verification-failed');
      });

      test('serve only their own ceremony and the username they were issued for', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const registration = await ada.client.withoutCookies().registrationOptions({ username: 'bob' });
        const signIn = await ada.client.authenticationOptions('ada');
        const crossed = await ada.client.authenticator.get({ ...signIn, challenge: registration.challenge });
        await h.assertRefused(() => ada.client.call('authenticate/verify', { username: 'ada', credential: crossed }), 400, 'verification-failed');

        const browser = h.client();
        const forBob = await browser.authenticator.create(await browser.registrationOptions({ username: 'bob' }));
        await h.assertRefused(() => browser.call('register/verify', { username: 'cy', credential: forBob }), 400, 'verification-failed');
      });

      test('are keyed by the challenge: two tabs signing in at once both succeed', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const first = await ada.client.authenticationOptions('ada');
        const second = await ada.client.authenticationOptions('ada');
        const firstCredential = await ada.client.authenticator.get(first);
        const secondCredential = await ada.client.authenticator.get(second);
        ok(await ada.client.call('authenticate/verify', { username: 'ada', credential: firstCredential }));
        ok(await ada.client.call('authenticate/verify', { username: 'ada', credential: secondCredential }));
      });
    });

    describe('attacks on verify', () => {
      test('a response from another origin is refused; the body says nothing of the origins, onEvent does', async (t) => {
        const h = await start(t);
        const browser = h.client();
        const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' }), { origin: EVIL });
        await h.assertRefused(() => browser.call('register/verify', { username: 'ada', credential }), 400, 'verification-failed');
        const refusal = h.events.findLast((event) => event.type === 'refused');
        assert.match(refusal?.type === 'refused' ? refusal.reason : '', /evil\.example/);
      });

      test('a credential id over 1023 bytes is refused at registration (WebAuthn L3), in the fields or in the authenticator data', async (t) => {
        const h = await start(t);
        const withIdsOf = (bytes: number) => h.client({ authenticator: new SoftAuthenticator({ origin: PAGE_ORIGIN, credentialIdLength: bytes }) });
        const huge = withIdsOf(4000);
        const hugeCredential = await huge.authenticator.create(await huge.registrationOptions({ username: 'ada' }));
        await h.assertRefused(() => huge.call('register/verify', { username: 'ada', credential: hugeCredential }), 400, 'invalid-request');
        // Short id fields over a long id in the authenticator data: the stored id would be the long one.
        const hidden = withIdsOf(1024);
        const hiddenCredential = await hidden.authenticator.create(await hidden.registrationOptions({ username: 'ada' }));
        const short = hiddenCredential.id.slice(0, 22);
        await h.assertRefused(() => hidden.call('register/verify', { username: 'ada', credential: { ...hiddenCredential, id: short, rawId: short } }), 400, 'verification-failed');

        const longest = withIdsOf(1023);
        const { credentialId } = ok(await longest.register('ada'));
        assert.equal(isoBase64URL.toBuffer(credentialId).byteLength, 1023);
        ok(await longest.withoutCookies().signIn('ada'));
        // Nothing that long is stored, so sign-in refuses it before any lookup.
        const assertion = await longest.authenticator.get(await longest.authenticationOptions('ada'));
        const tooLong = isoBase64URL.fromBuffer(new Uint8Array(1024));
        await h.assertRefused(() => longest.call('authenticate/verify', { username: 'ada', credential: { ...assertion, id: tooLong, rawId: tooLong } }), 400, 'invalid-request');
      });

      test('a counter that goes back is refused, without counter values in the body', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        ok(await ada.client.signIn('ada', { signCount: 5 }));
        const answer = await h.assertRefused(() => ada.client.signIn('ada', { signCount: 3 }), 400, 'verification-failed');
        assert.doesNotMatch(JSON.stringify(answer.body), /\d/);
        assert.equal((await h.store.findCredential(ada.credentialId))?.counter, 5);
      });

      test('of two concurrent sign-ins with one counting passkey, exactly one passes (compare-and-set)', async (t) => {
        // Both requests read the stored counter before either writes: only the store's compare-and-set can stop one.
        let waiting: (() => void)[] = [];
        const h = await start(t, {}, (store) =>
          new Proxy(store, {
            get(target, property) {
              const value = Reflect.get(target, property, target);
              if (property !== 'findCredential' || waiting === undefined) return typeof value === 'function' ? value.bind(target) : value;
              return async (id: string) => {
                const found = await target.findCredential(id);
                await new Promise<void>((resolve) => {
                  waiting.push(resolve);
                  if (waiting.length === 2) for (const release of waiting.splice(0)) release();
                });
                return found;
              };
            },
          }),
        );
        const armed = waiting;
        waiting = undefined as never; // registration runs unhindered
        const ada = await h.registered('ada');
        waiting = armed;
        const [one, two] = await Promise.all([ada.client.authenticationOptions('ada'), ada.client.authenticationOptions('ada')]);
        const first = await ada.client.authenticator.get(one, { signCount: 1 });
        const second = await ada.client.authenticator.get(two, { signCount: 2 });
        const answers = await Promise.all([
          ada.client.withoutCookies().call('authenticate/verify', { username: 'ada', credential: first }),
          ada.client.withoutCookies().call('authenticate/verify', { username: 'ada', credential: second }),
        ]);
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, 400]);
        assert.equal(answers.find((a) => a.status === 400)?.body.code, 'verification-failed');
        const winner = answers[0]!.status === 200 ? 1 : 2;
        assert.equal((await h.store.findCredential(ada.credentialId))?.counter, winner);
      });

      test("a passkey of one account cannot sign in as another, by username or by user handle", async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const bob = await h.registered('bob');
        const asAda = await bob.client.authenticator.get(await bob.client.authenticationOptions('ada'), { credentialId: bob.credentialId });
        await h.assertRefused(() => bob.client.call('authenticate/verify', { username: 'ada', credential: asAda }), 400, 'verification-failed');
        const claimsAda = await bob.client.authenticator.get(await bob.client.authenticationOptions());
        await h.assertRefused(() => bob.client.call('authenticate/verify', { username: 'ada', credential: claimsAda }), 400, 'verification-failed');
        const adaHandle = (await h.store.findUser(ada.userId))!.userHandle;
        await h.assertRefused(() => bob.client.signIn(undefined, { userHandle: adaHandle }), 400, 'verification-failed');
      });

      test('a passkey the server does not know is refused as unknown-credential', async (t) => {
        const h = await start(t);
        const eve = h.client();
        await eve.authenticator.create(await eve.registrationOptions({ username: 'eve' })); // made, never verified
        await h.assertRefused(() => eve.signIn(), 400, 'unknown-credential');
      });

      test('a forged signature is refused', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        await h.assertRefused(() => ada.client.signIn('ada', { signOver: new Uint8Array(32) }), 400, 'verification-failed');
      });

      test('an existing username cannot get another passkey without its session: not anonymously, not from another account', async (t) => {
        const h = await start(t);
        await h.registered('ada');
        const bob = await h.registered('bob');
        await h.assertRefused(() => h.client().call('register/options', { username: 'ada' }), 409, 'already-registered');
        await h.assertRefused(() => bob.client.call('register/options', { username: 'ada' }), 409, 'already-registered');
      });

      test('the add-passkey challenge belongs to the session that asked: without it, or in another, verify is refused', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const bob = await h.registered('bob');
        const attacker = new SoftAuthenticator({ origin: PAGE_ORIGIN });
        const tryWith = async (client: TestClient) => {
          const options = await ada.client.registrationOptions({ username: 'ada' });
          const credential = await attacker.create(options);
          return h.assertRefused(() => client.call('register/verify', { username: 'ada', credential }), 401, 'unauthorized');
        };
        await tryWith(h.client());
        await tryWith(bob.client);
        const adaElsewhere = ada.client.withoutCookies();
        ok(await adaElsewhere.signIn('ada'));
        await tryWith(adaElsewhere); // ada herself, in another session
        assert.equal((await h.store.listCredentials(ada.userId)).length, 1);

        const options = await ada.client.registrationOptions({ username: 'ada' });
        ok(await ada.client.call('register/verify', { username: 'ada', credential: await attacker.create(options) }));
        assert.equal((await h.store.listCredentials(ada.userId)).length, 2);
      });

      test('only known transports are stored, each once, sorted', async (t) => {
        const h = await start(t);
        const odd = new SoftAuthenticator({ origin: PAGE_ORIGIN, transports: ['usb', 'carrier-pigeon', 'nfc', 'usb', '<script>'] as never });
        const ada = await h.registered('ada', h.client({ authenticator: odd }));
        assert.deepEqual((await h.store.findCredential(ada.credentialId))?.transports, ['nfc', 'usb']);
        for (const transport of (await h.store.findCredential(ada.credentialId))!.transports) assert.ok(KNOWN_TRANSPORTS.includes(transport));
      });
    });

    describe('usernames: look-alikes are one account, or refused', () => {
      const lookAlikes: [string, string, string][] = [
        ['Alice', 'alice', 'case'],
        ['alice', 'ALICE', 'case'],
        ['alice', 'ａｌｉｃｅ', 'full-width letters'],
        ['José', 'Jose\u0301', 'composed vs decomposed é'],
        ['Jose\u0301', 'José', 'decomposed vs composed é'],
        ['straße', 'STRASSE', 'sharp s'],
      ];
      for (const [first, second, what] of lookAlikes) {
        test(`${what}: "${first}" then "${second}" is the same account`, async (t) => {
          const h = await start(t);
          const owner = await h.registered(first);
          await h.assertRefused(() => h.client().call('register/options', { username: second }), 409, 'already-registered');
          const options = await owner.client.withoutCookies().authenticationOptions(second);
          assert.deepEqual(options.allowCredentials?.map((c) => c.id), [owner.credentialId]);
          assert.equal(ok(await owner.client.withoutCookies().signIn(second)).username, first.normalize('NFC'));
        });
      }
      const refused: [string, string][] = [
        ['ali\u200Bce', 'a zero-width space'],
        ['\u202Eecila', 'an RTL override'],
        ['ali\u2066ce', 'a bidi isolate'],
        ['alice\u0000', 'a NUL'],
        ['ali\u00ADce', 'a soft hyphen'],
      ];
      for (const [username, what] of refused) {
        test(`a username with ${what} is refused, everywhere`, async (t) => {
          const h = await start(t);
          const browser = h.client();
          await h.assertRefused(() => browser.call('register/options', { username }), 400, 'invalid-username');
          await h.assertRefused(() => browser.call('authenticate/options', { username }), 400, 'invalid-username');
          await h.assertRefused(() => browser.call('recovery/send', { username }), 400, 'invalid-username');
        });
      }
    });

    describe('cross-site requests and bodies', () => {
      test('a text/plain (or form) post cannot sign anyone in: 415, and no session (login CSRF)', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const victim = h.client();
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json']) {
          // The attacker's own valid assertion, posted from a form on the attacker's page.
          const body = JSON.stringify({ username: 'ada', credential: await ada.client.authenticator.get(await ada.client.authenticationOptions('ada')) });
          await h.assertRefused(() => victim.request('POST', victim.url('authenticate/verify'), body, { 'content-type': type, origin: null, 'sec-fetch-site': null }), 415, 'unsupported-media-type');
          assert.equal(victim.cookies.size, 0);
        }
        await h.assertRefused(() => victim.request('POST', victim.url('register/options'), '{"username":"x"}', { 'content-type': null }), 415, 'unsupported-media-type');
      });

      test('a state-changing request from a foreign Origin, or marked Sec-Fetch-Site: cross-site, is refused with 403', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const token = ada.client.cookies.get('passkey_session')!;
        const cases: Record<string, string | null>[] = [
          { origin: EVIL },
          { origin: 'null' },
          { origin: `${PAGE_ORIGIN}.evil.example` },
          { 'sec-fetch-site': 'cross-site' },
          { 'sec-fetch-site': 'cross-site', origin: null },
        ];
        for (const headers of cases) {
          await h.assertRefused(() => ada.client.request('DELETE', ada.client.url('session/end'), undefined, headers), 403, 'forbidden-origin');
          await h.assertRefused(() => ada.client.request('DELETE', ada.client.url('credentials/delete', ada.credentialId), undefined, headers), 403, 'forbidden-origin');
          await h.assertRefused(() => ada.client.request('POST', ada.client.url('register/options'), { username: 'new' }, headers), 403, 'forbidden-origin');
        }
        assert.equal(ada.client.cookies.get('passkey_session'), token);
        ok(await ada.client.call('session'));
        // Neither header (curl, a server-side caller): allowed.
        ok(await h.client().request('POST', h.client().url('authenticate/options'), {}, { origin: null, 'sec-fetch-site': null }));
      });

      test('a body over the limit is refused with 413; one that declares so by Content-Length is not even read', async (t) => {
        const h = await start(t);
        const browser = h.client();
        const big = JSON.stringify({ username: 'ada', padding: 'x'.repeat(70 * 1024) });
        await h.assertRefused(() => browser.request('POST', browser.url('register/options'), big), 413, 'payload-too-large');

        let pulled = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new TextEncoder().encode('{}'));
            controller.close();
          },
        }, { highWaterMark: 0 }); // pulled only when read
        const declared = new Request(browser.url('register/options'), {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024), origin: PAGE_ORIGIN },
          duplex: 'half',
        } as RequestInit);
        assert.equal((await h.server.fetch(declared)).status, 413);
        assert.equal(pulled, 0);
      });

      test('a chunked body is cut off as soon as it passes the limit, whatever it would have grown to', async (t) => {
        const h = await start(t, { maxBodyBytes: 64 * 1024 });
        let pulled = 0;
        const chunk = new TextEncoder().encode('{"username":"' + 'a'.repeat(16 * 1024 - 14));
        const endless = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += chunk.byteLength;
            if (pulled > 8 * 1024 * 1024) controller.close(); // would be endless; stops so a server without the limit fails, not hangs
            else controller.enqueue(chunk);
          },
        });
        const request = new Request(`${SERVER_URL}/api/passkey/register/options`, {
          method: 'POST',
          body: endless,
          headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN },
          duplex: 'half',
        } as RequestInit);
        const response = await h.server.fetch(request, { clientIp: '203.0.113.7' });
        assert.equal(response.status, 413);
        assert.deepEqual(await response.json(), { error: 'The request body is too large', code: 'payload-too-large' });
        assert.ok(pulled <= 64 * 1024 + 4 * chunk.byteLength, `read ${pulled} bytes of an endless body`);
      });

      test('malformed bodies are refused with a 4xx and { error, code }, never a 500', async (t) => {
        const h = await start(t, { rateLimits: false });
        const ada = await h.registered('ada');
        const credential = await ada.client.authenticator.get(await ada.client.authenticationOptions('ada'));
        const bodies: unknown[] = [
          '', '{', '[]', 'null', '"text"', '12', 'true', '\uFEFF{}', '[[[[[[[[[[' + ']'.repeat(10), '{"__proto__":{"admin":true}}',
          { username: 5 }, { username: ['ada'] }, { username: {} }, { username: 'ada', credential: 'x' }, { username: 'ada', credential: [] },
          { username: 'ada', credential: { ...credential, id: 'not base64url!' } },
          { username: 'ada', credential: { ...credential, response: null } },
          { username: 'ada', credential: { ...credential, response: { ...credential.response, clientDataJSON: isoBase64URL.fromUTF8String('not json') } } },
          { username: 'ada', credential: { ...credential, response: { ...credential.response, clientDataJSON: isoBase64URL.fromUTF8String('{"challenge":5}') } } },
          { username: 'ada', credential: { ...credential, response: { ...credential.response, signature: '' } } },
          { username: 'ada', credential: { ...credential, type: 'password' } },
          { username: 'ada', displayName: 7 }, { username: 'ada', userId: 'x'.repeat(65) }, { username: 'ada', recoveryToken: { $ne: null } },
          { name: 7 }, { name: '' },
        ];
        const endpoints = ['register/options', 'register/verify', 'authenticate/options', 'authenticate/verify', 'recovery/send'] as const;
        for (const endpoint of endpoints) {
          for (const body of bodies) {
            const answer = await ada.client.call(endpoint, body);
            assert.ok(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `${endpoint} ${JSON.stringify(body)}: ${answer.status}`);
            if (answer.status !== 200) assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'error'], `${endpoint} ${JSON.stringify(body)}`);
          }
        }
        for (const body of bodies) {
          const answer = await ada.client.call('credentials/rename', body, ada.credentialId);
          assert.ok(answer.status >= 400 && answer.status < 500, `rename ${JSON.stringify(body)}: ${answer.status}`);
        }
        assert.equal(h.events.filter((event) => event.type === 'error').length, 0);
      });
    });

    describe('rate limits', () => {
      test('per client address: 429 with Retry-After past the limit, other addresses unaffected, open again after the window', async (t) => {
        const h = await start(t, { rateLimits: { options: { ip: { limit: 3, windowMs: MINUTE } } } });
        const browser = h.client({ ip: '198.51.100.1' });
        for (let i = 0; i < 3; i++) ok(await browser.call('authenticate/options', {}));
        const refusal = await h.assertRefused(() => browser.call('authenticate/options', {}), 429, 'rate-limited');
        assert.equal(refusal.headers.get('retry-after'), '60');
        await h.assertRefused(() => browser.call('register/options', { username: 'ada' }), 429, 'rate-limited');
        ok(await h.client({ ip: '198.51.100.2' }).call('authenticate/options', {}));
        h.advance(MINUTE);
        ok(await browser.call('authenticate/options', {}));
      });

      test('an IPv6 client is limited by its /64: rotating addresses within it does not help', async (t) => {
        const h = await start(t, { rateLimits: { options: { ip: { limit: 2, windowMs: MINUTE } } } });
        ok(await h.client({ ip: '2001:db8:1:2::1' }).call('authenticate/options', {}));
        ok(await h.client({ ip: '2001:db8:1:2:ffff::7' }).call('authenticate/options', {}));
        await h.assertRefused(() => h.client({ ip: '2001:0db8:0001:0002:1:2:3:4' }).call('authenticate/options', {}), 429, 'rate-limited');
        ok(await h.client({ ip: '2001:db8:1:3::1' }).call('authenticate/options', {}));
      });

      test('per account, across addresses, the same for known and unknown names', async (t) => {
        const h = await start(t, { rateLimits: { options: { account: { limit: 2, windowMs: MINUTE } } } });
        await h.registered('ada');
        h.advance(MINUTE); // a fresh window: the registration counted too
        for (const username of ['ada', 'nobody']) {
          ok(await h.client({ ip: '198.51.100.1' }).call('authenticate/options', { username }));
          ok(await h.client({ ip: '198.51.100.2' }).call('authenticate/options', { username: username.toUpperCase() }));
          const refusal = await h.assertRefused(() => h.client({ ip: '198.51.100.3' }).call('authenticate/options', { username }), 429, 'rate-limited');
          assert.equal(refusal.headers.get('retry-after'), '60');
        }
      });

      test('on verify, per address and per account', async (t) => {
        const h = await start(t, { rateLimits: { verify: { ip: { limit: 2, windowMs: MINUTE }, account: { limit: 3, windowMs: MINUTE } } } });
        const ada = await h.registered('ada'); // one verify from this address
        ok(await ada.client.signIn('ada'));
        await h.assertRefused(() => ada.client.signIn('ada'), 429, 'rate-limited');
        ok(await ada.client.withoutCookies().call('authenticate/options', {}));
        ada.client.ip = '198.51.100.9';
        ok(await ada.client.signIn('ada')); // third for the account
        ada.client.ip = '198.51.100.10';
        await h.assertRefused(() => ada.client.signIn('ada'), 429, 'rate-limited');
      });

      test('recovery mails: at most 3 per account in 15 minutes, whoever asks', async (t) => {
        const h = await start(t);
        await h.registered('ada');
        for (let i = 0; i < 3; i++) assert.deepEqual(ok(await h.client({ ip: `198.51.100.${i}` }).recover('ada')), { success: true });
        await h.assertRefused(() => h.client({ ip: '198.51.100.99' }).recover('ADA'), 429, 'rate-limited');
        assert.equal(h.outbox.length, 3);
        h.advance(15 * MINUTE);
        ok(await h.client().recover('ada'));
        assert.equal(h.outbox.length, 4);
      });

      test('rateLimits: false turns them off', async (t) => {
        const h = await start(t, { rateLimits: false });
        for (let i = 0; i < 120; i++) ok(await h.client().call('authenticate/options', { username: 'ada' }));
      });
    });

    describe('recovery', () => {
      test('always answers { success: true }; only a known account gets a mail, with a link to the recovery page', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const unknown = await h.client().recover('nobody');
        const known = await h.client().recover('ada');
        assert.deepEqual([unknown.status, unknown.body], [known.status, known.body]);
        assert.deepEqual(known.body, { success: true });
        assert.equal(h.outbox.length, 1);
        const [mail] = h.outbox;
        assert.deepEqual([mail?.to, mail?.userId, mail?.username], ['ada', ada.userId, 'ada']);
        assert.equal(mail?.link, `${PAGE_ORIGIN}/recovery?token=${mail?.token}`);
        assert.equal(mail?.expiresAt, h.now() + 15 * MINUTE);
        assert.ok(await h.store.findRecoveryToken(await sha256(mail!.token)));
        assert.equal(await h.store.findRecoveryToken(mail!.token), undefined, 'only the hash is stored');
      });

      test('a link adds a new passkey to the account and signs in, once', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        ok(await h.client().recover('ada'));
        const { token } = h.outbox[0]!;
        const newPhone = h.client();
        const answer = await newPhone.register('ada', { recoveryToken: token });
        assert.equal(ok(answer).userId, ada.userId);
        assert.equal((await h.store.listCredentials(ada.userId)).length, 2);
        assert.equal(ok(await newPhone.call('session')).username, 'ada');
        await h.assertRefused(() => h.client().call('register/options', { username: 'ada', recoveryToken: token }), 400, 'recovery-invalid');
      });

      test('a newer link revokes the older one; an older link fails after a newer one was used', async (t) => {
        const h = await start(t);
        await h.registered('ada');
        ok(await h.client().recover('ada'));
        ok(await h.client().recover('ada'));
        const [older, newer] = h.outbox.map((mail) => mail.token);
        await h.assertRefused(() => h.client().call('register/options', { username: 'ada', recoveryToken: older }), 400, 'recovery-invalid');
        ok(await h.client().register('ada', { recoveryToken: newer }));
        await h.assertRefused(() => h.client().call('register/options', { username: 'ada', recoveryToken: older }), 400, 'recovery-invalid');
      });

      test('a link stops working after 15 minutes, and a ceremony begun with it cannot finish once it is revoked', async (t) => {
        const h = await start(t);
        await h.registered('ada');
        ok(await h.client().recover('ada'));
        const expiring = h.outbox[0]!.token;
        h.advance(15 * MINUTE + 1);
        await h.assertRefused(() => h.client().call('register/options', { username: 'ada', recoveryToken: expiring }), 400, 'recovery-invalid');

        ok(await h.client().recover('ada'));
        const begun = h.client();
        const options = await begun.registrationOptions({ username: 'ada', recoveryToken: h.outbox[1]!.token });
        ok(await h.client().recover('ada')); // a newer link revokes the one the ceremony began with
        const credential = await begun.authenticator.create(options);
        await h.assertRefused(() => begun.call('register/verify', { username: 'ada', credential }), 400, 'recovery-invalid');
      });

      test("a link is for its account only", async (t) => {
        const h = await start(t);
        await h.registered('ada');
        await h.registered('bob');
        ok(await h.client().recover('ada'));
        const token = h.outbox[0]!.token;
        await h.assertRefused(() => h.client().call('register/options', { username: 'bob', recoveryToken: token }), 400, 'recovery-invalid');
        await h.assertRefused(() => h.client().call('register/options', { username: 'nobody', recoveryToken: token }), 400, 'recovery-invalid');
      });

      test('recovering signs the account out everywhere else (by default), or not, as configured', async (t) => {
        for (const signOutEverywhereOnRecovery of [true, false]) {
          const h = await start(t, { signOutEverywhereOnRecovery });
          const ada = await h.registered('ada');
          ok(await h.client().recover('ada'));
          ok(await h.client().register('ada', { recoveryToken: h.outbox[0]!.token }));
          assert.equal((await ada.client.call('session')).status, signOutEverywhereOnRecovery ? 401 : 200);
        }
      });

      test('a failing mailer never fails the request; onEvent hears of it', async (t) => {
        const h = await start(t, { sendRecoveryEmail: () => Promise.reject(new Error('SMTP down')) });
        await h.registered('ada');
        assert.deepEqual(ok(await h.client().recover('ada')), { success: true });
        await h.server.close();
        const failure = h.events.find((event) => event.type === 'recovery-mail-failed');
        assert.match(String(failure?.type === 'recovery-mail-failed' && failure.error), /SMTP down/);
      });
    });

    describe('decoys for unknown usernames', () => {
      test('look like a real account: 1 to 3 entries of known kinds, sorted transports, stable per name', async (t) => {
        const h = await start(t, { rateLimits: false });
        await h.registered('ada');
        const real = (await h.client().authenticationOptions('ada')).allowCredentials!;
        const counts = new Set<number>();
        const lengths = new Set<number>();
        for (let i = 0; i < 150; i++) {
          const decoys = (await h.client().authenticationOptions(`nobody${i}@example.com`)).allowCredentials!;
          counts.add(decoys.length);
          for (const decoy of decoys) {
            assert.deepEqual(Object.keys(decoy).sort(), Object.keys(real[0]!).sort());
            assert.equal(decoy.type, 'public-key');
            assert.deepEqual(decoy.transports, [...decoy.transports!].sort(), 'transports sorted as browsers report them');
            for (const transport of decoy.transports!) assert.ok(KNOWN_TRANSPORTS.includes(transport as never));
            lengths.add(isoBase64URL.toBuffer(decoy.id).length);
          }
        }
        assert.deepEqual([...counts].sort(), [1, 2, 3]);
        assert.ok(lengths.size >= 3, `credential id lengths vary: ${[...lengths]}`);
        const again = await h.client().authenticationOptions('nobody7@example.com');
        const firstTime = await h.client().authenticationOptions('NOBODY7@example.com');
        assert.deepEqual(again.allowCredentials, firstTime.allowCredentials);
      });

      test('are the same on every instance that shares the secret', async (t) => {
        const secret = 'a shared secret of at least 32 characters';
        const one = await start(t, { secret });
        const two = await start(t, { secret });
        const other = await start(t);
        const decoysOn = async (h: Harness) => (await h.client().authenticationOptions('nobody')).allowCredentials;
        assert.deepEqual(await decoysOn(one), await decoysOn(two));
        assert.notDeepEqual(await decoysOn(one), await decoysOn(other));
      });

      test('an account whose passkeys were all deleted gets decoys too, not an empty list', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        ok(await ada.client.call('credentials/delete', undefined, ada.credentialId));
        const options = await h.client().authenticationOptions('ada');
        assert.ok(options.allowCredentials!.length >= 1);
      });

      test('known and unknown names take the same path through the store (indexed lookups only)', async (t) => {
        const h = await start(t);
        await h.registered('ada');
        const pathOf = async (username: string) => {
          h.calls.length = 0;
          ok(await h.client().call('authenticate/options', { username }));
          return [...h.calls];
        };
        const known = await pathOf('ada');
        assert.deepEqual(known, await pathOf('nobody'));
        assert.deepEqual(known.filter((call) => call !== 'hit'), ['findUserByKey', 'listCredentials', 'putChallenge']);
      });
    });

    describe('errors, routing and CORS', () => {
      test('unknown paths are 404, a wrong method 405 with Allow, both as { error, code }', async (t) => {
        const h = await start(t);
        const browser = h.client();
        await h.assertRefused(() => browser.request('GET', `${SERVER_URL}/api/passkey/nowhere`), 404, 'not-found');
        const wrong = await h.assertRefused(() => browser.request('PUT', browser.url('register/options'), {}), 405, 'method-not-allowed');
        assert.equal(wrong.headers.get('allow'), 'POST');
        await h.assertRefused(() => browser.request('GET', `${SERVER_URL}/api/passkey/credentials/%E0%A4%A`), 404);
        await h.assertRefused(() => browser.request('GET', `${SERVER_URL}/api/passkey/${'a'.repeat(9000)}`), 414, 'uri-too-long');
      });

      test('a failing store answers 500 with a generic body; onEvent gets the error', async (t) => {
        const h = await start(t, {}, (store) => new Proxy(store, {
          get: (target, property) => property === 'putChallenge' ? () => Promise.reject(new Error('disk full at /var/lib/secret')) : Reflect.get(target, property, target),
        }));
        const answer = await h.client().call('authenticate/options', {});
        assert.equal(answer.status, 500);
        assert.deepEqual(answer.body, { error: 'The server failed unexpectedly', code: 'internal' });
        const failure = h.events.find((event) => event.type === 'error');
        assert.match(String(failure?.type === 'error' && failure.error), /disk full/);
      });

      test('CORS: the configured origin is echoed with credentials on answers, refusals and preflights; Vary: Origin', async (t) => {
        const h = await start(t);
        const browser = h.client();
        for (const answer of [await browser.call('authenticate/options', {}), await browser.call('session')]) {
          assert.equal(answer.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
          assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
          assert.match(answer.headers.get('vary') ?? '', /Origin/);
          assert.equal(answer.headers.get('cache-control'), 'no-store');
        }
        const preflight = await browser.request('OPTIONS', browser.url('credentials/rename', 'x'), undefined, {
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'content-type, x-csrf-token',
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
        assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
        assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
        assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type, x-csrf-token');
      });

      test('CORS: any other origin gets no CORS header at all', async (t) => {
        const h = await start(t);
        const browser = h.client();
        for (const origin of [EVIL, 'null', 'http://localhost:5174']) {
          const answers = [
            await browser.request('GET', browser.url('session'), undefined, { origin }),
            await browser.request('OPTIONS', browser.url('register/options'), undefined, { origin, 'access-control-request-method': 'POST' }),
          ];
          for (const answer of answers) {
            assert.equal(answer.headers.get('access-control-allow-origin'), null);
            assert.equal(answer.headers.get('access-control-allow-credentials'), null);
            assert.match(answer.headers.get('vary') ?? '', /Origin/);
          }
        }
      });
    });

    describe('sweeping and floods', () => {
      test('sweep() removes every expired challenge, session, recovery token and rate-limit window', async (t) => {
        const h = await start(t);
        const ada = await h.registered('ada');
        const session = await sha256(ada.client.cookies.get('passkey_session')!);
        const { challenge } = await h.client().authenticationOptions('ada');
        ok(await h.client().recover('ada'));
        const token = await sha256(h.outbox[0]!.token);
        await h.server.sweep();
        assert.ok(await h.store.findSession(session), 'nothing live is swept');
        assert.ok(await h.store.findRecoveryToken(token));

        h.advance(8 * DAY);
        await h.server.sweep();
        assert.equal(await h.store.findSession(session), undefined);
        assert.equal(await h.store.findRecoveryToken(token), undefined);
        assert.equal(await h.store.takeChallenge(challenge), undefined);
        const { count } = await h.store.hit(`options:ip:${'203.0.113.7'}`, MINUTE, h.now());
        assert.equal(count, 1, 'the rate-limit window was swept');
      });

      test('expired state is also swept without a call to sweep(), as requests come in', async (t) => {
        const h = await start(t, { sweepIntervalMs: MINUTE });
        const { challenge } = await h.client().authenticationOptions('ada');
        h.advance(10 * MINUTE);
        ok(await h.client().call('authenticate/options', {}));
        await h.server.close(); // waits for the sweep it started
        assert.equal(await h.store.takeChallenge(challenge), undefined);
      });

      test('an unauthenticated flood leaves the store flat once limited, and empty once swept', async (t) => {
        const h = await start(t);
        const flooder = h.client({ ip: '198.51.100.66' });
        let refused = 0;
        for (let i = 0; i < 400; i++) {
          const answer = await flooder.call('authenticate/options', { username: `victim${i}` });
          if (answer.status === 429) refused++;
        }
        assert.equal(refused, 300, 'only the first 100 a minute were served');
        h.advance(6 * MINUTE);
        await h.server.sweep();
        const snapshot = (h.store as { snapshot?: () => { challenges: unknown[]; rateLimits: unknown[] } }).snapshot?.();
        if (snapshot) assert.deepEqual([snapshot.challenges.length, snapshot.rateLimits.length], [0, 0]);
      });
    });
  });
}
