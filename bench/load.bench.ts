/**
 * The standalone mock server under load from a second process on 127.0.0.1:
 * - options requests per second and latency at 50 connections, with autocannon (in a third process), for a fixed time;
 * - 200 concurrent full registrations for distinct users, which must end with exactly 200 stored credentials.
 * The figures are the server's: each passkey and its attestation object (which does not depend on the challenge) is
 * made before the clock starts, so the timed part sends the options request, writes the clientDataJSON for the
 * challenge it got (a few bytes of JSON) and sends the verify. Beside each figure, the server process's own CPU time
 * per request (from /proc, Linux only), which the rest of a shared machine does not change.
 * Goal: no errors or non-2xx answers, and every registration stored. Throughput has no goal; figures only.
 *   npm run bench:load        (BENCH_SECONDS=10 per autocannon run)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.ts';
import { printTable } from './report.ts';

const ORIGIN = 'http://localhost:5173';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REGISTRATIONS = 200;

export const LOAD_TITLE = 'Standalone mock server under load (its own process on 127.0.0.1)';
export const LOAD_GOAL = `no errors or non-2xx answers, and all ${REGISTRATIONS} concurrent registrations stored`;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

interface MockProcess {
  server: ChildProcess;
  base: string;
  admin: Record<string, string>;
}

/** The mock on a port the system picks, with its admin endpoints (reset, store) and without rate limits (one address floods it on purpose). */
async function startServer(): Promise<MockProcess> {
  const server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'mock-server/serve.ts', '--port', '0', '--origin', ORIGIN, '--admin', '--no-rate-limits'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  for await (const chunk of server.stdout!) {
    printed += chunk; // the server prints its address once it listens, then the admin token
    const port = /mock backend on http:\/\/[^:]+:(\d+)\//.exec(printed)?.[1];
    const token = /admin token.*: (\S+)\n/.exec(printed)?.[1];
    if (port && token) return { server, base: `http://127.0.0.1:${port}`, admin: { authorization: `Bearer ${token}` } };
  }
  throw new Error(`the mock server stopped: ${printed}`);
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) the process has used, in ms; undefined where /proc is not there. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 14th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The server's CPU ms per request while `work` ran. */
async function measured<T>(mock: MockProcess, requests: (result: T) => number, work: () => Promise<T>): Promise<{ result: T; cpuPerRequest: string }> {
  const before = cpuMs(mock.server.pid);
  const result = await work();
  const after = cpuMs(mock.server.pid);
  const count = requests(result);
  return { result, cpuPerRequest: before === undefined || after === undefined || count === 0 ? 'n/a' : ((after - before) / count).toFixed(2) };
}

/** autocannon runs in its own process, as a load tool should, and reports JSON. */
async function autocannon(url: string, body: unknown): Promise<AutocannonResult> {
  const bin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const child = spawn(process.execPath, [bin, '--json', '-c', '50', '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body), url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await once(child, 'exit');
  return JSON.parse(output) as AutocannonResult;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

interface Prepared {
  username: string;
  credential: RegistrationResponseJSON;
}

/** A new passkey for `username`, made now: its attestation object holds no challenge, only clientDataJSON does. */
async function prepare(index: number): Promise<Prepared> {
  const username = `load-user-${index}`;
  const options = {
    challenge: 'AAAA',
    rp: { id: 'localhost', name: 'bench' },
    user: { id: Buffer.from(username).toString('base64url'), name: username, displayName: username },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  } satisfies PublicKeyCredentialCreationOptionsJSON;
  return { username, credential: await new SoftAuthenticator({ origin: ORIGIN }).create(options) };
}

/** The timed part of a registration: options, the clientDataJSON for its challenge, verify. */
async function register(base: string, { username, credential }: Prepared): Promise<void> {
  const options = await post(`${base}/api/passkey/register/options`, { username, displayName: username });
  const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: ORIGIN, crossOrigin: false })).toString('base64url');
  await post(`${base}/api/passkey/register/verify`, { username, credential: { ...credential, response: { ...credential.response, clientDataJSON } } });
}

export async function runLoadBench() {
  const mock = await startServer();
  const { base, admin } = mock;
  try {
    const rows: Record<string, string | number>[] = [];
    for (const [label, body] of [['authenticate/options, unknown user', { username: 'nobody' }], ['authenticate/options, username-less', {}]] as const) {
      const { result, cpuPerRequest } = await measured(mock, (r) => r.requests.total, () => autocannon(`${base}/api/passkey/authenticate/options`, body));
      const failed = result.errors + result.non2xx;
      rows.push({
        load: `${label}: autocannon, 50 connections, ${SECONDS} s`,
        'requests/s': result.requests.average.toFixed(0),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'server CPU ms per request': cpuPerRequest,
        'errors + non-2xx': failed,
        met: failed === 0 ? 'met' : 'missed',
      });
    }

    await fetch(`${base}/__mock/reset`, { method: 'POST', headers: admin });
    const prepared = await Promise.all(Array.from({ length: REGISTRATIONS }, (_, i) => prepare(i)));
    const { result, cpuPerRequest } = await measured(
      mock,
      () => REGISTRATIONS * 2,
      async () => {
        const start = performance.now();
        const outcomes = await Promise.allSettled(prepared.map((item) => register(base, item)));
        return { outcomes, seconds: (performance.now() - start) / 1000 };
      },
    );
    const failed = result.outcomes.filter((outcome) => outcome.status === 'rejected').length;
    const store = (await (await fetch(`${base}/__mock/store`, { headers: admin })).json()) as { users: unknown[]; credentials: unknown[] };
    rows.push({
      load: `${REGISTRATIONS} concurrent full registrations from this process (options + verify; passkeys made beforehand)`,
      'requests/s': ((REGISTRATIONS * 2) / result.seconds).toFixed(0),
      'p50 ms': '',
      'p99 ms': '',
      'server CPU ms per request': cpuPerRequest,
      'errors + non-2xx': failed,
      met: failed === 0 ? 'met' : 'missed',
    });
    const storedAll = store.credentials.length === REGISTRATIONS && store.users.length === REGISTRATIONS;
    rows.push({
      load: `stored after them: ${store.credentials.length} credentials, ${store.users.length} users (expected ${REGISTRATIONS})`,
      'requests/s': '',
      'p50 ms': '',
      'p99 ms': '',
      'server CPU ms per request': '',
      'errors + non-2xx': '',
      met: storedAll ? 'met' : 'missed',
    });
    return rows;
  } finally {
    mock.server.kill();
  }
}

if (import.meta.main) printTable(LOAD_TITLE, await runLoadBench());
