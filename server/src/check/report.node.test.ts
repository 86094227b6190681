import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitCode, fail, formatResult, pass, quote, summary, warn } from './report.ts';

test('a line is PASS|WARN|FAIL <check>: <seen> — <fix>, the fix only when there is one', () => {
  assert.equal(formatResult(pass('register-options', '200 with a challenge')), 'PASS register-options: 200 with a challenge');
  assert.equal(formatResult(fail('login-csrf', 'accepted', 'refuse text/plain')), 'FAIL login-csrf: accepted — refuse text/plain');
  assert.equal(formatResult(warn('session', 'absent', 'optional')), 'WARN session: absent — optional');
});

test('exit code 1 only when something failed', () => {
  assert.equal(exitCode([pass('a', 'x'), warn('b', 'y', 'z')]), 0);
  assert.equal(exitCode([pass('a', 'x'), fail('b', 'y', 'z')]), 1);
  assert.equal(exitCode([]), 0);
  assert.equal(summary([pass('a', 'x'), warn('b', 'y', 'z'), fail('c', 'y', 'z')]), '1 passed, 1 warnings, 1 failed');
});

test("a backend's words cannot break the line or drive the terminal", () => {
  const hostile = 'ok\u001b[2J\u001b]0;pwned\u0007\r\nFAIL fake: line\u202egnp.exe\u200b';
  const quoted = quote(hostile);
  assert.doesNotMatch(quoted, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f]/);
  assert.equal(formatResult(warn('x', `seen ${hostile}`, `fix\n${hostile}`)).split('\n').length, 1);
  assert.equal(quote('a'.repeat(500)).length, 122);
});
