import { isoBase64URL } from '@simplewebauthn/server/helpers';

// The core runs in Node and, under the mock, in a browser's service worker. Where node:crypto exists (Node, and
// runtimes with `process.getBuiltinModule`) it hashes with it, synchronously: a Web Crypto digest goes through
// argument checks, a thread pool and a promise, and cost the server's main thread 15 µs (idle machine) to 100 µs
// (loaded) per hash, against 1 to 3 µs here. Elsewhere it uses Web Crypto. Chosen once, at load, without a static
// `node:` import, which a browser build rejects.

type NodeCrypto = typeof import('node:crypto');
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined;

const encoder = new TextEncoder();

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A random secret for a cookie or a link: 32 bytes, base64url. */
export function randomToken(): string {
  return isoBase64URL.fromBuffer(randomBytes(32));
}

/** SHA-256, base64url: what a store keeps of a session or recovery token. */
export const sha256: (text: string) => Promise<string> = !nodeCrypto
  ? webSha256
  : typeof nodeCrypto.hash === 'function' // one call, no Hash object: Node 21.7 and later
    ? (text) => Promise.resolve(nodeCrypto.hash('sha256', text, 'base64url'))
    : (text) => Promise.resolve(nodeCrypto.createHash('sha256').update(text).digest('base64url'));

/** HMAC-SHA-256 under a fixed key, imported once. */
export const hmacSha256: (secret: Uint8Array<ArrayBuffer>) => (text: string) => Promise<Uint8Array<ArrayBuffer>> = nodeCrypto
  ? (secret) => {
      const key = nodeCrypto.createSecretKey(secret);
      return (text) => Promise.resolve(new Uint8Array(nodeCrypto.createHmac('sha256', key).update(text).digest()));
    }
  : webHmacSha256;

/** `sha256` on Web Crypto: what a browser (the mock) uses. */
export async function webSha256(text: string): Promise<string> {
  return isoBase64URL.fromBuffer(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** `hmacSha256` on Web Crypto: what a browser (the mock) uses. */
export function webHmacSha256(secret: Uint8Array<ArrayBuffer>): (text: string) => Promise<Uint8Array<ArrayBuffer>> {
  const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (text) => new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)));
}
