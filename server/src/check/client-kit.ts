/**
 * What the checker reads from the UI package besides `../kit.ts`: how the kit's client builds endpoint URLs and the
 * default recovery URL, and how it reads an error body, so the checker judges answers exactly as the kit will.
 * (Candidates for `../kit.ts`, the server's one door to `src/client`.)
 */
export { PROTOCOL, defaultRecoveryUrl, endpointUrl, trimSlash, type PasskeyEndpoint, type ProtocolBases } from '../../../src/client/protocol.ts';
export { readErrorBody } from '../../../src/client/response-body.ts';
