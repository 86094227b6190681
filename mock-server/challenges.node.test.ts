import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMockBackend } from './index.ts';

test('options that are never answered do not pile up: expired challenges are swept', async () => {
  const { verifier, store, clock } = createMockBackend();
  for (let i = 0; i < 1000; i++) await verifier.authenticationOptions({});
  assert.equal(store.challenges.size, 1000);

  clock.advance(5 * 60_000 + 1);
  const fresh = await verifier.authenticationOptions({ username: 'alice' });

  assert.deepEqual([...store.challenges.keys()], [fresh.challenge]);
});

test('a sweep stops at the first challenge still valid: with many pending, an options call does not walk them all', async () => {
  const { verifier, store, clock } = createMockBackend();
  for (let i = 0; i < 1000; i++) await verifier.authenticationOptions({});
  clock.advance(60_000);
  const later = await verifier.authenticationOptions({});
  for (let i = 0; i < 1000; i++) await verifier.authenticationOptions({});
  let read = 0;
  for (const [challenge, pending] of store.challenges) {
    const { expiresAt } = pending;
    store.challenges.set(challenge, Object.defineProperty({ ...pending }, 'expiresAt', { get: () => (read++, expiresAt) }));
  }

  clock.advance(4 * 60_000 + 1); // the first 1,000 have expired; `later` and the 1,000 after it have not
  const fresh = await verifier.authenticationOptions({});

  assert.equal(store.challenges.size, 1002);
  assert.equal([...store.challenges.keys()][0], later.challenge);
  assert.ok(store.challenges.has(fresh.challenge));
  assert.equal(read, 1001, 'the 1,000 expired ones and the first valid one');
});
