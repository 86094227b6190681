import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hmacSha256, sha256, webHmacSha256, webSha256 } from './crypto.ts';

// Node hashes with node:crypto, a browser (the mock) with Web Crypto: both must give the same bytes.
const TEXTS = ['', 'abc', 'ada@example.com', 'Ünïcödé \u{1F511} 名前', 'x'.repeat(10_000)];

test('sha256 is SHA-256 in base64url, the same on node:crypto and Web Crypto', async () => {
  assert.equal(await sha256('abc'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0'); // FIPS 180-2, "abc"
  for (const text of TEXTS) assert.equal(await sha256(text), await webSha256(text), JSON.stringify(text.slice(0, 20)));
});

test('hmacSha256 is HMAC-SHA-256, the same on node:crypto and Web Crypto', async () => {
  const jefe = new TextEncoder().encode('Jefe');
  const rfc4231 = Buffer.from(await hmacSha256(jefe)('what do ya want for nothing?')).toString('hex');
  assert.equal(rfc4231, '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'); // RFC 4231, test case 2
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const [node, web] = [hmacSha256(secret), webHmacSha256(secret)];
  for (const text of TEXTS) assert.deepEqual(await node(text), await web(text));
});
