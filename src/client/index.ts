export { PasskeyClient } from './passkey-client.ts';
export {
  PASSKEY_ERROR_CODES,
  PASSKEY_PHASES,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyErrorDetail,
  type PasskeyPhase,
} from './errors.ts';
export type { PasskeyEndpoint, PasskeyRequest } from './http.ts';
export { detectPasskeySupport, supportsWebAuthn, type PasskeySupport } from './support.ts';
export type * from './types.ts';
