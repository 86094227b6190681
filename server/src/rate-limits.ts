import { PasskeyHttpError } from './errors.ts';
import type { PasskeyStore } from './store.ts';
import { sha256 } from './crypto.ts';

/** At most `limit` requests per `windowMs`. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** The endpoints a limit counts: both options calls, both verify calls, and `recovery/send`. */
export type RateLimitGroup = 'options' | 'verify' | 'recovery';

/** Per group: a rule per client address and a rule per account (username), each `false` to turn it off. */
export type RateLimitOptions = Partial<Record<RateLimitGroup, { ip?: RateLimitRule | false; account?: RateLimitRule | false }>>;
export type ResolvedRateLimits = Record<RateLimitGroup, { ip: RateLimitRule | false; account: RateLimitRule | false }>;

const MINUTE = 60_000;

/**
 * Generous for people (a busy office behind one address signing in many times a minute), tight for scripts. The
 * account rules count by username whether or not the account exists, so a 429 tells nothing about who has one.
 */
export const DEFAULT_RATE_LIMITS: ResolvedRateLimits = {
  options: { ip: { limit: 100, windowMs: MINUTE }, account: { limit: 10, windowMs: MINUTE } },
  verify: { ip: { limit: 100, windowMs: MINUTE }, account: { limit: 10, windowMs: MINUTE } },
  recovery: { ip: { limit: 20, windowMs: 15 * MINUTE }, account: { limit: 3, windowMs: 15 * MINUTE } },
};

const OFF: ResolvedRateLimits = {
  options: { ip: false, account: false },
  verify: { ip: false, account: false },
  recovery: { ip: false, account: false },
};

export function resolveRateLimits(given: false | RateLimitOptions | undefined): ResolvedRateLimits {
  if (given === false) return OFF;
  const resolved = structuredClone(DEFAULT_RATE_LIMITS);
  for (const group of Object.keys(resolved) as RateLimitGroup[]) {
    for (const scope of ['ip', 'account'] as const) {
      const rule = given?.[group]?.[scope];
      if (rule === undefined) continue;
      if (rule !== false && !(rule.limit >= 1 && rule.windowMs >= 1)) throw new TypeError(`createPasskeyServer: rateLimits.${group}.${scope} needs limit >= 1 and windowMs >= 1`);
      resolved[group][scope] = rule;
    }
  }
  return resolved;
}

/**
 * Counts requests in the store (`store.hit`), so every instance on one database shares the counters. A request over a
 * limit is refused with 429 and `Retry-After`.
 */
export class RateLimiter {
  readonly #store: PasskeyStore;
  readonly #rules: ResolvedRateLimits;
  readonly #now: () => number;

  constructor(store: PasskeyStore, rules: ResolvedRateLimits, now: () => number) {
    this.#store = store;
    this.#rules = rules;
    this.#now = now;
  }

  /** Counts one request from `ip` (IPv6 by its /64: one subscriber's whole network is one address). */
  async ip(group: RateLimitGroup, ip: string | undefined): Promise<void> {
    const rule = this.#rules[group].ip;
    if (rule) await this.#count(`${group}:ip:${networkOf(ip ?? 'unknown')}`, rule, `${group} from ${ip ?? 'an unknown address'}`);
  }

  /** Counts one request for the account `usernameKey` (hashed: the counters do not keep names of non-accounts). */
  async account(group: RateLimitGroup, usernameKey: string): Promise<void> {
    const rule = this.#rules[group].account;
    if (rule) await this.#count(`${group}:account:${await sha256(usernameKey)}`, rule, `${group} for one account`);
  }

  async #count(key: string, rule: RateLimitRule, what: string): Promise<void> {
    const now = this.#now();
    const { count, resetAt } = await this.#store.hit(key, rule.windowMs, now);
    if (count <= rule.limit) return;
    const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
    throw new PasskeyHttpError('rate-limited', `${what}: ${count} requests, limit ${rule.limit} per ${rule.windowMs} ms`, {
      headers: { 'retry-after': String(retryAfter) },
    });
  }
}

/** An IPv4 address as is; an IPv6 address by its first four groups (its /64). */
export function networkOf(ip: string): string {
  if (!ip.includes(':')) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
