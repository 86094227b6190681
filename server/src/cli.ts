#!/usr/bin/env node
/**
 * `npm run server -- --port 8787 --origin http://localhost:5173 [--rp-id localhost] [--db ./passkeys.db]`
 *
 * The passkey server on SQLite (the file `--db`, created when missing), or on PostgreSQL when `DATABASE_URL` is set.
 * Runs the migrations, then listens and prints its URL. Recovery mails are printed to the console: there is no mailer
 * here (use the library's `sendRecoveryEmail` for one).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeServer } from './adapters/node.ts';
import { createPasskeyServer, type PasskeyServer } from './server.ts';
import type { PasskeyServerEvent } from './events.ts';
import type { RecoveryMessage } from './options.ts';
import type { PasskeyStore } from './store.ts';

export interface CliConfig {
  port: number;
  host: string;
  origins: string[];
  rpID: string;
  rpName: string;
  /** SQLite file; ignored when `databaseUrl` is set. */
  db: string;
  databaseUrl: string | undefined;
  recoveryPageUrl: string;
  /** The decoy secret: `PASSKEY_SECRET`, else one kept beside the SQLite file. */
  secret: string | undefined;
  trustProxy: number;
  /** Print each event as a JSON line. */
  logEvents: boolean;
}

const USAGE = `Usage: npm run server -- [--port 8787] [--host 127.0.0.1] --origin <page origin>... [--rp-id <id>] [--rp-name <name>]
                         [--db ./passkeys.db] [--recovery-page-url <url>] [--trust-proxy <hops>] [--quiet]
Environment: DATABASE_URL=postgres://… (PostgreSQL instead of SQLite), PASSKEY_SECRET (shared by every instance), PORT.`;

/** The configuration from the command line and the environment; undefined for `--help`. Throws with the usage on a bad argument. */
export function parseCli(argv: string[], env: Record<string, string | undefined> = process.env): CliConfig | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: ['http://localhost:5173'] },
      'rp-id': { type: 'string' },
      'rp-name': { type: 'string', default: 'passkey-elements' },
      db: { type: 'string', default: './passkeys.db' },
      'recovery-page-url': { type: 'string' },
      'trust-proxy': { type: 'string', default: '0' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535\n${USAGE}`);
  const origins = values.origin.map((origin) => origin.replace(/\/+$/, ''));
  let rpID = values['rp-id'];
  try {
    rpID ??= new URL(origins[0]!).hostname;
  } catch {
    throw new Error(`--origin must be an origin like http://localhost:5173\n${USAGE}`);
  }
  const trustProxy = Number(values['trust-proxy']);
  if (!Number.isInteger(trustProxy) || trustProxy < 0) throw new Error(`--trust-proxy must be a number of proxies\n${USAGE}`);
  return {
    port,
    host: values.host,
    origins,
    rpID,
    rpName: values['rp-name'],
    db: values.db,
    databaseUrl: env.DATABASE_URL || undefined,
    recoveryPageUrl: values['recovery-page-url'] ?? `${origins[0]}/recovery`,
    secret: env.PASSKEY_SECRET || undefined,
    trustProxy,
    logEvents: !values.quiet,
  };
}

/** The decoy secret kept beside a SQLite file (mode 0600), so unknown names get the same answers after a restart. */
function secretBeside(db: string): string | undefined {
  if (db === ':memory:') return undefined;
  const file = `${db}.secret`;
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

async function openStore(config: CliConfig): Promise<{ store: PasskeyStore; description: string }> {
  if (config.databaseUrl) {
    const { createPostgresStore } = await import('./stores/postgres.ts');
    return { store: createPostgresStore({ connectionString: config.databaseUrl }), description: 'PostgreSQL (DATABASE_URL)' };
  }
  const { createSqliteStore } = await import('./stores/sqlite.ts');
  return { store: createSqliteStore({ path: config.db }), description: `SQLite ${config.db}` };
}

function printMail(message: RecoveryMessage): void {
  console.log(`[recovery mail] to ${message.to}, valid until ${new Date(message.expiresAt).toISOString()}: ${message.link}`);
}

function printEvent(event: PasskeyServerEvent): void {
  const { error, ...rest } = event as PasskeyServerEvent & { error?: unknown };
  console.log(JSON.stringify({ ...rest, time: new Date(event.time).toISOString(), ...(error === undefined ? {} : { error: String(error) }) }));
}

export interface RunningServer {
  /** `http://localhost:<port>` (localhost rather than 127.0.0.1, so a page on localhost is same-site). */
  url: string;
  server: PasskeyServer;
  store: PasskeyStore;
  close(): Promise<void>;
}

/** Opens the store, runs the migrations and listens. */
export async function startFromConfig(config: CliConfig, log: (line: string) => void = console.log): Promise<RunningServer> {
  const { store, description } = await openStore(config);
  await store.migrate();
  const secret = config.secret ?? (config.databaseUrl ? undefined : secretBeside(config.db));
  if (!secret) log('note: without PASSKEY_SECRET, made-up credentials for unknown usernames change at every restart and differ between instances');
  const server = createPasskeyServer({
    rpID: config.rpID,
    rpName: config.rpName,
    origins: config.origins,
    store,
    recoveryPageUrl: config.recoveryPageUrl,
    sendRecoveryEmail: printMail,
    ...(config.logEvents ? { onEvent: printEvent } : {}),
    ...(secret ? { secret } : {}),
  });
  const http = createNodeServer(server, { trustProxy: config.trustProxy });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, resolve);
  });
  const { port } = http.address() as AddressInfo;
  const host = config.host === '127.0.0.1' || config.host === '::1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  log(`passkey-elements-server listening on ${url}`);
  log(`  API       ${url}${server.options.apiPath}`);
  log(`  recovery  ${url}${server.options.recoveryPath}/recovery/send`);
  log(`  pages     ${config.origins.join(', ')} (RP ID ${config.rpID})`);
  log(`  store     ${description}`);
  log('  recovery mails are printed here: no mailer is configured');
  return {
    url,
    server,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await server.close();
      await store.close();
    },
  };
}

/** Run as a program (`node cli.ts`, or the package's bin through its symlink), not imported. `import.meta.main` is Node 24's. */
const isMain = import.meta.main ?? (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url));

if (isMain) {
  let config: CliConfig | undefined;
  try {
    config = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  if (!config) {
    console.log(USAGE);
    process.exit(0);
  }
  const running = await startFromConfig(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void running.close().then(() => process.exit(0)));
  }
}
