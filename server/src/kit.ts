/**
 * What the server shares with the UI package: the protocol table and the username check. The one place the server
 * imports from `src/client`, so the server build bundles exactly these modules and its declarations point here.
 */
export {
  DEFAULT_API_URL,
  DEFAULT_RECOVERY_PATH,
  PASSKEY_ENDPOINTS,
  PROTOCOL,
  matchEndpoint,
  trimSlash,
  type EndpointSpec,
  type PasskeyEndpoint,
  type ProtocolBases,
} from '../../src/client/protocol.ts';
export { USERNAME_MAX_LENGTH, USERNAME_PROBLEMS, checkUsername, usernameKey, type UsernameCheck } from '../../src/client/username.ts';
