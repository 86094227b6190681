import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { createPasskeyServer, type PasskeyServer } from '../server.ts';
import type { PasskeyServerOptions, RecoveryMessage } from '../options.ts';
import type { PasskeyServerEvent } from '../events.ts';
import type { PasskeyStore } from '../store.ts';
import { recordingStore, type Write } from './recording-store.ts';
import { PAGE_ORIGIN, TestClient, ok, type Answer, type TestClientOptions, type Transport } from './test-client.ts';

export type StoreFactory = () => Promise<PasskeyStore> | PasskeyStore;

/**
 * How the suite reaches the server it tests: makes it from the harness's options and says how requests get to it.
 * By default `createPasskeyServer` called through its own fetch handler; the mock backend runs the suite through its
 * MSW handlers and its HTTP server instead.
 */
export type ServerHost = (options: PasskeyServerOptions) => Promise<HostedServer> | HostedServer;
export interface HostedServer {
  server: PasskeyServer;
  transport: Transport;
  /** Stops what the host started (the server itself is closed by the harness). */
  close?: () => Promise<void>;
}

const directly: ServerHost = (options) => {
  const server = createPasskeyServer(options);
  return { server, transport: (request, clientIp) => server.fetch(request, { clientIp }) };
};

export interface Harness {
  server: PasskeyServer;
  /** The store as the test made it (the server gets it wrapped, to record writes). */
  store: PasskeyStore;
  /** Every write that took effect, in order. */
  writes: Write[];
  /** The name of every store method the server called, in order. */
  calls: string[];
  /** The recovery mails the server sent. */
  outbox: RecoveryMessage[];
  events: PasskeyServerEvent[];
  /** Moves the server's clock forward (it stands still otherwise). */
  advance(ms: number): void;
  now(): number;
  client(options?: Partial<TestClientOptions>): TestClient;
  /** A new account with one passkey, signed in. */
  registered(username: string, client?: TestClient): Promise<{ client: TestClient; userId: string; credentialId: string }>;
  /**
   * Runs `request` and asserts the refusal: this status, a body of exactly `{ error, code }` (this code) with no
   * library internals, and no write to the store.
   */
  assertRefused(request: () => Promise<Answer>, status: number, code?: string): Promise<Answer>;
}

/** Words of @simplewebauthn/server's errors, or data, that must never reach a client. */
const INTERNALS = /expected|unexpected|counter|challenge "|origin "|https?:\/\/|stack|at \w+ \(/i;

/** A server on a fresh store from `makeStore`, with a clock the test moves, an outbox and an event log. */
export async function startHarness(
  t: TestContext,
  makeStore: StoreFactory,
  overrides: Partial<PasskeyServerOptions> = {},
  /** Wraps the store the server gets (after the recording), e.g. to hold calls back. */
  wrap: (store: PasskeyStore) => PasskeyStore = (store) => store,
  host: ServerHost = directly,
): Promise<Harness> {
  const store = await makeStore();
  await store.migrate();
  const recorded = recordingStore(store);
  const outbox: RecoveryMessage[] = [];
  const events: PasskeyServerEvent[] = [];
  // A clock that moves only when the test moves it, so times compare exactly.
  let time = Date.now();
  const now = () => time;
  const { server, transport, close } = await host({
    rpID: 'localhost',
    rpName: 'Protocol suite',
    origins: [PAGE_ORIGIN],
    store: wrap(recorded.store),
    recoveryPageUrl: `${PAGE_ORIGIN}/recovery`,
    sendRecoveryEmail: (message) => void outbox.push(message),
    onEvent: (event) => events.push(event),
    now,
    sweepIntervalMs: false,
    ...overrides,
  });
  t.after(async () => {
    await close?.();
    await server.close();
    await store.close();
  });

  const client = (options: Partial<TestClientOptions> = {}) => new TestClient({ transport, ...options });
  const snapshotOf = () => {
    const snapshot = (store as { snapshot?: () => Record<string, unknown> }).snapshot?.();
    return snapshot && { users: snapshot.users, credentials: snapshot.credentials, sessions: snapshot.sessions, recoveryTokens: snapshot.recoveryTokens };
  };

  return {
    server,
    store,
    writes: recorded.writes,
    calls: recorded.calls,
    outbox,
    events,
    advance: (ms) => void (time += ms),
    now,
    client,
    async registered(username, someone = client()) {
      const { userId, credentialId } = ok(await someone.register(username));
      return { client: someone, userId, credentialId };
    },
    async assertRefused(request, status, code) {
      const writesBefore = recorded.writes.length;
      const before = snapshotOf();
      const answer = await request();
      assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual(Object.keys(answer.body ?? {}).sort(), ['code', 'error'], `not a { error, code } body: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.error, 'string');
      if (code !== undefined) assert.equal(answer.body.code, code);
      assert.doesNotMatch(answer.body.error, INTERNALS, 'the error body quotes internals');
      assert.deepEqual(recorded.writes.slice(writesBefore), [], 'a refused request wrote to the store');
      assert.deepEqual(snapshotOf(), before, 'a refused request changed the store');
      return answer;
    },
  };
}
