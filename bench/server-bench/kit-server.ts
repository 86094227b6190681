/**
 * passkey-elements-server for `npm run bench:server`, in a process of its own: on PostgreSQL when DATABASE_URL is
 * set, else on the SQLite file `--db`. Configured as the guide's server is (RP ID localhost, page origin
 * http://localhost:3000), otherwise with the production defaults, but for the per-address rate limits: the bench's
 * requests all come from one address, so those are raised high enough that it is never refused (they still count in
 * the store). The per-account limits stay as they are: the bench signs in to each account once. Behind the Node
 * adapter; prints its address once it listens on 127.0.0.1 (a free port).
 */
import { parseArgs } from 'node:util';
import { createNodeServer } from '../../server/src/adapters/node.ts';
import { createPasskeyServer } from '../../server/src/server.ts';
import type { RateLimitRule } from '../../server/src/rate-limits.ts';
import { createPostgresStore } from '../../server/src/stores/postgres.ts';
import { createSqliteStore } from '../../server/src/stores/sqlite.ts';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'bench.db' } } });
const store = process.env['DATABASE_URL'] ? createPostgresStore({ connectionString: process.env['DATABASE_URL'] }) : createSqliteStore({ path: values.db });
await store.migrate();

const high: RateLimitRule = { limit: 1_000_000_000, windowMs: 60_000 };
const passkeys = createPasskeyServer({
  rpID: 'localhost',
  rpName: 'Bench',
  origins: ['http://localhost:3000'],
  store,
  recoveryPageUrl: 'http://localhost:3000/recovery',
  sendRecoveryEmail: () => {},
  rateLimits: { options: { ip: high }, verify: { ip: high }, recovery: { ip: high } },
});

const server = createNodeServer(passkeys);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`passkey-elements-server on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void passkeys.close().then(() => store.close());
});
