import { badRequest } from './http-error.ts';

/** Largest request body the mock reads; a bigger one is refused before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

// C0 and C1 control characters, DEL, and the line/paragraph separators.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type JsonObject = Record<string, unknown>;

/** Parses a request body as a JSON object, refusing oversized, malformed or non-object bodies. */
export function parseJsonObject(text: string): JsonObject {
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw badRequest(`Request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
  if (!isObject(value)) throw badRequest('Request body must be a JSON object');
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface TextRule {
  max: number;
  optional?: boolean;
}

/** Reads a trimmed, non-empty string field without control characters, or refuses the request. */
export function readText(body: JsonObject, field: string, rule: TextRule & { optional: true }): string | undefined;
export function readText(body: JsonObject, field: string, rule: TextRule): string;
export function readText(body: JsonObject, field: string, { max, optional }: TextRule): string | undefined {
  const value = Object.hasOwn(body, field) ? body[field] : undefined;
  if (value === undefined || value === null || value === '') {
    if (optional) return undefined;
    throw badRequest(`${field} is required`);
  }
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  const text = value.trim();
  if (text === '') {
    if (optional) return undefined;
    throw badRequest(`${field} is required`);
  }
  if (text.length > max) throw badRequest(`${field} must be at most ${max} characters`);
  if (CONTROL_CHARACTERS.test(text)) throw badRequest(`${field} must not contain control characters`);
  return text;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function readBase64Url(parent: JsonObject, field: string, where: string, optional = false): string | undefined {
  const value = Object.hasOwn(parent, field) ? parent[field] : undefined;
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'string' || value === '' || !BASE64URL.test(value)) {
    throw badRequest(`${where}${field} must be a base64url string`);
  }
  return value;
}

/** The parts of a RegistrationResponseJSON / AuthenticationResponseJSON the mock relies on, checked for shape. */
export function readCredential(body: JsonObject, ceremony: 'registration' | 'authentication'): JsonObject {
  const credential = Object.hasOwn(body, 'credential') ? body.credential : undefined;
  if (!isObject(credential)) throw badRequest('credential must be an object');
  readBase64Url(credential, 'id', 'credential.');
  readBase64Url(credential, 'rawId', 'credential.');
  if (credential.type !== 'public-key') throw badRequest('credential.type must be "public-key"');
  const response = credential.response;
  if (!isObject(response)) throw badRequest('credential.response must be an object');
  readBase64Url(response, 'clientDataJSON', 'credential.response.');
  if (ceremony === 'registration') {
    readBase64Url(response, 'attestationObject', 'credential.response.');
    if (response.transports !== undefined && !isStringArray(response.transports)) {
      throw badRequest('credential.response.transports must be an array of strings');
    }
  } else {
    readBase64Url(response, 'authenticatorData', 'credential.response.');
    readBase64Url(response, 'signature', 'credential.response.');
    readBase64Url(response, 'userHandle', 'credential.response.', true);
  }
  return credential;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
