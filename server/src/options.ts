import type { PasskeyStore } from './store.ts';
import type { EventSink } from './events.ts';
import { DEFAULT_API_URL, DEFAULT_RECOVERY_PATH, trimSlash, type PasskeyEndpoint } from './kit.ts';
import { resolveCookie, type SessionCookieOptions } from './cookies.ts';
import { resolveRateLimits, type RateLimitOptions, type ResolvedRateLimits } from './rate-limits.ts';

/** A recovery mail to send: the link signs the account in again with a new passkey, once, before `expiresAt`. */
export interface RecoveryMessage {
  /** The account's username, which is usually its email address. */
  to: string;
  userId: string;
  username: string;
  displayName: string;
  /** `recoveryPageUrl` with `?token=…`. */
  link: string;
  token: string;
  expiresAt: number;
}

/**
 * Called before the server handles a request it routes; a response it returns is sent instead (after CORS), so a
 * test backend can inject faults without touching the protocol. Not for production.
 */
export type BeforeHandle = (request: Request, endpoint: PasskeyEndpoint) => Response | undefined | Promise<Response | undefined>;

export interface PasskeyServerOptions {
  /** The relying party id: the page's registrable domain (`example.com`), or `localhost` in development. */
  rpID: string;
  /** Shown by the passkey prompt. */
  rpName: string;
  /**
   * The page origins (`https://example.com`) that may run ceremonies and call the API: checked in every ceremony's
   * clientDataJSON, echoed by CORS (with credentials), and the only `Origin` a state-changing request may carry.
   */
  origins: string[];
  store: PasskeyStore;
  /** Path of the ceremony and credential endpoints. Default `/api/passkey`. */
  apiPath?: string;
  /** Path `/recovery/send` is under. Default `/api/auth`. */
  recoveryPath?: string;
  /** The page a recovery link opens; the token is added as `?token=`. */
  recoveryPageUrl: string;
  /** Sends the recovery link. Not awaited by the response (a slow mailer must not tell known names from unknown). */
  sendRecoveryEmail: (message: RecoveryMessage) => void | Promise<void>;
  /** Every sign-in, registration, refusal (with its reason) and failure, as structured events. */
  onEvent?: EventSink;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  cookie?: Partial<SessionCookieOptions>;
  /** `false` turns every limit off; otherwise each given rule replaces its default. */
  rateLimits?: false | RateLimitOptions;
  /** How long an options answer may be used. Default 5 minutes. */
  challengeTtlMs?: number;
  /** Idle time after which a session ends; each use extends it (sliding expiry). Default 7 days. */
  sessionTtlMs?: number;
  /** How long a recovery link works. Default 15 minutes. */
  recoveryTtlMs?: number;
  /** A recovery (a new passkey added through a link) ends every other session of the account. Default true. */
  signOutEverywhereOnRecovery?: boolean;
  /** Largest request body, in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Whether a ceremony must verify the person (PIN, biometrics). Default `'preferred'`. */
  userVerification?: 'required' | 'preferred';
  /**
   * Keys the made-up credentials shown for unknown usernames. Give every instance the same secret (at least 32
   * characters), so an unknown name gets the same answer everywhere and after a restart. Default: random per process.
   */
  secret?: string;
  /** How often expired challenges, sessions, tokens and rate-limit windows are swept. Default 1 minute; `false`: only by `sweep()`. */
  sweepIntervalMs?: number | false;
  beforeHandle?: BeforeHandle;
}

export interface ResolvedOptions {
  rpID: string;
  rpName: string;
  origins: readonly string[];
  apiPath: string;
  recoveryPath: string;
  recoveryPageUrl: string;
  sendRecoveryEmail: PasskeyServerOptions['sendRecoveryEmail'];
  cookie: SessionCookieOptions;
  rateLimits: ResolvedRateLimits;
  challengeTtlMs: number;
  sessionTtlMs: number;
  recoveryTtlMs: number;
  signOutEverywhereOnRecovery: boolean;
  maxBodyBytes: number;
  userVerification: 'required' | 'preferred';
  sweepIntervalMs: number | false;
}

const MINUTE = 60_000;

export function resolveOptions(options: PasskeyServerOptions): ResolvedOptions {
  if (!options.rpID) throw new TypeError('createPasskeyServer: rpID is required');
  if (!options.store) throw new TypeError('createPasskeyServer: store is required');
  if (typeof options.sendRecoveryEmail !== 'function') throw new TypeError('createPasskeyServer: sendRecoveryEmail is required');
  if (!options.recoveryPageUrl) throw new TypeError('createPasskeyServer: recoveryPageUrl is required');
  if (!Array.isArray(options.origins) || options.origins.length === 0) throw new TypeError('createPasskeyServer: origins must list the page origins');
  for (const origin of options.origins) {
    if (!/^https?:\/\/[^/?#]+$/.test(origin)) throw new TypeError(`createPasskeyServer: "${origin}" is not an origin (scheme://host[:port], no path)`);
  }
  if (options.secret !== undefined && options.secret.length < 32) throw new TypeError('createPasskeyServer: secret must be at least 32 characters');
  return {
    rpID: options.rpID,
    rpName: options.rpName || options.rpID,
    origins: [...options.origins],
    apiPath: trimSlash(options.apiPath ?? DEFAULT_API_URL),
    recoveryPath: trimSlash(options.recoveryPath ?? DEFAULT_RECOVERY_PATH),
    recoveryPageUrl: options.recoveryPageUrl,
    sendRecoveryEmail: options.sendRecoveryEmail,
    cookie: resolveCookie(options.rpID, options.cookie),
    rateLimits: resolveRateLimits(options.rateLimits),
    challengeTtlMs: options.challengeTtlMs ?? 5 * MINUTE,
    sessionTtlMs: options.sessionTtlMs ?? 7 * 24 * 60 * MINUTE,
    recoveryTtlMs: options.recoveryTtlMs ?? 15 * MINUTE,
    signOutEverywhereOnRecovery: options.signOutEverywhereOnRecovery ?? true,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    userVerification: options.userVerification ?? 'preferred',
    sweepIntervalMs: options.sweepIntervalMs ?? MINUTE,
  };
}
