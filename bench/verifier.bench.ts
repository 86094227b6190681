/**
 * The mock verifier in Node: verifications per second for registration and authentication, beside
 * @simplewebauthn/server called directly on equivalent responses, in the same run. Prints a table.
 *   npm run bench:verifier
 */
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { createMockBackend, type StoredCredential } from '../mock-server/index.ts';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.ts';
import { median, printTable } from './report.ts';

const ORIGIN = 'http://localhost:3000';
const COUNT = Number(process.env.BENCH_COUNT ?? 300);
const ROUNDS = 5;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** `COUNT` fresh registrations answered by the soft authenticator, ready to verify twice over (kit and direct). */
async function prepareRegistrations(round: number) {
  const backend = createMockBackend({ origins: [ORIGIN] });
  const authenticator = new SoftAuthenticator({ origin: ORIGIN });
  const items: { username: string; options: PublicKeyCredentialCreationOptionsJSON; credential: RegistrationResponseJSON }[] = [];
  for (let i = 0; i < COUNT; i++) {
    const username = `user-${round}-${i}`;
    const options = await backend.verifier.registrationOptions({ username });
    items.push({ username, options, credential: await authenticator.create(options) });
  }
  return { backend, authenticator, items };
}

/** Runs both sides, alternating which goes first so JIT warm-up favours neither. */
async function pair(round: number, direct: () => Promise<number>, kit: () => Promise<number>) {
  if (round % 2) {
    const k = await kit();
    return { kit: k, direct: await direct() };
  }
  const d = await direct();
  return { direct: d, kit: await kit() };
}

async function benchRegistration(round: number) {
  const { backend, items } = await prepareRegistrations(round);
  const direct = () => timed(async () => {
    for (const { options, credential } of items) {
      await verifyRegistrationResponse({ response: credential, expectedChallenge: options.challenge, expectedOrigin: ORIGIN, expectedRPID: 'localhost', requireUserVerification: false });
    }
  });
  const kit = () => timed(async () => {
    for (const { username, credential } of items) await backend.verifier.verifyRegistration({ username, credential: credential as never });
  });
  return pair(round, direct, kit);
}

async function benchAuthentication(round: number) {
  const { backend, authenticator, items } = await prepareRegistrations(round);
  for (const { username, credential } of items) await backend.verifier.verifyRegistration({ username, credential: credential as never });
  const assertions: { username: string; options: PublicKeyCredentialRequestOptionsJSON; stored: StoredCredential; credential: AuthenticationResponseJSON }[] = [];
  for (const { username } of items) {
    const options = await backend.verifier.authenticationOptions({ username });
    const stored = backend.store.credentialsOf(backend.store.findUserByName(username)!.userId)[0]!;
    assertions.push({ username, options, stored: { ...stored }, credential: await authenticator.get(options) });
  }
  const direct = () => timed(async () => {
    for (const { options, stored, credential } of assertions) {
      await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: 'localhost',
        credential: { id: stored.id, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: stored.counter, transports: stored.transports },
        requireUserVerification: false,
      });
    }
  });
  const kit = () => timed(async () => {
    for (const { username, credential } of assertions) await backend.verifier.verifyAuthentication({ username, credential: credential as never });
  });
  return pair(round, direct, kit);
}

export async function runVerifierBench() {
  const rows = [];
  for (const [name, bench] of [['registration', benchRegistration], ['authentication', benchAuthentication]] as const) {
    const kit: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const result = await bench(round);
      kit.push(result.kit);
      direct.push(result.direct);
    }
    const kitRate = COUNT / (median(kit) / 1000);
    const directRate = COUNT / (median(direct) / 1000);
    rows.push({
      'verify (Node)': name,
      'mock verifier /s': kitRate.toFixed(0),
      '@simplewebauthn/server /s': directRate.toFixed(0),
      'ratio kit/direct': (kitRate / directRate).toFixed(2),
      'goal': '≥ 0.90',
    });
  }
  return rows;
}

if (import.meta.main) printTable(`Mock verifier throughput (${COUNT} verifications × median of ${ROUNDS} rounds)`, await runVerifierBench());
