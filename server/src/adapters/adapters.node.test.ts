// The server over real HTTP on 127.0.0.1, through the node:http adapter and the Express middleware (both built on
// @whatwg-node/server): whole ceremonies with real cookies, client addresses, CSRF, bodies and memory.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import express from 'express';
import { createPasskeyServer, type PasskeyServer } from '../server.ts';
import type { PasskeyServerOptions } from '../options.ts';
import type { PasskeyServerEvent } from '../events.ts';
import { MemoryStore } from '../stores/memory.ts';
import { ok, PAGE_ORIGIN, TestClient } from '../testing/test-client.ts';
import { createNodeServer } from './node.ts';
import { passkeyMiddleware } from './express.ts';

interface Running {
  url: string;
  passkeys: PasskeyServer;
  store: MemoryStore;
  events: PasskeyServerEvent[];
  client(): TestClient;
}

function passkeyServer(overrides: Partial<PasskeyServerOptions> = {}) {
  const store = new MemoryStore();
  const events: PasskeyServerEvent[] = [];
  const passkeys = createPasskeyServer({
    rpID: 'localhost',
    rpName: 'Adapters',
    origins: [PAGE_ORIGIN],
    store,
    recoveryPageUrl: `${PAGE_ORIGIN}/recovery`,
    sendRecoveryEmail() {},
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { store, events, passkeys };
}

async function listen(t: TestContext, server: Server, parts: ReturnType<typeof passkeyServer>): Promise<Running> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await parts.passkeys.close();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, ...parts, client: () => new TestClient({ transport: (request) => fetch(request), baseUrl: url }) };
}

const adapters = {
  'node:http': (t: TestContext, overrides?: Partial<PasskeyServerOptions>, proxy?: { trustProxy: number }) => {
    const parts = passkeyServer(overrides);
    return listen(t, createNodeServer(parts.passkeys, proxy), parts);
  },
  express: (t: TestContext, overrides?: Partial<PasskeyServerOptions>, proxy?: { trustProxy: number }) => {
    const parts = passkeyServer(overrides);
    const app = express();
    app.get('/hello', (_req, res) => void res.send('hello from express'));
    app.use(passkeyMiddleware(parts.passkeys, proxy));
    app.use((_req, res) => void res.status(404).send('express 404'));
    return listen(t, app.listen(0, '127.0.0.1'), parts);
  },
};

/** Posts `megabytes` of chunked body (never a Content-Length): the status, or the connection error. */
function postChunked(url: string, megabytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', (error) => {
      if (!answered) resolve(error.message);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < megabytes * 1024 * 1024) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      request.end();
    };
    request.write('{"username":"');
    pump();
  });
}

for (const [name, start] of Object.entries(adapters)) {
  describe(`over HTTP through ${name}`, () => {
    test('a whole ceremony: register, sign in on another device, manage passkeys, sign out', async (t) => {
      const running = await start(t);
      const ada = running.client();
      const registration = await ada.register('ada');
      const { userId, credentialId } = ok(registration);
      assert.match(registration.headers.getSetCookie()[0] ?? '', /^passkey_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
      assert.equal(registration.headers.get('access-control-allow-origin'), PAGE_ORIGIN);

      const phone = ada.withoutCookies();
      assert.deepEqual(ok(await phone.signIn('ada')), { verified: true, userId, username: 'ada' });
      assert.equal(ok(await phone.call('credentials/rename', { name: 'Laptop' }, credentialId)).name, 'Laptop');
      assert.equal(ok<unknown[]>(await phone.call('credentials/list')).length, 1);
      ok(await phone.call('session/end'));
      assert.equal((await phone.call('credentials/list')).status, 401);
      assert.equal(ok(await ada.call('session')).userId, userId);
    });

    test('the rate limits see the socket address, or the trusted proxy\'s X-Forwarded-For', async (t) => {
      // A malformed body, so that the server reports the request (with its address) to onEvent.
      const direct = await start(t);
      await direct.client().request('POST', `${direct.url}/api/passkey/authenticate/options`, '{', { 'x-forwarded-for': '198.51.100.1' });
      assert.equal(direct.events.at(-1)?.ip, '127.0.0.1', 'X-Forwarded-For is ignored unless trusted');

      const proxied = await start(t, {}, { trustProxy: 1 });
      await proxied.client().request('POST', `${proxied.url}/api/passkey/authenticate/options`, '{', { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' });
      assert.equal(proxied.events.at(-1)?.ip, '198.51.100.1', 'one trusted proxy: the last entry it appended');
    });

    test('login CSRF over HTTP: a text/plain post is refused with 415 and sets no cookie', async (t) => {
      const running = await start(t);
      const ada = running.client();
      ok(await ada.register('ada'));
      const credential = await ada.authenticator.get(await ada.withoutCookies().authenticationOptions('ada'));
      const victim = running.client();
      const answer = await victim.request('POST', victim.url('authenticate/verify'), JSON.stringify({ username: 'ada', credential }), {
        'content-type': 'text/plain',
        origin: null,
      });
      assert.equal(answer.status, 415);
      assert.deepEqual(answer.headers.getSetCookie(), []);
      assert.equal(running.store.sessions.size, 1, 'only ada\'s own session');
    });

    test('50 chunked bodies of 5 MB each are cut off early: 413, and memory stays flat', async (t) => {
      const running = await start(t, { rateLimits: false });
      const url = `${running.url}/api/passkey/register/options`;
      await postChunked(url, 5); // warm up
      const before = process.memoryUsage().rss;
      const answers = new Set<number | string>();
      for (let i = 0; i < 50; i++) answers.add(await postChunked(url, 5));
      const growth = process.memoryUsage().rss - before;
      console.log(`# ${name}: 50 × 5 MB chunked bodies → ${[...answers].join(', ')}; RSS grew ${(growth / 1e6).toFixed(1)} MB`);
      assert.deepEqual([...answers], [413]);
      assert.ok(growth < 40e6, `RSS grew ${growth} bytes`);
      assert.equal(running.store.challenges.size, 0);
    });

    test('a Content-Length over the limit is refused before the body is read', async (t) => {
      const running = await start(t);
      const answer = await running.client().request('POST', `${running.url}/api/passkey/register/options`, JSON.stringify({ username: 'a'.repeat(100_000) }));
      assert.equal(answer.status, 413);
      assert.deepEqual(answer.body, { error: 'The request body is too large', code: 'payload-too-large' });
    });

    test('CORS preflight from the page origin, and none for another', async (t) => {
      const running = await start(t);
      const preflight = (origin: string) =>
        fetch(`${running.url}/api/passkey/credentials/abc`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type' } });
      const allowed = await preflight(PAGE_ORIGIN);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      const other = await preflight('https://evil.example');
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });
  });
}

describe('Express specifics', () => {
  test('other routes pass through the middleware; its own paths are answered wherever it is mounted', async (t) => {
    const running = await adapters.express(t);
    assert.equal(await (await fetch(`${running.url}/hello`)).text(), 'hello from express');
    assert.equal(await (await fetch(`${running.url}/api/passkey-other`)).text(), 'express 404');
    assert.equal((await fetch(`${running.url}/api/passkey/nowhere`)).status, 404);
    assert.equal((await fetch(`${running.url}/api/passkey/credentials`)).status, 401);
  });

  test('after express.json() it still works; after a text or form parser, such bodies are still refused with 415', async (t) => {
    const parts = passkeyServer();
    const app = express();
    app.use(express.json(), express.text(), express.urlencoded({ extended: false }));
    app.use(passkeyMiddleware(parts.passkeys));
    const running = await listen(t, app.listen(0, '127.0.0.1'), parts);
    const ada = running.client();
    ok(await ada.register('ada'));
    ok(await ada.withoutCookies().signIn('ada'));
    const credential = await ada.authenticator.get(await ada.withoutCookies().authenticationOptions('ada'));
    const victim = running.client();
    for (const [type, body] of [
      ['text/plain', JSON.stringify({ username: 'ada', credential })],
      ['application/x-www-form-urlencoded', `username=ada&credential=${encodeURIComponent(JSON.stringify(credential))}`],
    ] as const) {
      const answer = await victim.request('POST', victim.url('authenticate/verify'), body, { 'content-type': type });
      assert.equal(answer.status, 415, type);
      assert.deepEqual(answer.headers.getSetCookie(), []);
    }
  });
});
