// The protocol suite (../protocol-suite.ts) on PostgreSQL: a new schema for each test, on PASSKEY_TEST_DATABASE_URL's
// server or a throwaway cluster (which, when it cannot start, fails every test saying why).
import { after } from 'node:test';
import { startTestPostgres } from '../../test/postgres.ts';
import { runProtocolSuite } from '../protocol-suite.ts';
import { createPostgresStore } from './postgres.ts';

const postgres = startTestPostgres();
after(async () => (await postgres).stop());

runProtocolSuite('PostgreSQL', async () => createPostgresStore({ connectionString: await (await postgres).createSchema() }));
