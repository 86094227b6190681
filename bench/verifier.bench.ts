/**
 * The mock verifier in Node: verifications per second for registration and authentication, beside
 * @simplewebauthn/server called directly on the same responses, in the same run. Prints a table.
 *   npm run bench:verifier
 *   BENCH_ROUNDS=61 BENCH_BLOCK=30 BENCH_VERBOSE=1 npm run bench:verifier   (more rounds, per-round ratios)
 *
 * Both sides verify the very same responses (made by the soft authenticator for challenges the mock
 * issued, then sent through JSON as a request body is) with the same expected origins, RP ID and
 * user-verification rule, and every result is checked. "direct" is the least a real server on
 * @simplewebauthn/server does per call: it takes the challenge it issued out of a Map (keyed by the
 * username, as it would be by session; used up, since a challenge is single use) and, to sign in,
 * gets the credential from a Map by id with its public key already as bytes; then the library call.
 * It does not validate the body, check accounts, nor store the new credential or counter. The mock
 * does all that (reads and checks the body, finds and uses up the challenge, looks up the account
 * and credential, records the result): its bookkeeping, counted against it on purpose.
 *
 * Made to survive a shared, loaded 2-core machine: warm-up rounds that are not counted, then rounds
 * in which the two sides alternate call by call (ABBA…, so background load, GC and caches hit both
 * alike). A call that the machine's other work deschedules takes milliseconds instead of a fraction
 * of one, and one such stall would decide a round; so each round compares the two sides' means over
 * their fastest 80 % of calls (the same share dropped from both). Each round gives one ratio; the table
 * shows the median ratio of all rounds, the middle half of them, and the same ratio by CPU time
 * (process.cpuUsage, all threads, blind to time spent descheduled) as a check on the wall clock.
 * BENCH_VERBOSE=1 also prints every round's ratio and the untrimmed ones.
 */
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { createMockBackend, type MockBackend } from 'passkey-elements-mock';
import { endpointUrl, type PasskeyEndpoint } from '../src/client/protocol.ts';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.ts';
import { median, printTable, spread } from './report.ts';

const ORIGIN = 'http://localhost:3000';
/** Verifications per side in one round. */
const BLOCK = Number(process.env.BENCH_BLOCK ?? 25);
/** Counted rounds (odd, so the median is one round's ratio). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 41);
/** Rounds run first and thrown away (JIT, caches, lazy imports). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 6);
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
/** Share of each side's calls in a round that count: the slowest fifth (stalls) is left out of both. */
const KEEP = 0.8;
const GOAL = 0.9;

/**
 * A POST of the protocol to the mock's server (its fetch handler, as the page's request reaches it): the JSON answer.
 * Its rate limits are off: the bench makes thousands of ceremonies a minute from one address.
 */
async function post(backend: MockBackend, endpoint: PasskeyEndpoint, body: unknown): Promise<any> {
  const url = `http://localhost${endpointUrl(endpoint, { apiUrl: '/api/passkey', recoveryUrl: '/api/auth' })}`;
  const response = await backend.server.fetch(
    new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(body) }),
  );
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One side's calls in one round, in ms: wall clock and CPU time, call by call. */
interface Side {
  wall: number[];
  cpu: number[];
}

interface Round {
  direct: Side;
  kit: Side;
}

/** One call, timed by the wall clock and by this process's CPU time (all threads, so also WebCrypto's thread pool). */
async function timed(side: Side, call: () => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await call();
  side.wall.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  side.cpu.push((used.user + used.system) / 1000);
}

/**
 * Runs `WARMUP + ROUNDS` rounds of `BLOCK` items; item `i` is verified by both sides back to back,
 * the order flipping from one item to the next and from one round to the next.
 */
async function interleaved<T>(items: T[], direct: (item: T) => Promise<void>, kit: (item: T) => Promise<void>): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const result: Round = { direct: { wall: [], cpu: [] }, kit: { wall: [], cpu: [] } };
    for (let i = 0; i < BLOCK; i++) {
      const item = items[round * BLOCK + i]!;
      if ((round + i) % 2) {
        await timed(result.kit, () => kit(item));
        await timed(result.direct, () => direct(item));
      } else {
        await timed(result.direct, () => direct(item));
        await timed(result.kit, () => kit(item));
      }
    }
    if (round >= WARMUP) rounds.push(result);
  }
  return rounds;
}

/** Registration responses for challenges the mock issued, one fresh user each. */
async function registrations(backend: MockBackend, authenticator: SoftAuthenticator, prefix: string) {
  const items: { username: string; challenge: string; credential: RegistrationResponseJSON }[] = [];
  for (let i = 0; i < (WARMUP + ROUNDS) * BLOCK; i++) {
    const username = `${prefix}-${i}@example.com`;
    const options = await post(backend, 'register/options', { username });
    items.push({ username, challenge: options.challenge, credential: asReceived(await authenticator.create(options)) });
  }
  return items;
}

async function benchRegistration(): Promise<Round[]> {
  const backend = createMockBackend({ origins: [ORIGIN], rateLimits: false });
  const { origins, rpID } = backend.server.options;
  const items = await registrations(backend, new SoftAuthenticator({ origin: ORIGIN }), 'register');
  // The direct side's own record of the challenges it issued (the same ones the mock issued).
  const issued = new Map(items.map(({ username, challenge }) => [username, challenge]));
  return interleaved(
    items,
    async ({ username, credential }) => {
      const challenge = issued.get(username);
      if (challenge === undefined) throw new Error('direct: no challenge issued');
      issued.delete(username);
      const result = await verifyRegistrationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: [...origins],
        expectedRPID: rpID,
        requireUserVerification: false,
      });
      if (!result.verified) throw new Error('direct registration not verified');
    },
    async ({ username, credential }) => {
      const result = await post(backend, 'register/verify', { username, credential });
      if (!result.verified) throw new Error('mock registration not verified');
    },
  );
}

async function benchAuthentication(): Promise<Round[]> {
  const backend = createMockBackend({ origins: [ORIGIN], rateLimits: false });
  const { origins, rpID } = backend.server.options;
  const authenticator = new SoftAuthenticator({ origin: ORIGIN });
  // Accounts made through the mock; then one sign-in per account, with a username, as <passkey-login> does.
  const accounts = await registrations(backend, authenticator, 'sign-in');
  for (const { username, credential } of accounts) await post(backend, 'register/verify', { username, credential });
  const items: { username: string; credential: AuthenticationResponseJSON }[] = [];
  // The direct side's own records: the challenges it issued, and its credentials as the library takes them.
  const issued = new Map<string, string>();
  const credentials = new Map<string, WebAuthnCredential>();
  for (const { username, credential: registered } of accounts) {
    const options = await post(backend, 'authenticate/options', { username });
    const stored = backend.store.credentials.get(registered.id)!;
    items.push({ username, credential: asReceived(await authenticator.get(options)) });
    issued.set(username, options.challenge);
    // As an app would hold it: the public key as bytes, the counter the mock has when it verifies.
    credentials.set(stored.id, { id: stored.id, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: stored.counter, transports: stored.transports });
  }
  return interleaved(
    items,
    async ({ username, credential }) => {
      const challenge = issued.get(username);
      const stored = credentials.get(credential.id);
      if (challenge === undefined || stored === undefined) throw new Error('direct: no challenge issued or no such credential');
      issued.delete(username);
      const result = await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: [...origins],
        expectedRPID: rpID,
        credential: stored,
        requireUserVerification: false,
      });
      if (!result.verified) throw new Error('direct authentication not verified');
    },
    async ({ username, credential }) => {
      const result = await post(backend, 'authenticate/verify', { username, credential });
      if (!result.verified) throw new Error('mock authentication not verified');
    },
  );
}

/** The response as a server gets it: parsed from JSON (flat strings, not the soft authenticator's concatenations). */
function asReceived<T>(response: T): T {
  return JSON.parse(JSON.stringify(response)) as T;
}

/** Mean ms per call over the fastest `share` of the calls. */
function fastMean(ms: number[], share = KEEP): number {
  const kept = [...ms].sort((a, b) => a - b).slice(0, Math.max(1, Math.round(ms.length * share)));
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

function summarize(name: string, rounds: Round[]) {
  // ratio kit/direct of verifications per second = direct time per call / kit time per call, round by round.
  const ratios = rounds.map((r) => fastMean(r.direct.wall) / fastMean(r.kit.wall));
  const cpuRatios = rounds.map((r) => fastMean(r.direct.cpu) / fastMean(r.kit.cpu));
  if (VERBOSE) {
    const untrimmed = rounds.map((r) => fastMean(r.direct.wall, 1) / fastMean(r.kit.wall, 1));
    const list = (values: number[]) => values.map((r) => r.toFixed(2)).join(' ');
    console.log(`${name}, per round: ${list(ratios)}`);
    console.log(`${name}, per round, all calls: ${list(untrimmed)} (median ${median(untrimmed).toFixed(2)})`);
  }
  const perSecond = (side: 'kit' | 'direct') => (1000 / median(rounds.map((r) => fastMean(r[side].wall)))).toFixed(0);
  return {
    'verify (Node)': name,
    'mock verifier /s': perSecond('kit'),
    '@simplewebauthn/server /s': perSecond('direct'),
    'ratio kit/direct (median of rounds)': median(ratios).toFixed(2),
    'middle half of rounds': spread(ratios, 2),
    'rounds ≥ goal': `${ratios.filter((r) => r >= GOAL).length}/${ratios.length}`,
    'ratio by CPU time': median(cpuRatios).toFixed(2),
    goal: `≥ ${GOAL.toFixed(2)} (median of rounds)`,
    met: median(ratios) >= GOAL ? 'met' : 'missed',
  };
}

export async function runVerifierBench() {
  return [summarize('registration', await benchRegistration()), summarize('authentication', await benchAuthentication())];
}

export const VERIFIER_TITLE = `Mock verifier throughput in Node (${ROUNDS} rounds of ${BLOCK} verifications per side after ${WARMUP} warm-up rounds, the sides alternating call by call; fastest ${KEEP * 100} % of each side's calls per round)`;
export const VERIFIER_GOAL = `the mock verifier at least ${GOAL.toFixed(2)}× the verifications per second of @simplewebauthn/server called directly`;

if (import.meta.main) printTable(VERIFIER_TITLE, await runVerifierBench());
