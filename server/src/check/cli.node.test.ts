// `passkey-check` as a person runs it: a separate process, its lines, its JSON and its exit code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { FLAWS, startFlawedServer } from './fixtures/flawed-server.ts';
import { CHECK_NAMES } from './usage.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const PAGE_ORIGIN = 'http://localhost:5173';
const LINE = /^(PASS|WARN|FAIL) ([a-z-]+): (\S.*?)(?: — (\S.*))?$/;

function passkeyCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function withFlawedServer<T>(flaws: readonly (typeof FLAWS)[number][], run: (apiUrl: string) => Promise<T>): Promise<T> {
  const server = await startFlawedServer({ origin: PAGE_ORIGIN, flaws: new Set(flaws) });
  try {
    return await run(server.apiUrl);
  } finally {
    await server.close();
  }
}

describe('passkey-check', () => {
  test('one line per check, PASS|WARN|FAIL <check>: <seen> — <fix>; exit 1 when anything fails', async () => {
    const { code, stdout } = await withFlawedServer(FLAWS, (apiUrl) => passkeyCheck([apiUrl, '--origin', PAGE_ORIGIN]));
    assert.equal(code, 1);
    const [checks, summary] = stdout.trimEnd().split('\n\n');
    const lines = checks!.split('\n');
    assert.deepEqual(lines.map((line) => LINE.exec(line)?.[2]), [...CHECK_NAMES]);
    for (const line of lines) {
      const [, status, , , fix] = LINE.exec(line)!;
      // A problem always comes with its fix; a pass has none.
      assert.equal(Boolean(fix), status !== 'PASS', line);
    }
    assert.ok(lines.some((line) => line.startsWith('FAIL add-passkey-without-session: ')));
    assert.match(summary!, /^\d+ passed, \d+ warnings, \d+ failed\. Accounts this run signed up: passkey-check-[0-9a-f]{8}-a, /);
  });

  test('exit 0 when nothing fails, warnings or not', async () => {
    const { code, stdout } = await withFlawedServer([], (apiUrl) => passkeyCheck([apiUrl, '--origin', PAGE_ORIGIN]));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^WARN session: /m);
    assert.doesNotMatch(stdout, /^FAIL /m);
  });

  test('--json prints one document with every result and the counts, and keeps the exit code', async () => {
    const { code, stdout } = await withFlawedServer(['json-any-content-type'], (apiUrl) => passkeyCheck([apiUrl, '--origin', PAGE_ORIGIN, '--json']));
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.results.map((result: { check: string }) => result.check), [...CHECK_NAMES]);
    assert.deepEqual(report.results.find((result: { check: string }) => result.check === 'login-csrf').status, 'FAIL');
    assert.equal(report.summary.fail, report.results.filter((result: { status: string }) => result.status === 'FAIL').length);
    assert.equal(report.origin, PAGE_ORIGIN);
    assert.match(report.usernames.main, /^passkey-check-[0-9a-f]{8}-a$/);
  });

  test('an API that does not answer: one FAIL that says so, and no other check', async () => {
    const { code, stdout } = await passkeyCheck(['http://127.0.0.1:9/api/passkey', '--origin', PAGE_ORIGIN]);
    assert.equal(code, 1);
    assert.match(stdout, /^PASS page-origin: /m);
    assert.match(stdout, /^FAIL api-reachable: POST http:\/\/127\.0\.0\.1:9\/api\/passkey\/authenticate\/options got no answer/m);
    assert.equal(stdout.match(/^(PASS|WARN|FAIL) /gm)?.length, 2);
  });

  test('--help prints the usage, the accounts it makes and every check, and exits 0', async () => {
    const { code, stdout } = await passkeyCheck(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^passkey-check <apiUrl> --origin <page origin>/);
    assert.match(stdout, /-a {3}signed up with one passkey/);
    for (const check of CHECK_NAMES) assert.match(stdout, new RegExp(`\\b${check}\\b`));
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no apiUrl', ['--origin', PAGE_ORIGIN], /give exactly one <apiUrl>/],
    ['no --origin', ['http://localhost:3001/api/passkey'], /--origin <page origin> is required/],
    ['an origin with a path', ['http://localhost:3001/api/passkey', '--origin', 'http://localhost:5173/app'], /must be an origin/],
    ['a relative apiUrl', ['/api/passkey', '--origin', PAGE_ORIGIN], /must be an absolute URL/],
    ['a javascript: URL', ['javascript:alert(1)', '--origin', PAGE_ORIGIN], /must be an http or https URL/],
    ['a zero-width space in the prefix', ['http://localhost:3001/api/passkey', '--origin', PAGE_ORIGIN, '--username-prefix', 'qa\u200b'], /which the kit refuses/],
    ['an unknown option', ['http://localhost:3001/api/passkey', '--origin', PAGE_ORIGIN, '--orign', 'x'], /Unknown option/],
    ['a timeout that is not a number', ['http://localhost:3001/api/passkey', '--origin', PAGE_ORIGIN, '--timeout', 'soon'], /--timeout must be/],
  ];
  for (const [name, args, message] of usageErrors) {
    test(`a usage error (${name}) exits 2 with the reason and the usage, and checks nothing`, async () => {
      const { code, stdout, stderr } = await passkeyCheck(args);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.match(stderr, /^passkey-check <apiUrl> --origin/m);
      assert.equal(stdout, '');
    });
  }
});
