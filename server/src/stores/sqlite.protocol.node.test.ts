// The protocol suite (../protocol-suite.ts) on SQLite: a new database file for each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { runProtocolSuite } from '../protocol-suite.ts';
import { createSqliteStore } from './sqlite.ts';

const directory = mkdtempSync(join(tmpdir(), 'passkey-sqlite-protocol-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

runProtocolSuite('SQLite', () => createSqliteStore({ path: join(directory, `protocol-${++files}.db`) }));
