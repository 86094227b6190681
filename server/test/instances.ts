/** Starts server/test/instance.ts processes for tests, and talks to them as browsers do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { TestContext } from 'node:test';
import { PAGE_ORIGIN, TestClient, type Transport } from '../src/testing/test-client.ts';

export interface Instance {
  /** `http://127.0.0.1:<port>` */
  url: string;
  process: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** SIGKILL: the process dies mid-request, as in a crash. */
  crash(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts an instance on `DATABASE_URL` (PostgreSQL) or `--db <file>` (SQLite); the test stops it at its end. */
export async function startInstance(t: TestContext, store: { databaseUrl: string } | { sqliteFile: string }): Promise<Instance> {
  const args = [new URL('./instance.ts', import.meta.url).pathname];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if ('databaseUrl' in store) env['DATABASE_URL'] = store.databaseUrl;
  else args.push('--db', store.sqliteFile);
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`The instance exited before it listened:\n${output}`)));
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const instance: Instance = { url, process: child, output: () => output, crash: () => stopWith('SIGKILL'), stop: () => stopWith('SIGTERM') };
  t.after(() => instance.stop());
  return instance;
}

/**
 * A transport over real HTTP that sends each request to the instance `choose` names (by the request's number, from
 * 0), with the simulated browser's address as X-Forwarded-For for the instance's one trusted proxy.
 */
export function across(instances: Instance[], choose: (requestNumber: number) => number): Transport {
  let sent = 0;
  return async (request, clientIp) => {
    const target = instances[choose(sent++) % instances.length]!;
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set('x-forwarded-for', clientIp);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    return fetch(`${target.url}${url.pathname}${url.search}`, { method: request.method, headers, body });
  };
}

/** A browser whose requests go to the instances in turn (options on one, verify on the next), from address `ip`. */
export function browserAcross(instances: Instance[], { ip = '203.0.113.7', first = 0 } = {}): TestClient {
  return new TestClient({ transport: across(instances, (n) => first + n), origin: PAGE_ORIGIN, ip });
}

/** A browser that talks to one instance only. */
export function browserOn(instance: Instance, ip = '203.0.113.7'): TestClient {
  return new TestClient({ transport: across([instance], () => 0), origin: PAGE_ORIGIN, ip });
}
