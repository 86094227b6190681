// What the mock's Node tests share: a browser-like client whose requests go through the mock's MSW handlers.
import assert from 'node:assert/strict';
import { getResponse } from 'msw';
import { ok, TestClient, type Answer, type TestClientOptions, type Transport } from '../server/src/testing/test-client.ts';
import type { MockBackend } from './backend.ts';

export { ok, PAGE_ORIGIN, SERVER_URL, TestClient, type Answer } from '../server/src/testing/test-client.ts';

/** Requests answered by the backend's MSW handlers, as `setupServer` or a page's worker would answer them. */
export function mswTransport(backend: MockBackend): Transport {
  return async (request) => {
    const answer = await getResponse(backend.handlers, request);
    if (!answer) throw new Error(`No MSW handler answered ${request.method} ${request.url}`);
    return answer;
  };
}

/** One person's browser on the page `PAGE_ORIGIN`, talking to the backend through its MSW handlers. */
export function browserOn(backend: MockBackend, options: Partial<TestClientOptions> = {}): TestClient {
  return new TestClient({ transport: mswTransport(backend), ...options });
}

/** A new account with one passkey, signed in. */
export async function registered(backend: MockBackend, username: string, client = browserOn(backend)) {
  const { userId, credentialId } = ok<{ userId: string; credentialId: string }>(await client.register(username));
  return { client, userId, credentialId };
}

/** A refusal: this status, a `{ error, code }` body (this code, when given), and the accounts untouched. */
export async function assertRefused(backend: MockBackend, request: () => Promise<Answer>, status: number, code?: string): Promise<Answer> {
  const before = backend.accounts();
  const answer = await request();
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  assert.deepEqual(Object.keys(answer.body ?? {}).sort(), ['code', 'error'], `not a { error, code } body: ${JSON.stringify(answer.body)}`);
  if (code !== undefined) assert.equal(answer.body.code, code);
  assert.deepEqual(backend.accounts(), before, 'a refused request changed the accounts');
  return answer;
}
