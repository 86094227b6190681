import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PasskeyHttpError } from './errors.ts';
import { readBodyText } from './request-body.ts';

const LIMIT = 1024;
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/passkey/register/options', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
/** A body that streams `chunks` and declares no length (chunked). */
const streamed = (...chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
const refusedWith = (code: string) => (error: unknown) => error instanceof PasskeyHttpError && error.code === code;

test('a body within the limit reads the same whether it declares its length or streams', async () => {
  const json = JSON.stringify({ username: 'ädä@example.com' });
  const bytes = new TextEncoder().encode(json);
  assert.equal(await readBodyText(post(json, { 'content-length': String(bytes.byteLength) }), LIMIT), json);
  assert.equal(await readBodyText(post(streamed(bytes.slice(0, 5), bytes.slice(5))), LIMIT), json);
});

test('a body longer than the Content-Length it declares is still refused past the limit', async () => {
  // Only a Request made by hand can lie so (an HTTP server delivers what the header says), but the limit holds anyway.
  const request = post('x'.repeat(LIMIT + 1), { 'content-length': '10' });
  await assert.rejects(readBodyText(request, LIMIT), refusedWith('payload-too-large'));
});

test('a body that is not UTF-8 is refused, whether it declares its length or streams', async () => {
  const invalid = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
  await assert.rejects(readBodyText(post(invalid, { 'content-length': '4' }), LIMIT), refusedWith('invalid-request'));
  await assert.rejects(readBodyText(post(streamed(invalid)), LIMIT), refusedWith('invalid-request'));
});
