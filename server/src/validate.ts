import { invalidRequest, PasskeyHttpError } from './errors.ts';
import { checkUsername, USERNAME_PROBLEMS } from './kit.ts';
import { isObject, type JsonObject } from './request-body.ts';

/** A field that is absent, null or empty. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function field(body: JsonObject, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined;
}

/**
 * A name a person typed (username, display name, passkey name): trimmed, NFC, at most `max` characters, and none of
 * the invisible, control or direction-changing characters the kit's username check refuses, so nothing shown in a
 * passkey prompt or a list can be made to look like something else.
 */
export function readName(body: JsonObject, name: string, max: number): string;
export function readName(body: JsonObject, name: string, max: number, optional: true): string | undefined;
export function readName(body: JsonObject, name: string, max: number, optional = false): string | undefined {
  const value = field(body, name);
  if (isBlank(value)) {
    if (optional) return undefined;
    throw invalidRequest(`${name} is required`);
  }
  if (typeof value !== 'string') throw invalidRequest(`${name} must be a string`);
  const checked = checkUsername(value);
  if (!checked.ok && checked.reason === 'forbidden-character') {
    throw invalidRequest(`${name} contains an invisible, control or direction-changing character`);
  }
  if (!checked.ok || [...checked.username].length > max) throw invalidRequest(`${name} must be at most ${max} characters`);
  return checked.username;
}

/** The username of a request, checked by the kit's one username check; `key` is the account it names. */
export function readUsername(body: JsonObject): { username: string; key: string };
export function readUsername(body: JsonObject, optional: true): { username: string; key: string } | undefined;
export function readUsername(body: JsonObject, optional = false): { username: string; key: string } | undefined {
  const value = field(body, 'username');
  if (isBlank(value)) {
    if (optional) return undefined;
    throw invalidRequest('username is required');
  }
  if (typeof value !== 'string') throw invalidRequest('username must be a string');
  const checked = checkUsername(value);
  if (!checked.ok) {
    throw new PasskeyHttpError('invalid-username', `username refused: ${checked.reason}`, { publicMessage: USERNAME_PROBLEMS[checked.reason] });
  }
  return { username: checked.username, key: checked.key };
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** An opaque token or id sent by the client: printable ASCII, at most `max` characters. */
export function readOpaque(body: JsonObject, name: string, max: number): string | undefined {
  const value = field(body, name);
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string' || value.length > max || !PRINTABLE_ASCII.test(value)) {
    throw invalidRequest(`${name} must be at most ${max} printable ASCII characters`);
  }
  return value;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** WebAuthn Level 3 (§7.1, registration): a credential id longer than this is refused. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;

/** How many bytes a base64url text (without padding) decodes to. */
export const base64UrlBytes = (text: string) => Math.floor((text.length * 3) / 4);

function readBase64Url(parent: JsonObject, name: string, where: string, optional = false): string | undefined {
  const value = field(parent, name);
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'string' || !BASE64URL.test(value)) throw invalidRequest(`${where}${name} must be a base64url string`);
  return value;
}

function readCredentialId(credential: JsonObject, name: 'id' | 'rawId'): void {
  const id = readBase64Url(credential, name, 'credential.')!;
  if (base64UrlBytes(id) > MAX_CREDENTIAL_ID_BYTES) throw invalidRequest(`credential.${name} must be at most ${MAX_CREDENTIAL_ID_BYTES} bytes`);
}

/**
 * The parts of a RegistrationResponseJSON / AuthenticationResponseJSON the server relies on, checked for shape, so
 * that nothing malformed reaches the verification library (whose throws would otherwise be the answer).
 */
export function readCredential(body: JsonObject, ceremony: 'registration' | 'authentication'): JsonObject & { id: string } {
  const credential = field(body, 'credential');
  if (!isObject(credential)) throw invalidRequest('credential must be an object');
  readCredentialId(credential, 'id');
  readCredentialId(credential, 'rawId');
  if (credential.type !== 'public-key') throw invalidRequest('credential.type must be "public-key"');
  const response = credential.response;
  if (!isObject(response)) throw invalidRequest('credential.response must be an object');
  readBase64Url(response, 'clientDataJSON', 'credential.response.');
  if (ceremony === 'registration') {
    readBase64Url(response, 'attestationObject', 'credential.response.');
    const transports = response.transports;
    if (transports !== undefined && !(Array.isArray(transports) && transports.every((t) => typeof t === 'string'))) {
      throw invalidRequest('credential.response.transports must be an array of strings');
    }
  } else {
    readBase64Url(response, 'authenticatorData', 'credential.response.');
    readBase64Url(response, 'signature', 'credential.response.');
    readBase64Url(response, 'userHandle', 'credential.response.', true);
  }
  if (credential.clientExtensionResults !== undefined && !isObject(credential.clientExtensionResults)) {
    throw invalidRequest('credential.clientExtensionResults must be an object');
  }
  return credential as JsonObject & { id: string };
}
