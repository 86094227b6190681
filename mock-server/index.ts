import type { HttpHandler } from 'msw';
import { MockClock } from './clock.ts';
import { MockFaults } from './faults.ts';
import { createHandlers, type SessionCookieOptions } from './handlers.ts';
import { MockStore } from './store.ts';
import { MockVerifier, type VerifierConfig } from './verifier.ts';

export { MockClock } from './clock.ts';
export { MOCK_ENDPOINTS, MockFaults, type MockEndpoint, type MockFault } from './faults.ts';
export { MockHttpError } from './http-error.ts';
export { MockStore, type OutboxMessage, type StoreSnapshot, type StoredCredential, type StoredUser } from './store.ts';
export { MockVerifier, type CredentialView } from './verifier.ts';
export { createAdminHandlers } from './admin.ts';

export interface MockBackendOptions extends Partial<VerifierConfig> {
  /** Base of the ceremony and credential endpoints. Relative bases match on any origin. Default `/api/passkey`. */
  apiUrl?: string;
  /** Base of `/recovery/send`. Default `/api/auth`. */
  recoveryUrl?: string;
  cookie?: Partial<SessionCookieOptions>;
}

export interface MockBackend {
  readonly store: MockStore;
  readonly clock: MockClock;
  readonly faults: MockFaults;
  readonly verifier: MockVerifier;
  /** MSW handlers for `setupWorker`, `setupServer`, Storybook or `getResponse`. */
  readonly handlers: HttpHandler[];
  /** Forgets every user, credential, session and message, and clears faults and clock offsets. */
  reset(): void;
}

const inBrowser = typeof document !== 'undefined';

/** An in-process passkey backend on @simplewebauthn/server, behind MSW handlers. */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const store = new MockStore();
  const clock = new MockClock();
  const faults = new MockFaults();
  const verifier = new MockVerifier(store, clock, {
    rpName: options.rpName ?? 'passkey-elements mock',
    rpID: options.rpID ?? (inBrowser ? location.hostname : 'localhost'),
    origins: options.origins ?? (inBrowser ? [location.origin] : ['http://localhost:3000']),
    recoveryPageUrl: options.recoveryPageUrl ?? '/recovery',
    challengeTtlMs: options.challengeTtlMs ?? 5 * 60_000,
    recoveryTtlMs: options.recoveryTtlMs ?? 15 * 60_000,
    sessionTtlMs: options.sessionTtlMs ?? 24 * 60 * 60_000,
  });
  const handlers = createHandlers(verifier, faults, {
    apiUrl: options.apiUrl ?? '/api/passkey',
    recoveryUrl: options.recoveryUrl ?? '/api/auth',
    cookie: { name: 'passkey_session', httpOnly: !inBrowser, secure: false, sameSite: 'lax', ...options.cookie },
  });
  return {
    store,
    clock,
    faults,
    verifier,
    handlers,
    reset() {
      store.clear();
      faults.reset();
      clock.reset();
    },
  };
}
