import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import type { StoredCredential } from '../store.ts';
import { createSqliteStore } from './sqlite.ts';
import { runStoreContract } from './store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'passkey-sqlite-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(directory, `store-${++files}.db`);

runStoreContract('SQLite', () => {
  const path = newFile();
  return { store: createSqliteStore({ path }), openAnother: async () => createSqliteStore({ path }) };
});

describe('SQLite store', () => {
  it('keeps its data in the file across a close and a reopen', async () => {
    const path = newFile();
    const first = createSqliteStore({ path });
    await first.migrate();
    const user = { userId: 'kept', username: 'Kept', usernameKey: 'kept', displayName: 'Kept', userHandle: 'aGFuZGxl', createdAt: 1 };
    const credential = { id: 'kept-credential', userId: 'kept', publicKey: 'key', counter: 3, transports: ['usb' as const], aaguid: 'a', backedUp: false, deviceType: 'singleDevice' as const, createdAt: 1 };
    assert.equal(await first.saveRegistration({ newUser: user, credential, now: 1 }), 'saved');
    await first.close();
    const again = createSqliteStore({ path });
    await again.migrate();
    assert.deepEqual(await again.findUserByKey('kept'), user);
    assert.deepEqual(await again.listCredentials('kept'), [credential]);
    await again.close();
  });

  it('runs in WAL mode with enforced foreign keys, and records each migration once', async () => {
    const path = newFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    await store.migrate();
    const db = new DatabaseSync(path);
    assert.equal(db.prepare('PRAGMA journal_mode').get()?.['journal_mode'], 'wal');
    assert.deepEqual(
      db.prepare('SELECT version, name FROM schema_migrations').all().map((row) => ({ ...row })),
      [{ version: 1, name: 'initial' }],
    );
    db.close();
    await assert.rejects(store.createSession({ idHash: 'orphan', userId: 'no-such-user', createdAt: 1, expiresAt: 2 }), /FOREIGN KEY/);
    await store.close();
  });

  it('writes only known transports to the file', async () => {
    const path = newFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    const user = { userId: 'u', username: 'U', usernameKey: 'u', displayName: 'U', userHandle: 'dQ', createdAt: 1 };
    const transports = ['usb', 'bogus', 'internal'] as never;
    const credential = { id: 'c', userId: 'u', publicKey: 'key', counter: 0, transports, aaguid: 'a', backedUp: false, deviceType: 'singleDevice' as const, createdAt: 1 };
    assert.equal(await store.saveRegistration({ newUser: user, credential, now: 1 }), 'saved');
    const db = new DatabaseSync(path);
    assert.equal(db.prepare('SELECT transports FROM credentials').get()?.['transports'], '["internal","usb"]');
    db.close();
    await store.close();
  });

  it('refuses to run on a database that a newer release migrated', async () => {
    const path = newFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    const db = new DatabaseSync(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('from the future');
    db.close();
    await assert.rejects(store.migrate(), /schema version 99.*newer release/);
    await store.close();
  });

  it('is shared by two processes writing at once: every hit and registration counted once', { timeout: 60_000 }, async () => {
    const path = newFile();
    const writer = `
      import { createSqliteStore } from ${JSON.stringify(new URL('./sqlite.ts', import.meta.url).href)};
      const store = createSqliteStore({ path: process.argv[1] });
      await store.migrate();
      const tag = process.argv[2];
      for (let i = 0; i < 1500; i++) {
        await store.hit('shared', 3_600_000, 1_000);
        const userId = tag + '-' + i;
        const result = await store.saveRegistration({
          newUser: { userId, username: userId, usernameKey: 'race-' + (i % 500), displayName: userId, userHandle: userId, createdAt: 1 },
          credential: { id: 'credential-' + userId, userId, publicKey: 'key', counter: 0, transports: ['internal'], aaguid: 'a', backedUp: true, deviceType: 'multiDevice', createdAt: 1 },
          now: 1,
        });
        process.stdout.write(result + '\\n');
      }
      await store.close();
    `;
    const run = (tag: string) => {
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', writer, path, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk));
      return once(child, 'exit').then(([code]) => ({ code, output, errors }));
    };
    const results = await Promise.all([run('a'), run('b')]);
    for (const { code, errors } of results) assert.equal(code, 0, errors);
    const saved = results.flatMap(({ output }) => output.trim().split('\n')).filter((line) => line === 'saved');
    assert.equal(saved.length, 500, '500 distinct username keys: 500 accounts, whichever process won each');

    const store = createSqliteStore({ path });
    assert.equal((await store.hit('shared', 3_600_000, 1_000)).count, 3001);
    await store.close();
    const db = new DatabaseSync(path);
    assert.equal(db.prepare('SELECT count(*) AS n FROM users').get()?.['n'], 500);
    assert.equal(db.prepare('SELECT count(*) AS n FROM credentials').get()?.['n'], 500);
    db.close();
  });

  it('commits the writes asked for together in one transaction: each is on disk when it resolves, and one that fails is undone alone', async () => {
    const path = newFile();
    const store = createSqliteStore({ path });
    await store.migrate();
    const user = (userId: string) => ({ userId, username: userId, usernameKey: userId, displayName: userId, userHandle: userId, createdAt: 1 });
    const credential = (userId: string, deviceType = 'multiDevice'): StoredCredential =>
      ({ id: `credential-${userId}`, userId, publicKey: 'key', counter: 0, transports: ['internal'], aaguid: 'a', backedUp: true, deviceType, createdAt: 1 }) as StoredCredential;
    assert.equal(await store.saveRegistration({ newUser: user('kept'), credential: credential('kept'), now: 1 }), 'saved');

    const other = new DatabaseSync(path); // another connection sees only what is committed
    const seen = (sql: string) => other.prepare(sql).get()?.['n'];
    const batch = [
      store.createSession({ idHash: 'session', userId: 'kept', createdAt: 1, expiresAt: 2 }).then(() => seen("SELECT count(*) AS n FROM sessions WHERE id_hash = 'session'")),
      store.createSession({ idHash: 'orphan', userId: 'no-such-user', createdAt: 1, expiresAt: 2 }),
      // Its user is inserted, then its credential fails the schema's CHECK: the user must go with it.
      store.saveRegistration({ newUser: user('half'), credential: credential('half', 'bogus'), now: 1 }),
      store.hit('counted', 60_000, 1).then(() => seen("SELECT count(*) AS n FROM rate_limits WHERE key = 'counted'")),
    ];
    const [session, orphan, half, hit] = await Promise.allSettled(batch);
    assert.deepEqual(session, { status: 'fulfilled', value: 1 });
    assert.match(String(orphan.status === 'rejected' && orphan.reason), /FOREIGN KEY/);
    assert.match(String(half.status === 'rejected' && half.reason), /CHECK/);
    assert.deepEqual(hit, { status: 'fulfilled', value: 1 });
    assert.equal(seen("SELECT count(*) AS n FROM users WHERE user_id = 'half'"), 0);
    assert.equal(await store.findUserByKey('half'), undefined);
    other.close();
    await store.close();
  });
});
