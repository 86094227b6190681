/**
 * One passkey-elements-server instance for the several-instances tests, as a deployment runs it: its own process,
 * `createPasskeyServer` behind the Node adapter on a free port of 127.0.0.1, on PostgreSQL (DATABASE_URL) or on the
 * SQLite file `--db`. Migrates at start (instances started together race to, safely), then prints its URL.
 *
 * Behind one trusted proxy: the tests send each simulated browser's address as X-Forwarded-For, so the per-address
 * rate limits see many clients. Every instance gets the same PASSKEY_SECRET, as a deployment's instances must.
 * Recovery mails are printed as JSON lines (`mail {…}`). SIGTERM closes it cleanly; SIGKILL is what the tests use to
 * crash it.
 */
import { parseArgs } from 'node:util';
import { createNodeServer } from '../src/adapters/node.ts';
import { createPasskeyServer } from '../src/server.ts';
import { createPostgresStore } from '../src/stores/postgres.ts';
import { createSqliteStore } from '../src/stores/sqlite.ts';
import { PAGE_ORIGIN } from '../src/testing/test-client.ts';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const databaseUrl = process.env['DATABASE_URL'];
if (!databaseUrl && !values.db) throw new Error('instance.ts needs DATABASE_URL or --db <file>');
const store = databaseUrl ? createPostgresStore({ connectionString: databaseUrl }) : createSqliteStore({ path: values.db! });
await store.migrate();

const passkeys = createPasskeyServer({
  rpID: 'localhost',
  rpName: 'Several instances',
  origins: [PAGE_ORIGIN],
  store,
  secret: process.env['PASSKEY_SECRET'] ?? 'several-instances-share-one-secret-of-32+',
  recoveryPageUrl: `${PAGE_ORIGIN}/recovery`,
  sendRecoveryEmail: (message) => void process.stdout.write(`mail ${JSON.stringify(message)}\n`),
});
const server = createNodeServer(passkeys, { trustProxy: 1 });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void passkeys.close().then(() => store.close());
});
