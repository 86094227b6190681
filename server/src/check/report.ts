/** How a check came out: `FAIL` breaks the kit or is a security hole; `WARN` is worth fixing, or could not be checked. */
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL';

/** One line of the checker's report. */
export interface CheckResult {
  status: CheckStatus;
  /** The check's stable name, e.g. `register-options` or `counter-rollback`. */
  check: string;
  /** What the checker saw, in a few words. */
  seen: string;
  /** What to change; empty for a pass. */
  fix: string;
}

export const pass = (check: string, seen: string): CheckResult => ({ status: 'PASS', check, seen, fix: '' });
export const warn = (check: string, seen: string, fix: string): CheckResult => ({ status: 'WARN', check, seen, fix });
export const fail = (check: string, seen: string, fix: string): CheckResult => ({ status: 'FAIL', check, seen, fix });

/** `PASS|WARN|FAIL <check>: <what was seen> — <the fix>`, on one line (the fix only when there is one). */
export function formatResult({ status, check, seen, fix }: CheckResult): string {
  return `${status} ${check}: ${oneLine(seen)}${fix ? ` — ${oneLine(fix)}` : ''}`;
}

/** 1 when anything failed, else 0. */
export function exitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === 'FAIL') ? 1 : 0;
}

/** How many checks came out each way. */
export function counts(results: readonly CheckResult[]): { pass: number; warn: number; fail: number } {
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  return { pass: count('PASS'), warn: count('WARN'), fail: count('FAIL') };
}

/** `33 passed, 5 warnings, 1 failed`. */
export function summary(results: readonly CheckResult[]): string {
  const { pass, warn, fail } = counts(results);
  return `${pass} passed, ${warn} warnings, ${fail} failed`;
}

/**
 * Text a backend sent, made safe to print inside a report line: no control characters (a terminal would run escape
 * sequences), no bidi overrides, no line breaks, at most `max` characters, in quotes.
 */
export function quote(text: string, max = 120): string {
  return JSON.stringify(clip(text, max));
}

/** Like `quote`, without the quotes: for JSON, which brings its own. */
export function clip(text: string, max = 120): string {
  const flat = oneLine(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Control, format (bidi overrides, zero-width) and separator characters become one space. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').trim();
}
