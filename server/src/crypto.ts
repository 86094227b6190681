import { isoBase64URL } from '@simplewebauthn/server/helpers';

// Web Crypto only: the core runs in Node and, under the mock, in a browser's service worker.

const encoder = new TextEncoder();

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A random secret for a cookie or a link: 32 bytes, base64url. */
export function randomToken(): string {
  return isoBase64URL.fromBuffer(randomBytes(32));
}

/** SHA-256, base64url: what a store keeps of a session or recovery token. */
export async function sha256(text: string): Promise<string> {
  return isoBase64URL.fromBuffer(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** HMAC-SHA-256 under a fixed key, imported once. */
export function hmacSha256(secret: Uint8Array<ArrayBuffer>): (text: string) => Promise<Uint8Array<ArrayBuffer>> {
  const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (text) => new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)));
}
