// The checker's browser: the headers and cookies a real browser on the page origin would send, and its patience
// with rate limits.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { CheckBrowser, fetchSite, retryAfterMs, siteOf, type BrowserSettings, type Exchange } from './browser.ts';
import { CheckContext } from './context.ts';
import { pass } from './report.ts';

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];
/** What the next requests get: a status and headers, in turn; then 200. */
const script: { status: number; headers: Record<string, string>; endless?: boolean }[] = [];

before(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    const next = script.shift() ?? { status: 200, headers: { 'set-cookie': 'session=s1; Path=/; HttpOnly; SameSite=Lax' } };
    response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    if (!next.endless) return response.end(JSON.stringify({ ok: next.status === 200 }));
    const chunk = 'x'.repeat(64 << 10);
    const write = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', write);
    };
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function browser(origin: string, apiHost = 'localhost', extra: Partial<BrowserSettings> = {}): CheckBrowser {
  const apiUrl = `${base.replace('localhost', apiHost)}/api/passkey`;
  return new CheckBrowser({ origin, bases: { apiUrl, recoveryUrl: apiUrl }, timeoutMs: 5000, maxWaitMs: 1000, ...extra });
}

describe('sites', () => {
  test('the schemeful site is the scheme and the registrable domain', () => {
    assert.equal(siteOf('https://www.example.co.uk/x'), 'https://example.co.uk');
    assert.equal(siteOf('https://api.example.com'), siteOf('https://www.example.com'));
    assert.notEqual(siteOf('http://example.com'), siteOf('https://example.com'));
    assert.equal(siteOf('http://localhost:3001'), 'http://localhost');
    assert.equal(siteOf('http://127.0.0.1:3001'), 'http://127.0.0.1');
  });

  test('Sec-Fetch-Site as a browser on the page sends it', () => {
    assert.equal(fetchSite('http://localhost:5173', 'http://localhost:5173/api'), 'same-origin');
    assert.equal(fetchSite('http://localhost:5173', 'http://localhost:3001/api'), 'same-site');
    assert.equal(fetchSite('https://www.example.com', 'https://api.example.com/api'), 'same-site');
    assert.equal(fetchSite('http://localhost:5173', 'http://127.0.0.1:3001/api'), 'cross-site');
  });

  test('Retry-After in seconds or as a date', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs(null), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
    const inAMinute = retryAfterMs(new Date(Date.now() + 60_000).toUTCString())!;
    assert.ok(inAMinute > 58_000 && inAMinute <= 60_000, String(inAMinute));
  });
});

describe('requests', () => {
  test('Origin and Sec-Fetch-* on a cross-origin call; the cookie it set comes back on the same site', async () => {
    seen.length = 0;
    const tab = browser('http://localhost:5173');
    await tab.call('register/options', { body: { username: 'ada' } });
    await tab.call('credentials/list');
    assert.equal(seen[0]!.origin, 'http://localhost:5173');
    assert.equal(seen[0]!['sec-fetch-site'], 'same-site');
    assert.equal(seen[0]!['content-type'], 'application/json');
    assert.equal(seen[1]!.origin, 'http://localhost:5173', 'a cross-origin GET carries Origin too');
    assert.equal(seen[1]!.cookie, 'session=s1');
    assert.equal(seen[1]!['content-type'], undefined);
    assert.equal(await tab.tab().cookie('session'), 's1', 'tabs share the jar');
  });

  test('a same-origin GET carries no Origin, as in a browser', async () => {
    seen.length = 0;
    await browser(base).call('credentials/list');
    assert.equal(seen[0]!.origin, undefined);
    assert.equal(seen[0]!['sec-fetch-site'], 'same-origin');
  });

  test('a SameSite=Lax cookie from an API on another site is neither kept nor sent', async () => {
    seen.length = 0;
    const tab = browser('http://localhost:5173', '127.0.0.1');
    await tab.call('register/verify', { body: {} });
    await tab.call('credentials/list');
    assert.equal(seen[1]!.cookie, undefined);
    assert.equal(await tab.cookie('session'), undefined);
  });

  test('a 429 asking for a short wait is waited out and sent again; a long one stands', async () => {
    seen.length = 0;
    const waits: (number | undefined)[] = [];
    const tab = browser('http://localhost:5173', 'localhost', { onRateLimited: (_exchange, wait) => waits.push(wait) });
    script.push({ status: 429, headers: { 'retry-after': '0' } });
    assert.equal((await tab.call('authenticate/options', { body: {} })).status, 200);
    assert.equal(seen.length, 2);
    script.push({ status: 429, headers: { 'retry-after': '3600' } });
    assert.equal((await tab.call('authenticate/options', { body: {} })).status, 429);
    assert.equal(seen.length, 3);
    assert.deepEqual(waits, [0, undefined]);
  });

  test('an answer is read up to 1 MiB: an endless one cannot fill the memory or stall the run', async () => {
    script.push({ status: 200, headers: {}, endless: true });
    const answer = await browser('http://localhost:5173').call('credentials/list');
    assert.equal(answer.status, 200);
    assert.equal(answer.text.length, 1 << 20);
  });

  test('no answer is status 0 with the reason, not an exception', async () => {
    const answer: Exchange = await new CheckBrowser({ origin: 'http://localhost:5173', bases: { apiUrl: 'http://127.0.0.1:9/api', recoveryUrl: 'http://127.0.0.1:9/api' }, timeoutMs: 2000, maxWaitMs: 0 }).call('credentials/list');
    assert.equal(answer.status, 0);
    assert.ok(answer.error);
  });
});

test('a pass reported after a 429 that stood is only a warning: the backend may have refused for its limit', async () => {
  const ctx = new CheckContext({ apiUrl: `${base}/api/passkey`, origin: 'http://localhost:5173', maxWaitMs: 0 });
  script.push({ status: 429, headers: { 'retry-after': '60' } });
  await ctx.browser().call('register/options', { body: { username: 'ada' } });
  ctx.report(pass('add-passkey-without-session', 'refused (429)'));
  ctx.report(pass('username-lookalike', 'refused (409)'));
  assert.deepEqual(
    ctx.results.map((result) => result.status),
    ['WARN', 'PASS'],
  );
  assert.match(ctx.results[0]!.seen, /rate-limited \(429\)/);
});
