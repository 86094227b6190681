/**
 * The standalone mock server under load from a second process on localhost:
 * - options requests per second and latency at 50 connections, with autocannon, for a fixed time;
 * - 200 concurrent full registrations for distinct users, which must end with exactly 200 stored credentials.
 *   npm run bench:load
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.ts';
import { printTable } from './report.ts';

const PORT = Number(process.env.BENCH_PORT ?? 8791);
const BASE = `http://127.0.0.1:${PORT}`;
const ORIGIN = 'http://localhost:5173';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REGISTRATIONS = 200;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/** The mock with its admin endpoints (reset, store) and without rate limits (one address floods it on purpose). */
async function startServer(): Promise<{ server: ChildProcess; admin: Record<string, string> }> {
  const server = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'mock-server/serve.ts', '--port', String(PORT), '--origin', ORIGIN, '--admin', '--no-rate-limits'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  for await (const chunk of server.stdout!) {
    printed += chunk; // the server prints its address once it listens, then the admin token
    const token = /admin token.*: (\S+)\n/.exec(printed)?.[1];
    if (token) return { server, admin: { authorization: `Bearer ${token}` } };
  }
  throw new Error(`the mock server stopped: ${printed}`);
}

/** autocannon runs in its own process, as a load tool should, and reports JSON. */
async function autocannon(path: string, body: unknown): Promise<AutocannonResult> {
  const bin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const child = spawn(process.execPath, [bin, '--json', '-c', '50', '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body), `${BASE}${path}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await once(child, 'exit');
  return JSON.parse(output) as AutocannonResult;
}

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function register(index: number): Promise<void> {
  const username = `load-user-${index}`;
  const options = await post('/api/passkey/register/options', { username, displayName: username });
  const credential = await new SoftAuthenticator({ origin: ORIGIN }).create(options as never);
  await post('/api/passkey/register/verify', { username, credential });
}

export async function runLoadBench() {
  const { server, admin } = await startServer();
  try {
    const rows: Record<string, string | number>[] = [];
    for (const [label, body] of [['authenticate/options, unknown user', { username: 'nobody' }], ['authenticate/options, username-less', {}]] as const) {
      const result = await autocannon('/api/passkey/authenticate/options', body);
      rows.push({
        'load (autocannon, 50 connections)': `${label}, ${SECONDS} s`,
        'requests/s': result.requests.average.toFixed(0),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'errors + non-2xx': result.errors + result.non2xx,
      });
    }
    await fetch(`${BASE}/__mock/reset`, { method: 'POST', headers: admin });
    const start = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: REGISTRATIONS }, (_, i) => register(i)));
    const seconds = (performance.now() - start) / 1000;
    const store = (await (await fetch(`${BASE}/__mock/store`, { headers: admin })).json()) as { users: unknown[]; credentials: unknown[] };
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    rows.push({
      'load (autocannon, 50 connections)': `${REGISTRATIONS} concurrent full registrations`,
      'requests/s': ((REGISTRATIONS * 2) / seconds).toFixed(0),
      'p50 ms': '',
      'p99 ms': '',
      'errors + non-2xx': failed,
    });
    rows.push({
      'load (autocannon, 50 connections)': `stored after them: ${store.credentials.length} credentials, ${store.users.length} users (expected ${REGISTRATIONS})`,
      'requests/s': '',
      'p50 ms': '',
      'p99 ms': '',
      'errors + non-2xx': store.credentials.length === REGISTRATIONS ? 0 : Math.abs(store.credentials.length - REGISTRATIONS),
    });
    return rows;
  } finally {
    server.kill();
  }
}

if (import.meta.main) printTable('Standalone mock server under load (a second process on 127.0.0.1)', await runLoadBench());
