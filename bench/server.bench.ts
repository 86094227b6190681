/**
 * `npm run bench:server`: full registrations and sign-ins per second, and their p50/p99, at 50 connections, for
 * - passkey-elements-server on SQLite (a file in a temporary directory),
 * - passkey-elements-server on PostgreSQL (a throwaway cluster with PostgreSQL's durable defaults, or
 *   PASSKEY_TEST_DATABASE_URL's server),
 * - the implementation guide's Step 3 Express server, in memory (bench/server-bench/guide-server.js),
 * - bare @simplewebauthn/server calls in this process (what any server must spend at least).
 *
 * Each HTTP server runs in its own process; the load comes from this one over keep-alive connections. A full
 * registration is options + verify, a full sign-in is options + sign + verify, for one username per connection at a
 * time (the guide keys challenges by username, so two ceremonies for one name would collide). Every account registered
 * in the timed part signs in once in the next, so each server holds the same accounts, no account comes near the
 * kit's per-account rate limits (which stay at their production values), and no two sign-ins race for one counter.
 * Keys and attestation objects are made before the clock starts; only the assertion signature, which needs the
 * server's challenge, is made in the timed part (about 0.1 ms of ECDSA per sign-in, the same for every server).
 *
 * Besides throughput, each HTTP server's CPU time per ceremony (from /proc, Linux only): on a machine shared with other
 * work the throughput of two servers measured one after the other depends on what else ran meanwhile; CPU time does
 * not. The two servers the goal compares run back to back.
 *
 * BENCH_CEREMONIES (default 2000) sets how many of each are timed; BENCH_CONNECTIONS (default 50) the connections.
 * Figures, not tests: nothing here fails on a slow machine. The goal printed at the end compares figures of one run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { cose, isoCBOR } from '@simplewebauthn/server/helpers';
import { startTestPostgres } from '../server/test/postgres.ts';
import { printTable } from './report.ts';

const CEREMONIES = Number(process.env.BENCH_CEREMONIES ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARM_UP = 200;
/** The guide's configuration, which every server here is given. */
const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';
const API = '/api/passkey';
const GOAL = 0.8;
/** What the kit's servers run with (bench/server-bench/kit-server.ts). */
const KIT_DEFAULTS = 'production defaults, but the per-address rate limits raised for the one load generator';

export const SERVER_BENCH_TITLE = `Passkey servers under load: full ceremonies at ${CONNECTIONS} connections (a second process on 127.0.0.1)`;

// ---------------------------------------------------------------------------------------------------------------
// The browser and authenticator side, made fast: node:crypto keys, CBOR once per passkey, DER signatures directly.

type CBOR = Parameters<typeof isoCBOR.encode>[0];
const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;
const RP_ID_HASH = createHash('sha256').update(RP_ID).digest();
const AAGUID = Buffer.alloc(16);

interface Passkey {
  id: string;
  privateKey: KeyObject;
  attestationObject: string;
  counter: number;
  /** `user.id` of the registration options, sent back as `userHandle`. */
  userHandle?: string;
}

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const clientData = (type: string, challenge: string) => base64url(Buffer.from(JSON.stringify({ type, challenge, origin: ORIGIN, crossOrigin: false })));

/** A new ES256 passkey and its `none` attestation object, which does not depend on the challenge. */
function makePasskey(): Passkey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const coseKey = isoCBOR.encode(
    new Map<number, CBOR>([
      [cose.COSEKEYS.kty, cose.COSEKTY.EC2],
      [cose.COSEKEYS.alg, cose.COSEALG.ES256],
      [cose.COSEKEYS.crv, cose.COSECRV.P256],
      [cose.COSEKEYS.x, Buffer.from(jwk.x!, 'base64url')],
      [cose.COSEKEYS.y, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  const rawId = randomBytes(16);
  const authData = Buffer.concat([RP_ID_HASH, Buffer.of(FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS | FLAGS.AT), Buffer.alloc(4), AAGUID, Buffer.of(0, rawId.length), rawId, coseKey]);
  const attestationObject = isoCBOR.encode(new Map<string, CBOR>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
  return { id: base64url(rawId), privateKey, attestationObject: base64url(attestationObject), counter: 0 };
}

function registrationResponse(passkey: Passkey, challenge: string): RegistrationResponseJSON {
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    response: { clientDataJSON: clientData('webauthn.create', challenge), attestationObject: passkey.attestationObject, transports: ['hybrid', 'internal'] },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}

function authenticationResponse(passkey: Passkey, challenge: string): AuthenticationResponseJSON {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(++passkey.counter);
  const authData = Buffer.concat([RP_ID_HASH, Buffer.of(FLAGS.UP | FLAGS.UV | FLAGS.BE | FLAGS.BS), counter]);
  const clientDataJSON = clientData('webauthn.get', challenge);
  const signed = Buffer.concat([authData, createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest()]);
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    response: {
      clientDataJSON,
      authenticatorData: base64url(authData),
      signature: base64url(sign('sha256', signed, { key: passkey.privateKey, dsaEncoding: 'der' })),
      ...(passkey.userHandle ? { userHandle: passkey.userHandle } : {}),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: plain node:http over keep-alive sockets, one per connection, so the load generator stays light.

type Json = Record<string, unknown>;

function httpClient(base: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const post = (path: string, body: unknown): Promise<Json> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const call = request(`${base}${API}${path}`, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: ORIGIN },
      });
      call.once('error', reject);
      call.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (response.statusCode !== 200) return reject(new Error(`${path}: ${response.statusCode} ${text.slice(0, 200)}`));
          resolve(JSON.parse(text) as Json);
        });
      });
      call.end(payload);
    });
  return { post, close: () => agent.destroy() };
}

/** The two ceremonies as a browser runs them against one server. */
interface Ceremonies {
  register(username: string, passkey: Passkey): Promise<void>;
  signIn(username: string, passkey: Passkey): Promise<void>;
  close(): Promise<void>;
  /** CPU time the server has used so far, in ms, when it can be read. */
  cpuMs?: () => number | undefined;
}

function overHttp({ base, stop, cpuMs }: SpawnedServer): Ceremonies {
  const { post, close } = httpClient(base);
  return {
    cpuMs,
    async register(username, passkey) {
      const options = (await post('/register/options', { username, displayName: username })) as { challenge: string; user: { id: string } };
      passkey.userHandle = options.user.id;
      const result = await post('/register/verify', { username, credential: registrationResponse(passkey, options.challenge) });
      if (result['verified'] !== true) throw new Error(`register/verify: ${JSON.stringify(result)}`);
    },
    async signIn(username, passkey) {
      const options = (await post('/authenticate/options', { username })) as { challenge: string };
      const result = await post('/authenticate/verify', { username, credential: authenticationResponse(passkey, options.challenge) });
      if (result['verified'] !== true) throw new Error(`authenticate/verify: ${JSON.stringify(result)}`);
    },
    async close() {
      close();
      await stop();
    },
  };
}

/**
 * The least a server must do: the four library calls, in this process, with nothing stored but a Map. Only the
 * library calls are timed (`serverTime`), not the authenticator work between them.
 */
function bareLibrary(): Ceremonies & { serverTime: { last: number } } {
  const keys = new Map<string, { publicKey: Uint8Array<ArrayBuffer>; counter: number }>();
  const serverTime = { last: 0 };
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      serverTime.last += performance.now() - start;
    }
  };
  return {
    serverTime,
    async register(username, passkey) {
      serverTime.last = 0;
      const options = await timed(() => generateRegistrationOptions({ rpName: 'Bench', rpID: RP_ID, userName: username, attestationType: 'none' }));
      const response = registrationResponse(passkey, options.challenge);
      await timed(async () => {
        const { verified, registrationInfo } = await verifyRegistrationResponse({ response, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID });
        if (!verified || !registrationInfo) throw new Error('bare registration not verified');
        keys.set(registrationInfo.credential.id, { publicKey: registrationInfo.credential.publicKey, counter: registrationInfo.credential.counter });
      });
    },
    async signIn(_username, passkey) {
      serverTime.last = 0;
      const options = await timed(() => generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: passkey.id }] }));
      const response = authenticationResponse(passkey, options.challenge);
      await timed(async () => {
        const stored = keys.get(response.id)!;
        const { verified, authenticationInfo } = await verifyAuthenticationResponse({
          response,
          expectedChallenge: options.challenge,
          expectedOrigin: ORIGIN,
          expectedRPID: RP_ID,
          credential: { id: response.id, publicKey: stored.publicKey, counter: stored.counter },
        });
        if (!verified) throw new Error('bare sign-in not verified');
        stored.counter = authenticationInfo.newCounter;
      });
    },
    async close() {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The servers, each in a process of its own that prints its address once it listens.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface SpawnedServer {
  base: string;
  stop: () => Promise<void>;
  cpuMs: () => number | undefined;
}

/** Clock ticks per second of /proc's CPU times. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** User and system CPU time of a process and all its threads, in ms; undefined without /proc. */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime and stime, fields 14 and 15
  } catch {
    return undefined;
  }
}

async function spawnServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnedServer> {
  const child: ChildProcess = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const address = /https?:\/\/[^\s/]+/.exec(output)?.[0];
      if (address) resolve(address.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before listening:\n${output}`)));
  });
  return {
    base,
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring.

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's CPU time per ceremony, in ms (the bare calls: their own time). */
  cpuMs: number | undefined;
}

/** Runs `total` ceremonies on `connections` parallel loops; each loop takes the next index until none is left. */
async function measure(
  total: number,
  connections: number,
  ceremony: (index: number) => Promise<number | void>,
  cpuMs: () => number | undefined = () => undefined,
): Promise<Measured> {
  const latencies: number[] = [];
  /** Set when the ceremonies time themselves (the bare calls): throughput is then over their own time. */
  let ownTime: number | undefined;
  let next = 0;
  let errors = 0;
  let firstError: unknown;
  const cpuBefore = cpuMs();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, total) }, async () => {
      while (next < total) {
        const index = next++;
        const begun = performance.now();
        try {
          const own = await ceremony(index);
          if (typeof own === 'number') ownTime = (ownTime ?? 0) + own;
          latencies.push(typeof own === 'number' ? own : performance.now() - begun);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = cpuMs();
  if (firstError) console.error(`First of ${errors} failed ceremonies:`, firstError);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const cpu = ownTime ?? (cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore);
  return {
    perSecond: latencies.length / (ownTime === undefined ? seconds : ownTime / 1000),
    p50: at(0.5),
    p99: at(0.99),
    errors,
    cpuMs: cpu === undefined ? undefined : cpu / total,
  };
}

interface Target {
  name: string;
  /** Bare calls run one at a time: concurrency in one process only interleaves them. */
  connections: number;
  note: string;
  start(): Promise<Ceremonies & { serverTime?: { last: number } }>;
}

async function runTarget(target: Target, run: string) {
  const ceremonies = await target.start();
  try {
    const own = () => ceremonies.serverTime?.last;
    const cpuMs = ceremonies.cpuMs;
    const users = (phase: string, count: number) => Array.from({ length: count }, (_, i) => ({ username: `${run}-${phase}-${i}@example.com`, passkey: makePasskey() }));
    // Made before any clock starts: the keys of every registration. Each of these accounts then signs in once.
    const warmUp = users('warm', WARM_UP);
    const timed = users('reg', CEREMONIES);

    await measure(WARM_UP, target.connections, (i) => ceremonies.register(warmUp[i]!.username, warmUp[i]!.passkey));
    const registrations = await measure(
      CEREMONIES,
      target.connections,
      async (i) => {
        await ceremonies.register(timed[i]!.username, timed[i]!.passkey);
        return own();
      },
      cpuMs,
    );
    await measure(WARM_UP, target.connections, (i) => ceremonies.signIn(warmUp[i]!.username, warmUp[i]!.passkey));
    const signIns = await measure(
      CEREMONIES,
      target.connections,
      async (i) => {
        await ceremonies.signIn(timed[i]!.username, timed[i]!.passkey);
        return own();
      },
      cpuMs,
    );
    return { registrations, signIns };
  } finally {
    await ceremonies.close();
  }
}

export async function runServerBench(): Promise<Record<string, string | number>[]> {
  const run = randomBytes(3).toString('hex');
  const directory = mkdtempSync(join(tmpdir(), 'passkey-server-bench-'));
  const postgres = await startTestPostgres({ durable: true });
  const kitServer = here('./server-bench/kit-server.ts');
  const targets: Target[] = [
    {
      name: 'passkey-elements-server, SQLite',
      connections: CONNECTIONS,
      note: `node:sqlite file, WAL; ${KIT_DEFAULTS}`,
      start: async () => overHttp(await spawnServer([kitServer, '--db', join(directory, 'bench.db')])),
    },
    {
      name: 'the guide’s Express server, in memory',
      connections: CONNECTIONS,
      note: 'Step 3 as written (API fixes only)',
      start: async () => overHttp(await spawnServer([here('./server-bench/guide-server.js')], { PORT: '0' })),
    },
    {
      name: 'passkey-elements-server, PostgreSQL',
      connections: CONNECTIONS,
      note: `pg pool of 10, fsync on; ${KIT_DEFAULTS}`,
      start: async () => overHttp(await spawnServer([kitServer], { DATABASE_URL: await postgres.createDatabase() })),
    },
    {
      name: 'bare @simplewebauthn/server calls',
      connections: 1,
      note: 'in process, one at a time, library time only',
      start: async () => bareLibrary(),
    },
  ];

  const results: { target: Target; registrations: Measured; signIns: Measured }[] = [];
  try {
    for (const target of targets) results.push({ target, ...(await runTarget(target, `${run}-${results.length}`)) });
  } finally {
    await postgres.stop();
    rmSync(directory, { recursive: true, force: true });
  }

  const guide = results.find(({ target }) => target.name.startsWith('the guide'))!;
  const sqlite = results.find(({ target }) => target.name.endsWith('SQLite'))!;
  const ratio = (a: Measured, b: Measured) => a.perSecond / b.perSecond;
  const cpu = (a: Measured, b: Measured) => `${a.cpuMs === undefined ? 'n/a' : a.cpuMs.toFixed(2)} / ${b.cpuMs === undefined ? 'n/a' : b.cpuMs.toFixed(2)}`;
  const cpuRatio = (a: Measured, b: Measured) => (a.cpuMs === undefined || b.cpuMs === undefined ? 'n/a' : `${(a.cpuMs / b.cpuMs).toFixed(2)}×`);
  const rows: Record<string, string | number>[] = results.map(({ target, registrations, signIns }) => ({
    server: target.name,
    'registrations/s': registrations.perSecond.toFixed(0),
    'registration p50 / p99 ms': `${registrations.p50.toFixed(1)} / ${registrations.p99.toFixed(1)}`,
    'sign-ins/s': signIns.perSecond.toFixed(0),
    'sign-in p50 / p99 ms': `${signIns.p50.toFixed(1)} / ${signIns.p99.toFixed(1)}`,
    'server CPU ms per registration / sign-in': cpu(registrations, signIns),
    'failed': registrations.errors + signIns.errors,
    'how': target.note,
  }));
  const regRatio = ratio(sqlite.registrations, guide.registrations);
  const signInRatio = ratio(sqlite.signIns, guide.signIns);
  const met = regRatio >= GOAL && signInRatio >= GOAL;
  rows.push({
    server: `goal: SQLite ≥ ${GOAL}× the guide’s in-memory server — ${met ? 'met' : 'NOT met'} in this run`,
    'registrations/s': `${regRatio.toFixed(2)}×`,
    'registration p50 / p99 ms': '',
    'sign-ins/s': `${signInRatio.toFixed(2)}×`,
    'sign-in p50 / p99 ms': '',
    'server CPU ms per registration / sign-in': `${cpuRatio(sqlite.registrations, guide.registrations)} / ${cpuRatio(sqlite.signIns, guide.signIns)} the guide’s`,
    failed: '',
    how: `${CEREMONIES} of each timed, after ${WARM_UP} untimed; load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} at the end`,
  });
  return rows;
}

if (import.meta.main) printTable(SERVER_BENCH_TITLE, await runServerBench());
