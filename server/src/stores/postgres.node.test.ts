import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { startTestPostgres } from '../../test/postgres.ts';
import { createPostgresStore } from './postgres.ts';
import { runStoreContract } from './store-contract.ts';

// PASSKEY_TEST_DATABASE_URL's server, or a throwaway cluster; when neither can be had, every test here fails saying why.
const postgres = startTestPostgres();
after(async () => (await postgres).stop());

runStoreContract('PostgreSQL', async () => {
  const connectionString = await (await postgres).createSchema();
  return { store: createPostgresStore({ connectionString }), openAnother: async () => createPostgresStore({ connectionString }) };
});

describe('PostgreSQL store', () => {
  it('migrates once when five instances start together, under the advisory lock', async () => {
    const connectionString = await (await postgres).createDatabase();
    const stores = Array.from({ length: 5 }, () => createPostgresStore({ connectionString }));
    await Promise.all(stores.map((store) => store.migrate()));
    const client = new pg.Client({ connectionString });
    await client.connect();
    const { rows } = await client.query('SELECT version, name FROM schema_migrations');
    assert.deepEqual(rows, [{ version: 1, name: 'initial' }]);
    await client.end();
    await Promise.all(stores.map((store) => store.close()));
  });

  it('writes only known transports to the database', async () => {
    const connectionString = await (await postgres).createSchema();
    const store = createPostgresStore({ connectionString });
    await store.migrate();
    const user = { userId: 'u', username: 'U', usernameKey: 'u', displayName: 'U', userHandle: 'dQ', createdAt: 1 };
    const transports = ['usb', 'bogus', 'internal'] as never;
    const credential = { id: 'c', userId: 'u', publicKey: 'key', counter: 0, transports, aaguid: 'a', backedUp: false, deviceType: 'singleDevice' as const, createdAt: 1 };
    assert.equal(await store.saveRegistration({ newUser: user, credential, now: 1 }), 'saved');
    await store.close();
    const client = new pg.Client({ connectionString });
    await client.connect();
    assert.deepEqual((await client.query('SELECT transports FROM credentials')).rows, [{ transports: ['internal', 'usb'] }]);
    await client.end();
  });

  it('refuses to run on a database that a newer release migrated', async () => {
    const connectionString = await (await postgres).createDatabase();
    const store = createPostgresStore({ connectionString });
    await store.migrate();
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)");
    await client.end();
    await assert.rejects(store.migrate(), /schema version 99.*newer release/);
    await store.close();
  });

  it('works on a pool of yours and leaves it open when closed', async () => {
    const pool = new pg.Pool({ connectionString: await (await postgres).createDatabase(), max: 2 });
    const store = createPostgresStore({ pool });
    await store.migrate();
    assert.equal((await store.hit('k', 1000, 0)).count, 1);
    await store.close();
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM rate_limits')).rows[0].n, 1);
    await pool.end();
  });
});
