// Memory under an unauthenticated flood of options calls, over the fetch handler on the memory store: the heap after a
// full garbage collection, in bytes per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPasskeyServer } from './server.ts';
import type { PasskeyServerOptions } from './options.ts';
import { MemoryStore } from './stores/memory.ts';
import { PAGE_ORIGIN, SERVER_URL } from './testing/test-client.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MINUTE = 60_000;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function flooded(overrides: Partial<PasskeyServerOptions>) {
  // A clock that moves only when told: on a live one, a run slower than a minute would open a new rate-limit window.
  let time = Date.now();
  const store = new MemoryStore();
  const server = createPasskeyServer({
    rpID: 'localhost',
    rpName: 'Flood',
    origins: [PAGE_ORIGIN],
    store,
    recoveryPageUrl: `${PAGE_ORIGIN}/recovery`,
    sendRecoveryEmail() {},
    now: () => time,
    ...overrides,
  });
  const options = (i: number, ip: string) =>
    server.fetch(
      new Request(`${SERVER_URL}/api/passkey/authenticate/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN },
        body: JSON.stringify({ username: `victim-${i}@example.com` }),
      }),
      { clientIp: ip },
    );
  return { store, server, options, advance: (ms: number) => void (time += ms) };
}

test('a flood from one address: past the limit a request leaves nothing behind', async () => {
  const { store, server, options } = flooded({});
  // Use up the minute's limit, and warm up: the first thousands of requests grow the heap by what the engine compiles.
  for (let i = 0; i < 5000; i++) await options(i, '198.51.100.1');
  const before = heapAfterGc();
  const requests = 50_000;
  let refused = 0;
  for (let i = 0; i < requests; i++) if ((await options(i, '198.51.100.1')).status === 429) refused++;
  const perRequest = (heapAfterGc() - before) / requests;
  console.log(`# one address, limited: ${perRequest.toFixed(1)} bytes per request (${refused} of ${requests} refused)`);
  assert.equal(refused, requests);
  assert.equal(store.challenges.size, 100);
  assert.ok(perRequest < 50, `${perRequest} bytes per request`);
  await server.close();
});

test('a flood from everywhere: state stays bounded by its lifetime and is swept back to nothing', async () => {
  const { store, server, options, advance } = flooded({ rateLimits: false, sweepIntervalMs: MINUTE });
  const before = heapAfterGc();
  const requests = 20_000;
  for (let i = 0; i < requests; i++) {
    await options(i, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    if (i % 1000 === 999) advance(MINUTE); // 1,000 requests a minute, each challenge living 5 minutes
  }
  const live = store.challenges.size;
  const perRequest = (heapAfterGc() - before) / requests;
  console.log(`# everywhere, unlimited: ${live} challenges live at the end, ${perRequest.toFixed(1)} bytes per request kept`);
  assert.ok(live <= 6000, `${live} challenges live: the opportunistic sweep keeps about 5 minutes' worth`);

  advance(6 * MINUTE);
  await server.sweep();
  const after = heapAfterGc();
  console.log(`# after the sweep: ${store.challenges.size} challenges, heap ${((after - before) / 1024).toFixed(0)} KiB above the start`);
  assert.equal(store.challenges.size, 0);
  assert.ok(after - before < 2 * 1024 * 1024, `${after - before} bytes left after the sweep`);
  await server.close();
});
