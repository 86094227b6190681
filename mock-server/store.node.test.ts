// MockStore.findUserByName answers from a username index; it must answer exactly as a scan of `users` in order would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MockStore, type StoredUser } from './store.ts';

const scan = (store: MockStore, username: string) => [...store.users.values()].find((user) => user.username === username);
const user = (userId: string, username: string): StoredUser => ({ userId, username, displayName: username, userHandle: userId, createdAt: '' });

test('findUserByName answers as a scan of users would, whatever is set, replaced, deleted or cleared', () => {
  const ids = fc.constantFrom('u1', 'u2', 'u3', 'u4');
  const names = fc.constantFrom('ada', 'bob', 'cy', '__proto__', '');
  const operation = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constant('set' as const), ids, names) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('delete' as const), ids, names) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('clear' as const), ids, names) },
    { weight: 3, arbitrary: fc.tuple(fc.constant('find' as const), ids, names) },
  );
  fc.assert(
    fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
      const store = new MockStore();
      for (const [kind, id, name] of operations) {
        if (kind === 'set') store.users.set(id, user(id, name));
        else if (kind === 'delete') store.users.delete(id);
        else if (kind === 'clear') store.clear();
        else assert.equal(store.findUserByName(name), scan(store, name));
      }
      for (const name of ['ada', 'bob', 'cy', '__proto__', '', 'nobody']) assert.equal(store.findUserByName(name), scan(store, name));
    }),
    { numRuns: 2000 },
  );
});

test('users stays a Map to its callers', () => {
  const store = new MockStore();
  store.users.set('u1', user('u1', 'ada')).set('u2', user('u2', 'bob'));
  assert.ok(store.users instanceof Map);
  assert.deepEqual([...store.users.keys()], ['u1', 'u2']);
  assert.equal(store.findUserByName('bob')?.userId, 'u2');
  assert.deepEqual(store.snapshot().users.map((u) => u.username), ['ada', 'bob']);
});
