import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { hmacSha256, randomBytes } from './crypto.ts';
import type { KnownTransport } from './store.ts';

export interface CredentialDescriptor {
  id: string;
  transports: KnownTransport[];
}

/**
 * Kinds of passkeys as browsers report them (transports sorted, as Chromium sends them), with typical credential id
 * lengths in bytes, weighted by how common they are: synced platform passkeys first, then single-device platform
 * keys and security keys.
 */
const PROFILES: { weight: number; idLength: number; transports: KnownTransport[] }[] = [
  { weight: 40, idLength: 16, transports: ['hybrid', 'internal'] },
  { weight: 25, idLength: 20, transports: ['hybrid', 'internal'] },
  { weight: 10, idLength: 32, transports: ['hybrid', 'internal'] },
  { weight: 10, idLength: 32, transports: ['internal'] },
  { weight: 10, idLength: 64, transports: ['nfc', 'usb'] },
  { weight: 5, idLength: 48, transports: ['usb'] },
];
/** How many passkeys a made-up account has: most people have one, some two or three. */
const COUNTS = [
  { weight: 70, count: 1 },
  { weight: 22, count: 2 },
  { weight: 8, count: 3 },
];

function pick<T extends { weight: number }>(table: T[], byte: number): T {
  const total = table.reduce((sum, row) => sum + row.weight, 0);
  let point = (byte / 256) * total;
  for (const row of table) {
    point -= row.weight;
    if (point < 0) return row;
  }
  return table.at(-1)!;
}

/**
 * Made-up `allowCredentials` for a username with no passkey, so `authenticate/options` does not tell who has an
 * account: as many entries, of the same kinds, as real accounts have, and the same on every call and every instance
 * that shares the secret (an HMAC of the username key).
 */
export class Decoys {
  readonly #mac: (text: string) => Promise<Uint8Array<ArrayBuffer>>;

  constructor(secret: string | undefined) {
    this.#mac = hmacSha256(secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret));
  }

  async for(usernameKey: string): Promise<CredentialDescriptor[]> {
    const seed = await this.#mac(`decoy-count\u0000${usernameKey}`);
    const { count } = pick(COUNTS, seed[0]!);
    const descriptors: CredentialDescriptor[] = [];
    for (let index = 0; index < count; index++) {
      const profile = pick(PROFILES, seed[1 + index]!);
      // Two MACs give up to 64 id bytes; the second only when the id needs more than 32.
      const bytes = new Uint8Array(64);
      bytes.set(await this.#mac(`decoy-id\u0000${index}\u0000a\u0000${usernameKey}`), 0);
      if (profile.idLength > 32) bytes.set(await this.#mac(`decoy-id\u0000${index}\u0000b\u0000${usernameKey}`), 32);
      descriptors.push({ id: isoBase64URL.fromBuffer(bytes.slice(0, profile.idLength)), transports: [...profile.transports] });
    }
    return descriptors;
  }
}
