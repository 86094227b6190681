// The standalone HTTP server on 127.0.0.1: real sockets, real cookies, CORS and the /__mock admin endpoints.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockHttpServer, type MockHttpServer } from './serve.ts';
import { assertRefused, ok, PAGE_ORIGIN, registeredUser, TestBrowser } from '../test/helpers/test-browser.ts';

const OTHER_PAGE = 'http://localhost:4000';
let server: MockHttpServer;

before(async () => {
  server = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] });
});
beforeEach(() => server.backend.reset());
after(() => server.close());

const browser = () => new TestBrowser({ apiUrl: `${server.url}/api/passkey`, recoveryUrl: `${server.url}/api/auth` });
const admin = (method: string, path: string, body?: unknown) => browser().request(method, `${server.url}/__mock${path}`, body);
const preflight = (origin: string, url = `${server.url}/api/passkey/register/options`) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

describe('the protocol over HTTP', () => {
  test('listens on 127.0.0.1 at the port the system chose', () => {
    const address = server.server.address();
    assert.ok(address && typeof address === 'object');
    assert.equal(address.address, '127.0.0.1');
    assert.ok(address.port > 0);
    assert.equal(server.url, `http://localhost:${address.port}`);
  });

  test('a whole ceremony: the session cookie is HttpOnly and SameSite=Lax and flows back on the next requests', async () => {
    const ada = browser();
    const registration = await ada.register('ada');
    ok(registration);
    const [cookie] = registration.headers.getSetCookie();
    assert.match(cookie ?? '', /^passkey_session=[\w-]+; Max-Age=86400; Path=\/; HttpOnly; SameSite=Lax$/);

    assert.equal(ok<unknown[]>(await ada.get('/credentials')).length, 1);
    ok(await ada.withoutCookies().signIn('ada'));
    ok(await ada.request('DELETE', '/session'));
    await assertRefused(server.backend.store, () => ada.get('/credentials'), 401, 'unauthorized');
  });

  test('a refusal is a 400 { error, code } over HTTP too, an unknown path a 404, an overlong URL a 414', async () => {
    const ada = await registeredUser('ada', browser());
    await assertRefused(server.backend.store, () => ada.browser.signIn('ada', { origin: 'https://evil.example' }), 400, 'verification-failed');
    await assertRefused(server.backend.store, () => ada.browser.post('/register/options', '{"username":'), 400);
    assert.equal((await ada.browser.get('/nowhere')).status, 404);
    await assertRefused(server.backend.store, () => ada.browser.request('DELETE', `/credentials/${'a'.repeat(9000)}`), 414);
  });
});

describe('CORS', () => {
  test('the configured origin is allowed, with credentials, on preflight and on answers', async () => {
    const answer = await preflight(PAGE_ORIGIN);
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    assert.match(answer.headers.get('access-control-allow-methods') ?? '', /PATCH.*DELETE/);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /content-type/);

    const response = await browser().request('POST', '/authenticate/options', {}, { origin: PAGE_ORIGIN });
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
  });

  test('another origin gets no CORS headers', async () => {
    for (const response of [await preflight(OTHER_PAGE), await preflight('null')]) {
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    }
    const response = await browser().request('POST', '/authenticate/options', {}, { origin: OTHER_PAGE });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('with several origins each gets its own and no other gets any; port 0 works and close() frees the port', async () => {
    const several = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN, OTHER_PAGE] });
    const url = `${several.url}/api/passkey/authenticate/options`;
    assert.equal((await preflight(PAGE_ORIGIN, url)).headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal((await preflight(OTHER_PAGE, url)).headers.get('access-control-allow-origin'), OTHER_PAGE);
    for (const stranger of ['http://evil.example', 'null']) {
      assert.equal((await preflight(stranger, url)).headers.get('access-control-allow-origin'), null, stranger);
    }

    const { port } = several.server.address() as { port: number };
    await several.close();
    assert.equal(several.server.listening, false);
    await assert.rejects(fetch(url, { method: 'POST', body: '{}' }), TypeError);
    const again = await startMockHttpServer({ port, origins: [PAGE_ORIGIN] });
    assert.equal((await fetch(url, { method: 'POST', body: '{}' })).status, 200);
    await again.close();
  });
});

describe('admin endpoints under /__mock', () => {
  test('GET /__mock/outbox shows the recovery messages', async () => {
    await registeredUser('ada', browser());
    ok(await browser().recover('ada'));
    ok(await browser().recover('nobody'));
    const outbox = ok<{ to: string; token: string; link: string }[]>(await admin('GET', '/outbox'));
    assert.deepEqual(outbox.map((m) => m.to), ['ada']);
    assert.ok(outbox[0]?.link.includes(outbox[0].token));
  });

  test('PUT /__mock/faults/:endpoint forces a status and body, `times` limits it, DELETE /__mock/faults clears', async () => {
    const visitor = browser();
    ok(await admin('PUT', '/faults/authenticate/options', { status: 503, body: { error: 'Down for maintenance' }, times: 1 }));
    const forced = await visitor.post('/authenticate/options', {});
    assert.deepEqual([forced.status, forced.body], [503, { error: 'Down for maintenance' }]);
    ok(await visitor.post('/authenticate/options', {}));

    ok(await admin('PUT', '/faults/recovery%2Fsend', { status: 500, body: '<h1>oops</h1>', headers: { 'content-type': 'text/html' } }));
    const html = await visitor.recover('ada');
    assert.deepEqual([html.status, html.headers.get('content-type'), html.body], [500, 'text/html', '<h1>oops</h1>']);
    ok(await admin('DELETE', '/faults'));
    ok(await visitor.recover('ada'));
  });

  test('PUT /__mock/faults refuses unknown endpoints and bodies that are not JSON', async () => {
    assert.equal((await admin('PUT', '/faults/nowhere', { status: 500 })).status, 404);
    const malformed = await admin('PUT', '/faults/session', '{"status":');
    assert.equal(malformed.status, 400);
    assert.equal(typeof malformed.body.error, 'string');
    assert.equal((await admin('PUT', '/latency', 'null')).status, 400);
  });

  test('PUT /__mock/latency slows every answer until DELETE /__mock/faults', async () => {
    ok(await admin('PUT', '/latency', { ms: 150 }));
    const started = performance.now();
    ok(await browser().post('/authenticate/options', {}));
    assert.ok(performance.now() - started >= 140);
    ok(await admin('DELETE', '/faults'));
    assert.equal(server.backend.faults.latency, 0);
  });

  test('POST /__mock/reset forgets users, credentials, sessions and the outbox', async () => {
    const ada = await registeredUser('ada', browser());
    ok(await browser().recover('ada'));
    ok(await admin('POST', '/reset'));
    assert.deepEqual(ok(await admin('GET', '/store')), { users: [], credentials: [] });
    assert.deepEqual(ok(await admin('GET', '/outbox')), []);
    await assertRefused(server.backend.store, () => ada.browser.get('/credentials'), 401);
  });

  test('a networkError fault drops the connection, and the server goes on serving', async () => {
    ok(await admin('PUT', '/faults/authenticate%2Foptions', { networkError: true, times: 1 }));
    await assert.rejects(fetch(`${server.url}/api/passkey/authenticate/options`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(2000) }), (error: Error) => error.name === 'TypeError');
    ok(await browser().post('/authenticate/options', {}));
  });

  test('close() does not wait for a request held by an infinite delay', async () => {
    const held = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] });
    held.backend.faults.force('authenticate/options', { delay: 'infinite' });
    const pending = fetch(`${held.url}/api/passkey/authenticate/options`, { method: 'POST', body: '{}' });
    await sleep(50);
    await Promise.race([held.close(), sleep(2000, undefined, { ref: false }).then(() => assert.fail('close() hung'))]);
    await assert.rejects(pending);
  });
});
