// What the memory store has beyond the store contract (store-contract.node.test.ts runs that on it): copies in and
// out, and synchronous views for tests and the mock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from './memory.ts';

test('memory store: records go in and out as copies, the views and snapshot() follow, clear() forgets everything', async () => {
  const store = new MemoryStore();
  const user = { userId: 'u1', username: 'Ada', usernameKey: 'ada', displayName: 'Ada', userHandle: 'dTE', createdAt: 1 };
  const credential = { id: 'c1', userId: 'u1', publicKey: 'pk', counter: 0, transports: ['internal' as const], aaguid: 'a', backedUp: true, deviceType: 'multiDevice' as const, createdAt: 1 };
  assert.equal(await store.saveRegistration({ newUser: user, credential, now: 1 }), 'saved');
  user.username = 'changed by the caller';
  const found = await store.findUserByKey('ada');
  found!.displayName = 'changed by the reader';
  assert.equal(store.users.get('u1')?.username, 'Ada');
  assert.equal(store.users.get('u1')?.displayName, 'Ada');
  assert.equal(store.credentials.get('c1')?.counter, 0);

  await store.createSession({ idHash: 'h', userId: 'u1', createdAt: 1, expiresAt: 10 });
  await store.putChallenge({ ceremony: 'authentication', challenge: 'ch', expiresAt: 10 });
  await store.replaceRecoveryToken({ tokenHash: 't', userId: 'u1', expiresAt: 10 });
  await store.hit('k', 10, 1);
  const snapshot = store.snapshot();
  assert.deepEqual(Object.fromEntries(Object.entries(snapshot).map(([name, rows]) => [name, rows.length])), {
    users: 1, credentials: 1, sessions: 1, challenges: 1, recoveryTokens: 1, rateLimits: 1,
  });
  assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), snapshot, 'plain JSON');
  assert.equal(store.sessions.get('h')?.userId, 'u1');

  store.clear();
  assert.deepEqual(Object.values(store.snapshot()).map((rows) => rows.length), [0, 0, 0, 0, 0, 0]);
  assert.equal(await store.findUserByKey('ada'), undefined);
  assert.deepEqual(await store.listCredentials('u1'), []);
});
