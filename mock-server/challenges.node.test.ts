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
