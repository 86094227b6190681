import { randomBytes } from 'node:crypto';
import { defaultRecoveryUrl, trimSlash, type ProtocolBases } from './client-kit.ts';
import { CheckBrowser, type Exchange } from './browser.ts';
import { warn, type CheckResult } from './report.ts';
import { SoftAuthenticator } from './soft-authenticator.ts';

/** What the checker is pointed at. */
export interface CheckOptions {
  /** Base of the ceremony and credential endpoints, e.g. `http://localhost:3001/api/passkey`. */
  apiUrl: string;
  /** The page's origin, e.g. `http://localhost:5173`. */
  origin: string;
  /** Base of `/recovery/send`; default `/api/auth` on the API's origin. */
  recoveryUrl?: string | undefined;
  /** Where the recovery mails the checker triggers can be read (the mock's `/__mock/outbox`). */
  outboxUrl?: string | undefined;
  /** Sent as `Authorization: Bearer <token>` to the outbox. */
  outboxToken?: string | undefined;
  /** Default `passkey-check-`. */
  usernamePrefix?: string | undefined;
  /** Appended to every username, e.g. `@example.com` for a backend that wants email addresses. */
  usernameSuffix?: string | undefined;
  /** Per request; default 10 s. */
  timeoutMs?: number | undefined;
  /** Longest `Retry-After` of a 429 that is waited out (then the request is sent again); default 60 s. */
  maxWaitMs?: number | undefined;
  /** Told when the checker waits out a 429. */
  onWait?: ((label: string, waitMs: number) => void) | undefined;
  /** Told about each result as soon as it is known. */
  onResult?: ((result: CheckResult) => void) | undefined;
}

/** A person the checker signed up: their browser (signed in), their passkey and what the backend said. */
export interface Account {
  username: string;
  userId: string;
  browser: CheckBrowser;
  device: SoftAuthenticator;
  credentialId: string;
  /** A second passkey, added while signed in (add-passkey). */
  extraCredentialId?: string | undefined;
}

/** An origin no page of the backend's should be: where the checker's "other site" runs. */
const OTHER_ORIGINS = ['https://passkey-check.invalid', 'https://other.passkey-check.invalid'];

/** The names of one run: random, so the checker can run against the same backend again and again. */
export interface RunNames {
  /** Signed up first; gets a second passkey that is deleted again. */
  main: string;
  /** Signed up from two tabs; the known name of the enumeration checks, and recovered by link. */
  second: string;
  /** Never signed up: the unknown name of the enumeration checks. */
  unknown: string;
  /** Never signed up: the name inside the malformed bodies. */
  probe: string;
  /** Signed up only if the backend keeps registration challenges per session (two tabs of a browser clash). */
  sessionProbe: string;
  /** Signed up only if the backend accepts a registration from the wrong origin. */
  wrongOrigin: string;
  /** `main` in capitals: signed up only if the backend takes it for another account. */
  lookalike: string;
}

/** The state of one run: options, the people it made, every answer seen, and the results so far. */
export class CheckContext {
  readonly apiUrl: string;
  readonly origin: string;
  readonly otherOrigin: string;
  readonly bases: ProtocolBases;
  readonly options: CheckOptions;
  readonly timeoutMs: number;
  readonly names: RunNames;
  readonly results: CheckResult[] = [];
  /** The usernames this run signed up (some only because the backend accepted what it should have refused). */
  readonly accounts: string[] = [];
  /** Every answer to a protocol request, except the malformed-body probes: for the CORS and error-body checks. */
  readonly exchanges: Exchange[] = [];
  main: Account | undefined;
  second: Account | undefined;
  /** A 429 stood (was not waited out) since the last result. */
  #rateLimited = false;

  constructor(options: CheckOptions) {
    this.options = options;
    this.apiUrl = trimSlash(options.apiUrl);
    this.origin = new URL(options.origin).origin;
    this.otherOrigin = OTHER_ORIGINS.find((origin) => origin !== this.origin)!;
    this.bases = { apiUrl: this.apiUrl, recoveryUrl: trimSlash(options.recoveryUrl ?? defaultRecoveryUrl(this.apiUrl)) };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const run = randomBytes(6).toString('hex').slice(0, 8);
    const name = (tag: string) => `${options.usernamePrefix ?? 'passkey-check-'}${run}-${tag}${options.usernameSuffix ?? ''}`;
    this.names = { main: name('a'), second: name('b'), unknown: name('x'), probe: name('m'), sessionProbe: name('d'), wrongOrigin: name('c'), lookalike: name('a').toUpperCase() };
  }

  /**
   * Adds a result. A pass is only a warning when a 429 was left standing since the last result: the backend may have
   * refused for its rate limit rather than for the reason the check looks for.
   */
  report(result: CheckResult): void {
    const judged =
      this.#rateLimited && result.status === 'PASS'
        ? warn(result.check, `${result.seen}; but a request was rate-limited (429) meanwhile, so this may have passed for that reason`, 'rerun later, or raise the rate limits of a test deployment for the checker (or --max-wait)')
        : result;
    this.#rateLimited = false;
    this.results.push(judged);
    this.options.onResult?.(judged);
  }

  /** A new browser (no cookies) on the page origin, or on `origin`. `record: false` keeps its answers out of the CORS and error-body checks. */
  browser({ origin = this.origin, record = true } = {}): CheckBrowser {
    return new CheckBrowser({
      origin,
      bases: this.bases,
      timeoutMs: this.timeoutMs,
      maxWaitMs: this.options.maxWaitMs ?? 60_000,
      onExchange: record ? (exchange) => this.exchanges.push(exchange) : undefined,
      onRateLimited: (exchange, waitMs) => {
        if (waitMs === undefined) this.#rateLimited = true;
        else this.options.onWait?.(exchange.label, waitMs);
      },
    });
  }

  /** A new authenticator, as a browser on the page origin drives it. Transports are sorted, as browsers report them. */
  device(origin = this.origin): SoftAuthenticator {
    return new SoftAuthenticator({ origin, transports: ['hybrid', 'internal'] });
  }

  /** Whether the page and the API share an origin (then CORS is not involved). */
  get sameOrigin(): boolean {
    return new URL(this.apiUrl).origin === this.origin && new URL(this.bases.recoveryUrl).origin === this.origin;
  }
}
