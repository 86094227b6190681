// The checker against a server that copies the implementation guide's Express sample and its flaws: each flaw is
// reported, by check name, and turning the flaw off alone makes its checks pass.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FLAWS, startFlawedServer, type Flaw } from './fixtures/flawed-server.ts';
import { formatResult, type CheckResult, type CheckStatus } from './report.ts';
import { checkBackend, type CheckRun } from './run.ts';
import { CHECK_NAMES } from './usage.ts';

const PAGE_ORIGIN = 'http://localhost:5173';

async function runAgainstFlawed(flaws: ReadonlySet<Flaw>, host?: string): Promise<CheckRun> {
  const server = await startFlawedServer({ origin: PAGE_ORIGIN, flaws });
  try {
    const at = (url: string) => (host ? url.replace('localhost', host) : url);
    return await checkBackend({ apiUrl: at(server.apiUrl), recoveryUrl: at(server.recoveryUrl), origin: PAGE_ORIGIN, outboxUrl: server.outboxUrl });
  } finally {
    await server.close();
  }
}

async function checkFlawed(flaws: ReadonlySet<Flaw>, host?: string): Promise<Map<string, CheckResult>> {
  const { results } = await runAgainstFlawed(flaws, host);
  return new Map(results.map((result) => [result.check, result]));
}

/** Every check against the server with every flaw: what each must report. */
const WITH_EVERY_FLAW: Record<(typeof CHECK_NAMES)[number], CheckStatus> = {
  'page-origin': 'PASS',
  'api-reachable': 'PASS',
  'cors-preflight': 'FAIL',
  'cors-preflight-delete': 'FAIL',
  'cors-preflight-patch': 'WARN',
  'cors-other-origin': 'WARN',
  'register-options': 'PASS',
  'register-verify': 'PASS',
  'session-cookie': 'FAIL',
  'authenticate-options': 'PASS',
  'authenticate-verify': 'PASS',
  'assertion-replay': 'FAIL',
  'challenge-single-use': 'FAIL',
  'session-rotation': 'PASS',
  'username-less-sign-in': 'PASS',
  'two-tabs-sign-in': 'FAIL',
  'credentials-list': 'PASS',
  'credentials-need-session': 'PASS',
  session: 'WARN',
  'add-passkey': 'PASS',
  'credentials-rename': 'WARN',
  'two-tabs-register': 'FAIL',
  'cross-account-delete': 'FAIL',
  'credentials-delete': 'WARN',
  'wrong-origin': 'FAIL',
  'counter-rollback': 'FAIL',
  'add-passkey-without-session': 'FAIL',
  'add-passkey-session-bound': 'WARN',
  'username-lookalike': 'WARN',
  'login-csrf': 'FAIL',
  'username-enumeration-options': 'FAIL',
  'recovery-send': 'PASS',
  'username-enumeration-recovery': 'FAIL',
  'recovery-link': 'PASS',
  'recovery-token-single-use': 'FAIL',
  'recovery-older-token': 'WARN',
  'malformed-bodies': 'FAIL',
  'session-end': 'WARN',
  'error-responses': 'FAIL',
  'cors-responses': 'FAIL',
};

/** The checks each flaw makes FAIL or WARN, and what they report once that flaw alone is gone. */
const CHECKS_OF_FLAW: Record<(typeof FLAWS)[number], Record<string, CheckStatus>> = {
  'cors-wildcard': { 'cors-preflight': 'PASS', 'cors-preflight-delete': 'PASS', 'cors-other-origin': 'PASS', 'cors-responses': 'PASS' },
  'challenges-by-username': { 'two-tabs-sign-in': 'PASS', 'two-tabs-register': 'PASS' },
  // A replayed assertion also needs the counter to go unchecked.
  'replayable-challenges': { 'challenge-single-use': 'PASS', 'assertion-replay': 'PASS' },
  'no-counter-check': { 'counter-rollback': 'PASS', 'assertion-replay': 'PASS' },
  'anyone-adds-passkey': { 'add-passkey-without-session': 'PASS' },
  'any-origin': { 'wrong-origin': 'PASS' },
  // Without 500s, the library's refusals still quote what it expected: a warning.
  'errors-are-500': { 'malformed-bodies': 'PASS', 'error-responses': 'WARN' },
  'unknown-names-revealed': { 'username-enumeration-options': 'PASS' },
  'recovery-reveals-names': { 'username-enumeration-recovery': 'PASS' },
  'reusable-recovery-tokens': { 'recovery-token-single-use': 'PASS' },
  'json-any-content-type': { 'login-csrf': 'PASS' },
  'readable-session-cookie': { 'session-cookie': 'PASS' },
  'delete-any-credential': { 'cross-account-delete': 'PASS', 'credentials-delete': 'PASS' },
};

describe('a server with the guide sample’s flaws', () => {
  test('each flaw is reported as FAIL or WARN, by check name, and the rest passes', async () => {
    const results = await checkFlawed(new Set(FLAWS));
    assert.deepEqual([...results.keys()], [...CHECK_NAMES]);
    for (const [check, status] of Object.entries(WITH_EVERY_FLAW)) {
      assert.equal(results.get(check)?.status, status, formatResult(results.get(check)!));
    }
    // What a reader of the report learns, for the guide's worst flaws.
    assert.match(results.get('add-passkey-without-session')!.seen, /takeover/);
    assert.match(results.get('two-tabs-sign-in')!.seen, /kept per username, so anyone can cancel anyone's sign-in/);
    assert.match(results.get('counter-rollback')!.seen, /signCount 1, after \d+, was accepted/);
    assert.match(results.get('cors-preflight')!.seen, /Access-Control-Allow-Origin is \*/);
    assert.match(results.get('username-enumeration-options')!.seen, /an unknown one none/);
    assert.match(results.get('recovery-token-single-use')!.seen, /worked twice/);
    assert.match(results.get('malformed-bodies')!.seen, /register\/options with not JSON: 500/);
  });

  for (const flaw of FLAWS) {
    test(`without ${flaw} alone, its checks come out ${JSON.stringify(CHECKS_OF_FLAW[flaw])}`, async () => {
      for (const [check] of Object.entries(CHECKS_OF_FLAW[flaw])) assert.notEqual(WITH_EVERY_FLAW[check as keyof typeof WITH_EVERY_FLAW], 'PASS', `${check} is not flagged with every flaw`);
      const results = await checkFlawed(new Set(FLAWS.filter((other) => other !== flaw)));
      for (const [check, status] of Object.entries(CHECKS_OF_FLAW[flaw])) {
        assert.equal(results.get(check)?.status, status, formatResult(results.get(check)!));
      }
    });
  }

  test('with no flaw left, nothing fails (the optional endpoints it lacks are warnings)', async () => {
    const results = await checkFlawed(new Set());
    const failed = [...results.values()].filter((result) => result.status === 'FAIL');
    assert.deepEqual(failed.map(formatResult), []);
    for (const check of ['session', 'credentials-rename', 'session-end', 'cors-preflight-patch']) assert.equal(results.get(check)?.status, 'WARN');
  });
});

describe('challenges kept in the session (Rails, Django, express-session)', () => {
  test('two tabs of one browser clash: a warning, not the failure of challenges kept per username', async () => {
    const { results, accounts, usernames } = await runAgainstFlawed(new Set(['challenges-in-session']));
    const byCheck = new Map(results.map((result) => [result.check, result]));
    for (const check of ['two-tabs-sign-in', 'two-tabs-register']) {
      assert.equal(byCheck.get(check)?.status, 'WARN', formatResult(byCheck.get(check)!));
      assert.match(byCheck.get(check)!.seen, /kept in the session, so two tabs clash/);
    }
    // The second account came from the second tab; two separate browsers then signed up a name of their own.
    assert.deepEqual(accounts.slice(1, 3), [usernames.second, usernames.sessionProbe]);
    assert.equal(byCheck.get('recovery-link')?.status, 'PASS');
    assert.deepEqual(results.filter((result) => result.status === 'FAIL').map(formatResult), []);
  });
});

describe('a page on another site than the API', () => {
  test('a SameSite=Lax session cookie is reported, as a browser would never send it', async () => {
    // localhost and 127.0.0.1 are different sites: the API at 127.0.0.1 is third-party to a page on localhost.
    const results = await checkFlawed(new Set(), '127.0.0.1');
    assert.equal(results.get('session-cookie')?.status, 'FAIL');
    assert.match(results.get('session-cookie')!.seen, /SameSite=Lax but the page is on another site/);
    // …and indeed the sign-in's session never reaches the API.
    assert.equal(results.get('authenticate-verify')?.status, 'FAIL');
    assert.match(results.get('authenticate-verify')!.seen, /session it set is not accepted: GET credentials answered 401/);
  });
});
