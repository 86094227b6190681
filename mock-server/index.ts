/**
 * passkey-elements-mock: the kit's passkey server (passkey-elements-server) on a memory store, with what only tests
 * and demos need: a clock, fault injection, an outbox, seeding, and MSW handlers.
 *
 *   import { startBrowserMock } from 'passkey-elements-mock/browser';   // in a page (demo, Storybook, browser tests)
 *   import { startNodeMock } from 'passkey-elements-mock/node';         // in Node tests, through MSW
 *   import { startMockHttpServer } from 'passkey-elements-mock/serve';  // over HTTP (npm run mock-server)
 */
export { createMockBackend, type MockAccounts, type MockBackend, type MockBackendOptions, type MockMail } from './backend.ts';
export { MockClock } from './clock.ts';
export { MockFaults, isPasskeyEndpoint, type MockFault } from './faults.ts';
export { createHandlers, type HandlerOptions, type MockFetch } from './handlers.ts';
export { createAdminHandler, ADMIN_BASE } from './admin.ts';
export { CHALLENGE_COOKIE } from './challenge-cookie.ts';
export type { MockSeed, SeedCredential } from './seed.ts';
export { MemoryStore, type MemorySnapshot } from '../server/src/stores/memory.ts';
export { PASSKEY_ENDPOINTS, type PasskeyEndpoint } from '../server/src/kit.ts';
export type { StoredCredential, StoredRecoveryToken, StoredSession, StoredUser } from '../server/src/store.ts';
