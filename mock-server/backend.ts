import type { HttpHandler } from 'msw';
import { sessionSetCookie } from '../server/src/cookies.ts';
import { DEFAULT_API_URL, DEFAULT_RECOVERY_PATH } from '../server/src/kit.ts';
import type { PasskeyServerOptions, RecoveryMessage } from '../server/src/options.ts';
import { createPasskeyServer, type PasskeyServer, type RequestContext } from '../server/src/server.ts';
import type { StoredCredential, StoredRecoveryToken, StoredSession, StoredUser } from '../server/src/store.ts';
import { MemoryStore } from '../server/src/stores/memory.ts';
import { ChallengeCookies } from './challenge-cookie.ts';
import { MockClock } from './clock.ts';
import { MockFaults } from './faults.ts';
import { createHandlers } from './handlers.ts';
import { createSeed, type MockSeed } from './seed.ts';

export interface MockBackendOptions extends Partial<Omit<PasskeyServerOptions, 'store' | 'beforeHandle' | 'apiPath' | 'recoveryPath'>> {
  /** Base of the ceremony and credential endpoints; a relative base matches on any origin. Default `/api/passkey`. */
  apiUrl?: string;
  /** Base of `/recovery/send`. Default `/api/auth`. */
  recoveryUrl?: string;
  /** The store to start from. Default: a new, empty one. */
  store?: MemoryStore;
  /**
   * Keep the challenge in a cookie too, as a backend on Rails, Django, Laravel or express-session does: options
   * answers set it, and verify is refused unless it comes back with the challenge that was signed.
   */
  challengeCookie?: boolean;
  /** The client address of a request that reaches the mock through MSW (which carries none), for the rate limits. */
  clientIp?: (request: Request) => string | undefined;
}

/** A recovery mail the mock "sent": the server's message, as a mail reads, and when. */
export interface MockMail extends RecoveryMessage {
  subject: string;
  text: string;
  /** The mock clock's time, in ms since the epoch. */
  sentAt: number;
}

/** What the store keeps of people: compared before and after a request that must change nothing. */
export interface MockAccounts {
  users: StoredUser[];
  credentials: StoredCredential[];
  sessions: StoredSession[];
  recoveryTokens: StoredRecoveryToken[];
}

export interface MockBackend {
  /** The passkey server itself: `createPasskeyServer` on `store`. */
  readonly server: PasskeyServer;
  /** Everything the server stores; its maps are read-only live views, `snapshot()` a copy. */
  readonly store: MemoryStore;
  readonly clock: MockClock;
  readonly faults: MockFaults;
  /** Every recovery mail, oldest first. */
  readonly outbox: MockMail[];
  /** Puts accounts, passkeys, sessions and recovery links straight into the store. */
  readonly seed: MockSeed;
  /** MSW handlers for `setupWorker`, `setupServer`, Storybook or `getResponse`. */
  readonly handlers: HttpHandler[];
  /** The mock's request path (the challenge cookie, if on, then the server), for adapters other than MSW. */
  fetch(request: Request, context?: RequestContext): Promise<Response>;
  /** Users, credentials, sessions and recovery tokens (not the challenges and rate-limit windows every request touches). */
  accounts(): MockAccounts;
  /** Forgets every account, session, challenge, token, rate limit and mail, and clears faults and the clock's offset. */
  reset(): void;
  /** Stops the server's sweeping and waits for mails still being sent. */
  close(): Promise<void>;
}

const inPage = typeof document !== 'undefined' && typeof location !== 'undefined';

/** A URL's path, for the server: the mock's bases may be absolute, its server matches paths. */
const pathOf = (url: string) => new URL(url, 'http://localhost').pathname;

/**
 * The kit's passkey server (`createPasskeyServer`) on a memory store, plus what only tests and demos need: a clock
 * they can move, fault injection, an outbox for the recovery mails, seeding, and MSW handlers. In a page the session
 * cookie is not HttpOnly (the service worker's cookies go through `document.cookie`); everything else is the server's.
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const { apiUrl = DEFAULT_API_URL, recoveryUrl = DEFAULT_RECOVERY_PATH, store = new MemoryStore(), challengeCookie = false, clientIp, ...given } = options;
  const clock = new MockClock(given.now);
  const faults = new MockFaults();
  const outbox: MockMail[] = [];
  const origins = given.origins ?? (inPage ? [location.origin] : ['http://localhost:5173']);
  const challengeCookies = challengeCookie ? new ChallengeCookies() : undefined;

  const server = createPasskeyServer({
    ...given,
    rpName: given.rpName ?? 'passkey-elements mock',
    recoveryPageUrl: given.recoveryPageUrl ?? `${origins[0]}/recovery`,
    rpID: given.rpID ?? (inPage ? location.hostname : 'localhost'),
    origins,
    store,
    apiPath: pathOf(apiUrl),
    recoveryPath: pathOf(recoveryUrl),
    now: () => clock.now(),
    cookie: inPage ? { httpOnly: false, secure: location.protocol === 'https:', ...given.cookie } : given.cookie,
    sendRecoveryEmail(message) {
      outbox.push({ ...message, ...mailText(message), sentAt: clock.now() });
      return given.sendRecoveryEmail?.(message);
    },
    async beforeHandle(request, endpoint) {
      return (await faults.intercept(endpoint)) ?? challengeCookies?.refusal(request);
    },
  });
  const { cookie } = server.options;
  const pageCookie = inPage ? (setCookie: string) => void (document.cookie = setCookie) : undefined;

  const fetch = (request: Request, context: RequestContext = {}) =>
    challengeCookies ? challengeCookies.fetch(server, request, context) : server.fetch(request, context);

  const seed = createSeed(store, {
    now: () => clock.now(),
    sessionTtlMs: server.options.sessionTtlMs,
    recoveryTtlMs: server.options.recoveryTtlMs,
    onSession: (token) => pageCookie?.(sessionSetCookie(cookie, token, server.options.sessionTtlMs)),
  });

  return {
    server,
    store,
    clock,
    faults,
    outbox,
    seed,
    handlers: createHandlers(fetch, { bases: { apiUrl, recoveryUrl }, onSetCookie: pageCookie, clientIp }),
    fetch,
    accounts() {
      const { users, credentials, sessions, recoveryTokens } = store.snapshot();
      return { users, credentials, sessions, recoveryTokens };
    },
    reset() {
      store.clear();
      faults.reset();
      clock.reset();
      outbox.length = 0;
    },
    close: () => server.close(),
  };
}

/** The mail a person would get. */
function mailText({ username, link, expiresAt }: RecoveryMessage): { subject: string; text: string } {
  return {
    subject: 'Your link to create a new passkey',
    text: `Someone asked for a link to sign in to ${username} again. Open it on the device you want to use: ${link}\nIt works once, until ${new Date(expiresAt).toISOString()}. If it was not you, ignore this mail.`,
  };
}
