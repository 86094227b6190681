/** Every check of a run, in the order they report. */
export const CHECK_NAMES = [
  'page-origin', 'api-reachable', 'cors-preflight', 'cors-preflight-delete', 'cors-preflight-patch', 'cors-other-origin',
  'register-options', 'register-verify', 'session-cookie', 'authenticate-options', 'authenticate-verify',
  'assertion-replay', 'challenge-single-use', 'session-rotation', 'username-less-sign-in', 'two-tabs-sign-in',
  'credentials-list', 'credentials-need-session', 'session', 'add-passkey', 'credentials-rename', 'two-tabs-register',
  'cross-account-delete', 'credentials-delete', 'wrong-origin', 'counter-rollback', 'add-passkey-without-session',
  'add-passkey-session-bound', 'username-lookalike', 'login-csrf', 'username-enumeration-options', 'recovery-send',
  'username-enumeration-recovery', 'recovery-link', 'recovery-token-single-use', 'recovery-older-token',
  'malformed-bodies', 'session-end', 'error-responses', 'cors-responses',
] as const;

/** Names joined into indented lines of at most about 110 characters. */
function wrap(names: readonly string[]): string {
  const lines: string[] = [];
  for (const name of names) {
    if (lines.length > 0 && `${lines.at(-1)} ${name}`.length <= 110) lines[lines.length - 1] += ` ${name}`;
    else lines.push(`  ${name}`);
  }
  return lines.join('\n');
}

/** `passkey-check --help`. */
export const USAGE = `passkey-check <apiUrl> --origin <page origin> [options]

Runs the passkey-elements protocol against your backend over HTTP, as a browser on <page origin> would,
with a software authenticator (no browser needed), and prints one line per check:

  PASS|WARN|FAIL <check>: <what was seen> — <the fix>

FAIL: the kit breaks, or an attacker gets in. WARN: worth fixing, or not checked (the line says why).
Exit code: 1 when any check fails, 2 for a usage error, else 0.

Arguments
  <apiUrl>                  base URL of the ceremony endpoints, e.g. http://localhost:3001/api/passkey
  --origin <origin>         the page's origin, e.g. http://localhost:5173: sent as Origin, signed into
                            clientDataJSON, and the origin CORS must allow
  --recovery-url <url>      base URL of /recovery/send (default: /api/auth on the API's origin)
  --outbox-url <url>        where the checker can read the recovery mails it causes, as JSON (the mock's
                            <server>/__mock/outbox); without it the recovery-token checks are not run
  --outbox-token <token>    sent to the outbox as Authorization: Bearer <token>
  --username-prefix <text>  start of every username (default passkey-check-)
  --username-suffix <text>  end of every username, e.g. @example.com where usernames are email addresses
  --timeout <ms>            per request (default 10000)
  --max-wait <seconds>      a 429 whose Retry-After is at most this long is waited out and the request sent
                            again (default 60); a 429 that stands turns the next PASS into a WARN
  --json                    print one JSON document { usernames, accounts, results, summary } instead of lines
  -h, --help                this text

What it does to your backend (use a test deployment, or delete the accounts afterwards)
  Usernames are random per run: <prefix><run>-<tag><suffix>, <run> being 8 hex digits.
  -a   signed up with one passkey; signs in a dozen times; a second passkey is added, renamed and deleted;
       one recovery mail; signed out at the end
  -b   signed up from two tabs; with --outbox-url, three recovery mails and a passkey added by recovery link
  -x   never signed up: asked sign-in options and a recovery mail (to compare with -b and -a)
  -m   never signed up: the name inside 60 malformed requests (up to 1 MiB each)
  Only when your backend accepts what it must refuse: more passkeys on -a or -b, and accounts -c (signed
  on a wrong origin), -d (when two tabs of one browser clash) and -A in capitals (a look-alike of -a).
  A run takes seconds, or a few minutes when it has to wait out rate limits.

Not checked: rate limits themselves (they need a flood), timing differences between known and unknown
names, attestation, and sessions that are not cookies (tokens in headers).

Checks, in order
${wrap(CHECK_NAMES)}

Protocol: docs/protocol.md in passkey-elements.
`;
