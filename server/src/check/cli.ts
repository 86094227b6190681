#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkUsername } from '../kit.ts';
import { counts, exitCode, formatResult, summary, type CheckResult } from './report.ts';
import { checkBackend, type CheckOptions } from './run.ts';
import { USAGE } from './usage.ts';

/** Thrown for arguments the checker cannot run with; the CLI prints it with the usage and exits 2. */
class UsageError extends Error {}

/** Reads the command line into the checker's options (undefined for `--help`). */
export function parseCommandLine(argv: string[]): (CheckOptions & { json: boolean }) | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        origin: { type: 'string' },
        'recovery-url': { type: 'string' },
        'outbox-url': { type: 'string' },
        'outbox-token': { type: 'string' },
        'username-prefix': { type: 'string' },
        'username-suffix': { type: 'string' },
        timeout: { type: 'string' },
        'max-wait': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1) throw new UsageError('give exactly one <apiUrl>');
  const apiUrl = httpUrl(positionals[0]!, '<apiUrl>');
  if (!values.origin) throw new UsageError('--origin <page origin> is required');
  const origin = httpUrl(values.origin, '--origin');
  const { pathname, search, hash } = new URL(origin);
  if (pathname !== '/' || search || hash) throw new UsageError(`--origin must be an origin (scheme://host[:port]), not ${origin}`);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError('--timeout must be a positive number of milliseconds');
  const maxWaitS = values['max-wait'] === undefined ? undefined : Number(values['max-wait']);
  if (maxWaitS !== undefined && !(Number.isFinite(maxWaitS) && maxWaitS >= 0)) throw new UsageError('--max-wait must be a number of seconds');
  const sample = `${values['username-prefix'] ?? 'passkey-check-'}00000000-a${values['username-suffix'] ?? ''}`;
  const check = checkUsername(sample);
  if (!check.ok || check.username !== sample) throw new UsageError(`--username-prefix/--username-suffix make usernames such as ${JSON.stringify(sample)}, which the kit refuses`);
  return {
    apiUrl,
    origin: new URL(origin).origin,
    recoveryUrl: values['recovery-url'] === undefined ? undefined : httpUrl(values['recovery-url'], '--recovery-url'),
    outboxUrl: values['outbox-url'] === undefined ? undefined : httpUrl(values['outbox-url'], '--outbox-url'),
    outboxToken: values['outbox-token'],
    usernamePrefix: values['username-prefix'],
    usernameSuffix: values['username-suffix'],
    timeoutMs,
    maxWaitMs: maxWaitS === undefined ? undefined : maxWaitS * 1000,
    json: values.json,
  };
}

function httpUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} must be an absolute URL, not ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${what} must be an http or https URL`);
  return text;
}

/** The whole command: parse, run, print; resolves to the exit code. */
export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`passkey-check: ${error.message}\n`);
    err(USAGE);
    return 2;
  }
  if (!options) {
    out(USAGE);
    return 0;
  }
  const { json, ...checkOptions } = options;
  const run = await checkBackend({
    ...checkOptions,
    onResult: json ? undefined : (result: CheckResult) => out(formatResult(result)),
    onWait: (label, waitMs) => err(`(rate-limited on ${label}: waiting ${Math.ceil(waitMs / 1000)} s, as Retry-After asks)`),
  });
  if (json) {
    const { apiUrl, origin } = checkOptions;
    out(JSON.stringify({ apiUrl, origin, usernames: run.usernames, accounts: run.accounts, results: run.results, summary: counts(run.results) }, null, 2));
  } else {
    out(`\n${summary(run.results)}. Accounts this run signed up: ${run.accounts.join(', ') || 'none'}.`);
  }
  return exitCode(run.results);
}

/** Run as a program (`node cli.ts`, or the bin through its symlink), not imported. `import.meta.main` is Node 24's. */
const isMain = import.meta.main ?? (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url));

if (isMain) {
  process.exitCode = await main(process.argv.slice(2));
}
