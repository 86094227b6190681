// The checker against the kit's own mock backend, over real HTTP: every check passes, apart from the gaps the
// current mock is known to have (listed below, each an item of issue 11 that the mock's rebuild closes).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMockHttpServer } from '../../../mock-server/serve.ts';
import { formatResult, type CheckStatus } from './report.ts';
import { checkBackend, type CheckRun } from './run.ts';
import { CHECK_NAMES } from './usage.ts';

const PAGE_ORIGIN = 'http://localhost:5173';

/** The mock as a localhost HTTP server: the one place this test starts it. */
async function startMock() {
  const server = await startMockHttpServer({ port: 0, origins: [PAGE_ORIGIN] });
  return { apiUrl: `${server.url}/api/passkey`, outboxUrl: `${server.url}/__mock/outbox`, close: () => server.close() };
}

/**
 * What the current mock lacks, by check: strict, so when the mock closes a gap this test fails until the gap leaves
 * the list. Each is an item of issue 11 ("It is not safe to run exposed").
 */
const CURRENT_MOCK_GAPS: Record<string, CheckStatus> = {
  // "JSON endpoints accept text/plain bodies, so a form on another site signed the victim's browser into the attacker's account"
  'login-csrf': 'FAIL',
  // "Add-passkey verify completed without a session after the options were taken with one"
  'add-passkey-session-bound': 'WARN',
  // "Look-alike usernames register as separate accounts: Alice/alice…"
  'username-lookalike': 'WARN',
  // "Decoy allowCredentials differ from real ones: … transports [internal, hybrid] where browsers send sorted lists"
  'username-enumeration-options': 'WARN',
  // "An older recovery link still works after a newer one was used"
  'recovery-older-token': 'WARN',
  // "Error bodies quote library internals ("expected one of: http://localhost:5173", counter values)"
  'error-responses': 'WARN',
};

let mock: Awaited<ReturnType<typeof startMock>>;
let run: CheckRun;

before(async () => {
  mock = await startMock();
  run = await checkBackend({ apiUrl: mock.apiUrl, origin: PAGE_ORIGIN, outboxUrl: mock.outboxUrl });
});
after(() => mock.close());

test('against the mock over HTTP, every check passes (the known gaps of the current mock aside)', () => {
  for (const result of run.results) {
    const expected = CURRENT_MOCK_GAPS[result.check] ?? 'PASS';
    const hint = CURRENT_MOCK_GAPS[result.check] && result.status === 'PASS' ? ' — the mock closed this gap: remove it from CURRENT_MOCK_GAPS' : '';
    assert.equal(result.status, expected, `${formatResult(result)}${hint}`);
  }
});

test('every check reports exactly once, in the documented order', () => {
  assert.deepEqual(
    run.results.map((result) => result.check),
    [...CHECK_NAMES],
  );
});

test('the run signed up its two random accounts, and the look-alike only where the mock let it through', () => {
  const lookalikeLetThrough = run.results.find((result) => result.check === 'username-lookalike')?.status === 'WARN';
  assert.deepEqual(run.accounts, [run.usernames.main, run.usernames.second, ...(lookalikeLetThrough ? [run.usernames.lookalike] : [])]);
  assert.match(run.usernames.main, /^passkey-check-[0-9a-f]{8}-a$/);
});

test('a second run against the same backend uses new names and passes the same way', async () => {
  const again = await checkBackend({ apiUrl: mock.apiUrl, origin: PAGE_ORIGIN, outboxUrl: mock.outboxUrl, usernamePrefix: 'qa-', usernameSuffix: '@example.com' });
  assert.notEqual(again.usernames.main, run.usernames.main);
  assert.match(again.usernames.main, /^qa-[0-9a-f]{8}-a@example\.com$/);
  assert.deepEqual(
    again.results.map((result) => `${result.check} ${result.status}`),
    run.results.map((result) => `${result.check} ${result.status}`),
  );
});

test('without --outbox-url the recovery-token checks say they were not run', async () => {
  const { results } = await checkBackend({ apiUrl: mock.apiUrl, origin: PAGE_ORIGIN });
  for (const check of ['recovery-link', 'recovery-token-single-use', 'recovery-older-token']) {
    const result = results.find((candidate) => candidate.check === check)!;
    assert.equal(result.status, 'WARN');
    assert.match(result.seen, /not checked: pass --outbox-url/);
  }
});
