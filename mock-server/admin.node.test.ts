// The admin endpoints (/__mock): absent unless asked for; then only on a localhost Host, only with the token printed at
// start, and never for another page. The outbox they serve holds live recovery links: whoever reads it can take over
// any account of the mock, so each guard is tried here from the outside, over real HTTP.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startMockHttpServer, type MockHttpServer } from './serve.ts';
import { ok, PAGE_ORIGIN, registered, TestClient } from './testing.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A request over a socket, with any headers (fetch would not send a Host of our choosing). */
function raw(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text && response.headers['content-type']?.includes('json') ? JSON.parse(text) : text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const browserOf = (server: MockHttpServer) => new TestClient({ transport: (request) => fetch(request), baseUrl: server.url });

describe('without admin (the default)', () => {
  let server: MockHttpServer;
  before(async () => (server = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] })));
  after(() => server.close());

  test('there are no admin endpoints: /__mock answers nothing, whatever is sent, and resets nothing', async () => {
    await registered(server.backend, 'ada', browserOf(server));
    ok(await browserOf(server).recover('ada'));
    assert.equal(server.adminToken, undefined);
    for (const [method, path] of [['GET', '/outbox'], ['GET', '/store'], ['POST', '/reset'], ['PUT', '/latency'], ['DELETE', '/faults']]) {
      const answer = await raw(`${server.url}/__mock${path}`, method!, { authorization: 'Bearer anything-at-all-anything-at-all-anything' }, method === 'GET' || method === 'DELETE' ? undefined : '{}');
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.doesNotMatch(JSON.stringify(answer.body), /token/);
    }
    assert.equal(server.backend.accounts().users.length, 1);
  });
});

describe('with admin: true', () => {
  let server: MockHttpServer;
  let auth: Record<string, string>;
  before(async () => {
    server = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN], admin: true });
    auth = { authorization: `Bearer ${server.adminToken}` };
  });
  beforeEach(() => server.backend.reset());
  after(() => server.close());
  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    raw(`${server.url}/__mock${path}`, method, { ...auth, ...headers }, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));

  test('a random token of 256 bits, new at every start', async () => {
    assert.match(server.adminToken ?? '', /^[\w-]{43}$/);
    const other = await startMockHttpServer({ port: 0, admin: true });
    assert.notEqual(other.adminToken, server.adminToken);
    await other.close();
  });

  test('GET /__mock/outbox hands the recovery mails to the token holder', async () => {
    await registered(server.backend, 'ada', browserOf(server));
    ok(await browserOf(server).recover('ada'));
    const answer = await admin('GET', '/outbox');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.deepEqual(answer.body.map((mail: { to: string }) => mail.to), ['ada']);
    assert.match(answer.body[0].link, /\?token=/);
  });

  test('no token: 401 with WWW-Authenticate; a wrong one, or one off by a character: 403; the outbox is not shown', async () => {
    await registered(server.backend, 'ada', browserOf(server));
    ok(await browserOf(server).recover('ada'));
    const missing = await raw(`${server.url}/__mock/outbox`, 'GET');
    assert.equal(missing.status, 401);
    assert.equal(missing.headers['www-authenticate'], 'Bearer');
    const token = server.adminToken!;
    const wrongs = ['Bearer nope', `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, `Bearer ${token}x`, `Basic ${token}`, token];
    for (const authorization of wrongs) {
      const answer = await raw(`${server.url}/__mock/outbox`, 'GET', { authorization });
      assert.ok(answer.status === 401 || answer.status === 403, `${authorization}: ${answer.status}`);
      assert.doesNotMatch(JSON.stringify(answer.body), /token=/);
    }
    assert.equal((await raw(`${server.url}/__mock/outbox`, 'GET', { authorization: `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).status, 403);
  });

  test('only a localhost Host: another name (DNS rebinding, a LAN name) is refused, even with the token', async () => {
    for (const host of ['evil.example', 'evil.example:8787', 'localhost.evil.example', '192.168.1.10', '0.0.0.0']) {
      const answer = await admin('GET', '/outbox', undefined, { host });
      assert.equal(answer.status, 403, host);
    }
    for (const host of ['localhost', '127.0.0.1:9', '[::1]:8787', 'LOCALHOST']) assert.equal((await admin('GET', '/outbox', undefined, { host })).status, 200, host);
  });

  test('a cross-site POST /__mock/reset is refused, even with the token, and resets nothing', async () => {
    await registered(server.backend, 'ada', browserOf(server));
    const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: PAGE_ORIGIN }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
    for (const headers of crossSite) {
      assert.equal((await admin('POST', '/reset', {}, headers)).status, 403, JSON.stringify(headers));
    }
    assert.equal(server.backend.accounts().users.length, 1);
    ok({ ...(await admin('POST', '/reset', {})), headers: new Headers() });
    assert.equal(server.backend.accounts().users.length, 0);
  });

  test('GET /__mock/store and POST /__mock/reset', async () => {
    const ada = await registered(server.backend, 'ada', browserOf(server));
    const store = await admin('GET', '/store');
    assert.deepEqual(store.body.users.map((user: { username: string }) => user.username), ['ada']);
    assert.equal((await admin('POST', '/reset')).status, 200);
    assert.deepEqual((await admin('GET', '/store')).body.users, []);
    assert.equal((await ada.client.call('session')).status, 401);
  });

  test('PUT /__mock/faults/<endpoint> forces a fault (slashes plain or encoded), DELETE /__mock/faults clears', async () => {
    const visitor = browserOf(server);
    assert.equal((await admin('PUT', '/faults/authenticate/options', { status: 503, body: { error: 'Down for maintenance' }, times: 1 })).status, 200);
    const forced = await visitor.call('authenticate/options', {});
    assert.deepEqual([forced.status, forced.body], [503, { error: 'Down for maintenance' }]);
    ok(await visitor.call('authenticate/options', {}));

    assert.equal((await admin('PUT', '/faults/recovery%2Fsend', { status: 500, body: '<h1>oops</h1>', headers: { 'content-type': 'text/html' } })).status, 200);
    const html = await visitor.recover('ada');
    assert.deepEqual([html.status, html.headers.get('content-type'), html.body], [500, 'text/html', '<h1>oops</h1>']);
    assert.equal((await admin('DELETE', '/faults')).status, 200);
    ok(await visitor.recover('ada'));
  });

  test('refuses unknown endpoints and faults or latencies that are not what they should be', async () => {
    assert.equal((await admin('PUT', '/faults/nowhere', { status: 500 })).status, 404);
    assert.equal((await admin('PUT', '/faults/%E0%A4%A', { status: 500 })).status, 404);
    for (const body of ['{"status":', 'null', '[]', { status: 99 }, { status: '500' }, { delay: -1 }, { times: 0 }, { headers: { a: 1 } }, { networkError: 'yes' }]) {
      assert.equal((await admin('PUT', '/faults/session', body)).status, 400, JSON.stringify(body));
    }
    for (const body of ['null', { ms: -5 }, { ms: 'slow' }, { ms: 1e9 }]) assert.equal((await admin('PUT', '/latency', body)).status, 400, JSON.stringify(body));
    assert.equal((await admin('GET', '/nowhere')).status, 404);
    assert.equal(server.backend.faults.latency, 0);
  });

  test('PUT /__mock/latency slows every answer until DELETE /__mock/faults', async () => {
    assert.equal((await admin('PUT', '/latency', { ms: 150 })).status, 200);
    const started = performance.now();
    ok(await browserOf(server).call('authenticate/options', {}));
    assert.ok(performance.now() - started >= 140);
    assert.equal((await admin('DELETE', '/faults')).status, 200);
    assert.equal(server.backend.faults.latency, 0);
  });
});
