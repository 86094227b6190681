export { PasskeyClient } from './passkey-client.ts';
export {
  PASSKEY_ERROR_CODES,
  PASSKEY_PHASES,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyErrorDetail,
  type PasskeyPhase,
} from './errors.ts';
export type { PasskeyRequest } from './http.ts';
export {
  DEFAULT_API_URL,
  DEFAULT_RECOVERY_PATH,
  defaultRecoveryUrl,
  endpointUrl,
  matchEndpoint,
  PASSKEY_ENDPOINTS,
  PROTOCOL,
  type EndpointSpec,
  type PasskeyEndpoint,
  type ProtocolBases,
} from './protocol.ts';
export { checkUsername, USERNAME_MAX_LENGTH, usernameKey, type UsernameCheck } from './username.ts';
export { detectPasskeySupport, supportsWebAuthn, type PasskeySupport } from './support.ts';
export type * from './types.ts';
