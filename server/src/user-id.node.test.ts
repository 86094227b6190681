// A page may choose the account's `userId` at register/options (the implementation guide's servers let it). One that
// is already in use must be refused there, before any challenge is handed out: otherwise a second account would be
// promised the first one's user handle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import { MemoryStore } from './stores/memory.ts';
import { startHarness } from './testing/harness.ts';
import { ok } from './testing/test-client.ts';

test('register/options refuses a userId already in use: 409 user-id-taken, and nothing stored', async (t) => {
  const h = await startHarness(t, () => new MemoryStore());
  const ada = await h.registered('ada');

  const answer = await h.assertRefused(() => h.client().call('register/options', { username: 'bob', userId: ada.userId }), 409, 'user-id-taken');
  assert.equal(answer.body.error, 'This user id is already in use');
  assert.equal(await h.store.findUserByKey('bob'), undefined);
});

test('register/options takes a userId nobody has, and the account gets it', async (t) => {
  const h = await startHarness(t, () => new MemoryStore());
  const bob = h.client();
  const options = await bob.registrationOptions({ username: 'bob', userId: 'bob-42' });
  assert.equal(options.user.id, isoBase64URL.fromBuffer(isoUint8Array.fromUTF8String('bob-42')));
  const credential = await bob.authenticator.create(options);
  assert.equal(ok(await bob.call('register/verify', { username: 'bob', credential })).userId, 'bob-42');
});

test('a userId taken between options and verify is refused at verify: 409 user-id-taken, and nothing stored', async (t) => {
  const h = await startHarness(t, () => new MemoryStore());
  const first = h.client();
  const second = h.client();
  const firstOptions = await first.registrationOptions({ username: 'ada', userId: 'shared-id' });
  const secondOptions = await second.registrationOptions({ username: 'bob', userId: 'shared-id' });
  const ada = await first.authenticator.create(firstOptions);
  assert.equal(ok(await first.call('register/verify', { username: 'ada', credential: ada })).userId, 'shared-id');

  const bob = await second.authenticator.create(secondOptions);
  await h.assertRefused(() => second.call('register/verify', { username: 'bob', credential: bob }), 409, 'user-id-taken');
});
