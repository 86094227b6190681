// The mock as an HTTP server on 127.0.0.1: real sockets, real cookies, CORS for its pages only, faults that drop the
// connection, and `npm run mock-server`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startMockHttpServer, type MockHttpServer } from './serve.ts';
import { ok, PAGE_ORIGIN, TestClient } from './testing.ts';

const OTHER_PAGE = 'http://localhost:4000';
let server: MockHttpServer;

before(async () => {
  server = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] });
});
beforeEach(() => server.backend.reset());
after(() => server.close());

const browser = (origin = PAGE_ORIGIN) => new TestClient({ transport: (request) => fetch(request), baseUrl: server.url, origin });
const preflight = (origin: string, url = `${server.url}/api/passkey/register/options`) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

describe('the protocol over HTTP', () => {
  test('listens on 127.0.0.1 at the port the system chose, and names itself localhost (same site as a page there)', () => {
    const address = server.httpServer.address();
    assert.ok(address && typeof address === 'object');
    assert.equal(address.address, '127.0.0.1');
    assert.ok(address.port > 0);
    assert.equal(server.url, `http://localhost:${address.port}`);
  });

  test('a whole ceremony: the session cookie is HttpOnly and SameSite=Lax, and flows back on the next requests', async () => {
    const ada = browser();
    const registration = await ada.register('ada');
    ok(registration);
    assert.match(registration.headers.getSetCookie()[0] ?? '', /^passkey_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal(ok<unknown[]>(await ada.call('credentials/list')).length, 1);
    ok(await ada.withoutCookies().signIn('ada'));
    ok(await ada.call('session/end'));
    assert.equal((await ada.call('credentials/list')).status, 401);
  });
});

describe('CORS', () => {
  test('the configured origin is allowed, with credentials, on preflights and on answers', async () => {
    const answer = await preflight(PAGE_ORIGIN);
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    assert.match(answer.headers.get('access-control-allow-methods') ?? '', /PATCH.*DELETE/);
    assert.match(answer.headers.get('access-control-allow-headers') ?? '', /content-type/);

    const response = await browser().call('authenticate/options', {});
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
  });

  test('another origin gets no CORS headers, and cannot post', async () => {
    for (const response of [await preflight(OTHER_PAGE), await preflight('null')]) {
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    }
    const response = await browser(OTHER_PAGE).call('authenticate/options', {});
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('with several origins each gets its own and no other gets any; close() frees the port', async () => {
    const several = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN, OTHER_PAGE] });
    const url = `${several.url}/api/passkey/authenticate/options`;
    assert.equal((await preflight(PAGE_ORIGIN, url)).headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal((await preflight(OTHER_PAGE, url)).headers.get('access-control-allow-origin'), OTHER_PAGE);
    for (const stranger of ['http://evil.example', 'null']) {
      assert.equal((await preflight(stranger, url)).headers.get('access-control-allow-origin'), null, stranger);
    }
    const { port } = several.httpServer.address() as { port: number };
    await several.close();
    assert.equal(several.httpServer.listening, false);
    await assert.rejects(fetch(url, { method: 'POST', body: '{}' }), TypeError);
    const again = await startMockHttpServer({ port, origins: [PAGE_ORIGIN] });
    assert.equal((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 200);
    await again.close();
  });
});

describe('faults over HTTP', () => {
  test('a networkError fault drops the connection, and the server goes on serving', async () => {
    server.backend.faults.force('authenticate/options', { networkError: true, times: 1 });
    await assert.rejects(browser().call('authenticate/options', {}), (error: Error) => error.name === 'TypeError');
    ok(await browser().call('authenticate/options', {}));
  });

  test('close() does not wait for a request held by an infinite delay', async () => {
    const held = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] });
    held.backend.faults.force('authenticate/options', { delay: 'infinite' });
    const pending = fetch(`${held.url}/api/passkey/authenticate/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await sleep(50);
    await Promise.race([held.close(), sleep(2000, undefined, { ref: false }).then(() => assert.fail('close() hung'))]);
    await assert.rejects(pending);
  });
});

describe('npm run mock-server', () => {
  /** Runs serve.ts with `args` until it has printed `lines` lines; returns them, then stops it. */
  async function started(args: string[], lines: number): Promise<string[]> {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL('serve.ts', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    try {
      for await (const chunk of child.stdout) {
        output += chunk;
        if (output.split('\n').length > lines) break;
      }
      return output.trim().split('\n');
    } finally {
      child.kill('SIGTERM');
    }
  }

  test('prints its URL; with --admin, also the admin token, which opens the outbox', async () => {
    const plain = await started(['--port', '0', '--origin', 'http://localhost:5186'], 2);
    assert.match(plain[0] ?? '', /^passkey-elements mock backend on http:\/\/localhost:\d+\/api\/passkey \(recovery: http:\/\/localhost:\d+\/api\/auth\)$/);
    assert.ok(!plain.join('\n').includes('token'));

    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL('serve.ts', import.meta.url)), '--port', '0', '--admin'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      for await (const chunk of child.stdout) {
        output += chunk;
        if (/admin token.*: \S+\n/.test(output)) break;
      }
      const url = /on (http:\/\/localhost:\d+)\//.exec(output)?.[1];
      const token = /admin token.*: (\S+)\n/.exec(output)?.[1];
      assert.ok(url && token, output);
      assert.equal((await fetch(`${url}/__mock/outbox`)).status, 401);
      const outbox = await fetch(`${url}/__mock/outbox`, { headers: { authorization: `Bearer ${token}` } });
      assert.deepEqual([outbox.status, await outbox.json()], [200, []]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
