/**
 * passkey-elements-server: a hardened passkey (WebAuthn) server as a fetch-standard handler.
 *
 *   import { createPasskeyServer } from 'passkey-elements-server';
 *   import { createSqliteStore } from 'passkey-elements-server/stores/sqlite';
 *   import { createNodeServer } from 'passkey-elements-server/node';
 */
export { createPasskeyServer, type PasskeyServer, type RequestContext } from './server.ts';
export type { BeforeHandle, PasskeyServerOptions, RecoveryMessage, ResolvedOptions } from './options.ts';
export type { SessionCookieOptions } from './cookies.ts';
export { DEFAULT_RATE_LIMITS, type RateLimitGroup, type RateLimitOptions, type RateLimitRule } from './rate-limits.ts';
export type { PasskeyServerEvent } from './events.ts';
export { SERVER_ERROR_CODES, type ServerErrorCode } from './errors.ts';
export type { CredentialView } from './credentials.ts';
export {
  KNOWN_TRANSPORTS,
  type KnownTransport,
  type PasskeyStore,
  type PendingChallenge,
  type SaveRegistration,
  type SaveRegistrationResult,
  type StoredCredential,
  type StoredRecoveryToken,
  type StoredSession,
  type StoredUser,
} from './store.ts';
export { DEFAULT_API_URL, DEFAULT_RECOVERY_PATH, PROTOCOL, checkUsername, usernameKey, type PasskeyEndpoint } from './kit.ts';
