/**
 * PostgreSQL for tests and benches: the server named by PASSKEY_TEST_DATABASE_URL, or a throwaway cluster started
 * here (initdb and pg_ctl from /usr/lib/postgresql/<version>/bin, in a temporary directory, on a free port of
 * 127.0.0.1, as the `postgres` user when run as root, since PostgreSQL refuses to run as root). Each test gets a
 * database of its own. When PostgreSQL cannot start, this throws and says why: tests never skip it silently.
 *
 * As a command, it runs another command with PASSKEY_TEST_DATABASE_URL set to one shared throwaway cluster:
 *   node server/test/postgres.ts npm test
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The environment variable naming a running server whose user may create and drop databases. */
export const DATABASE_URL_VARIABLE = 'PASSKEY_TEST_DATABASE_URL';

export interface TestPostgres {
  /** The server's maintenance database (`postgres`), for an administrator. */
  readonly url: string;
  /** Creates an empty database and returns its URL; `stop()` drops it. */
  createDatabase(): Promise<string>;
  /**
   * Creates an empty schema and returns a URL whose connections use it (`search_path`): a new empty store in about
   * a millisecond, where a database takes a few hundred. All schemas live in one database, dropped by `stop()`.
   */
  createSchema(): Promise<string>;
  /** Drops the databases this made, and stops the cluster if this started it. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Keep PostgreSQL's durable defaults (fsync at every commit) in a throwaway cluster, as a bench should. By default
   * a test cluster skips fsync: its data is thrown away, and the tests run faster.
   */
  durable?: boolean;
}

/** The server of PASSKEY_TEST_DATABASE_URL when set, else a new throwaway cluster. */
export async function startTestPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const given = process.env[DATABASE_URL_VARIABLE];
  if (given) return databasesOn(given, { dropOnStop: true, stopServer: async () => {} });
  const cluster = await startCluster(options);
  // The cluster's directory goes with it: no need to drop its databases one by one.
  return databasesOn(cluster.url, { dropOnStop: false, stopServer: cluster.stop });
}

function databasesOn(url: string, { dropOnStop, stopServer }: { dropOnStop: boolean; stopServer: () => Promise<void> }): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect().catch((error: Error) => {
      throw new Error(`Cannot connect to the test PostgreSQL at ${redact(url)}: ${error.message}`, { cause: error });
    });
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const createDatabase = async () => {
    const name = `passkey_test_${randomBytes(6).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    created.push(name);
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${name}`;
    return databaseUrl.href;
  };
  let schemaDatabase: Promise<string> | undefined;
  return {
    url,
    createDatabase,
    async createSchema() {
      const databaseUrl = new URL(await (schemaDatabase ??= createDatabase()));
      const schema = `passkey_test_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: databaseUrl.href });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`).finally(() => client.end());
      databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
      return databaseUrl.href;
    },
    async stop() {
      const names = created.splice(0);
      if (dropOnStop && names.length > 0) await admin(async (client) => {
        for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      await stopServer();
    },
  };
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/** The bin directory of the newest PostgreSQL installed the Debian way, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] && join(root, versions[0], 'bin');
}

async function startCluster({ durable = false }: StartOptions): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      `PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. Install it (apt-get install postgresql; .ci/run does), or set ${DATABASE_URL_VARIABLE} to a server whose user may create databases.`,
    );
  }
  const directory = mkdtempSync(join(tmpdir(), 'passkey-postgres-'));
  const data = join(directory, 'data');
  const log = join(directory, 'log');
  const owner = clusterOwner();
  if (owner) chownSync(directory, owner.uid, owner.gid);
  const as: SpawnOptions = owner ? { uid: owner.uid, gid: owner.gid } : {};

  const fail = (what: string, detail: string) => {
    rmSync(directory, { recursive: true, force: true });
    return new Error(`The test PostgreSQL did not start (${what}):\n${detail.trim()}`);
  };
  const initdb = await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);
  if (initdb.code !== 0) throw fail('initdb', initdb.output);

  const settings = ['-c', 'listen_addresses=127.0.0.1', '-k', directory, '-c', 'max_connections=300'];
  if (!durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  let started: { code: number | null; output: string } = { code: null, output: '' };
  let port = 0;
  // A free port may be taken between the probe and the start by someone else: try a few.
  for (let attempt = 0; attempt < 5 && started.code !== 0; attempt++) {
    port = await freePort();
    started = await run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', [...settings, '-p', String(port)].join(' '), 'start'], as);
  }
  if (started.code !== 0) throw fail('pg_ctl start', `${started.output}\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...as, stdio: 'ignore' });
    rmSync(directory, { recursive: true, force: true });
  };
  // A test process that ends any way but SIGKILL takes its cluster with it.
  process.once('exit', stopSync);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off('exit', stopSync);
      stopSync();
    },
  };
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user the Debian package made. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('Running as root, but there is no postgres user to run the test PostgreSQL as (apt-get install postgresql makes one).');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[], options: SpawnOptions): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', (error) => resolve({ code: -1, output: error.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

if (import.meta.main) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node server/test/postgres.ts <command> [args…]   runs the command with a throwaway PostgreSQL');
    process.exit(2);
  }
  const postgres = await startTestPostgres();
  console.error(`Throwaway PostgreSQL for the tests: ${postgres.url}`);
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, [DATABASE_URL_VARIABLE]: postgres.url } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const [code, signal] = (await new Promise((resolve) => child.once('close', (...result) => resolve(result)))) as [number | null, NodeJS.Signals | null];
  await postgres.stop();
  process.exit(code ?? (signal ? 1 : 0));
}
