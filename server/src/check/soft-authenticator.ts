import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { cose, isoBase64URL, isoCBOR, isoUint8Array } from '@simplewebauthn/server/helpers';

/** A passkey this authenticator holds. `counter` is the signCount of the last assertion; tests may set it. */
export interface SoftCredential {
  id: string;
  rpId: string;
  /** base64url of the `user.id` given at registration; sent back as `userHandle`. */
  userHandle: string;
  keys: CryptoKeyPair;
  counter: number;
}

/** What a test may falsify in clientDataJSON. */
export interface ClientDataTamper {
  challenge?: string;
  origin?: string;
  type?: string;
}

export interface CreateTamper extends ClientDataTamper {
  /** Present this held credential (same id and key) again, ignoring excludeCredentials. */
  reuse?: string;
}

export interface GetTamper extends ClientDataTamper {
  /** Answer with this held credential, whatever allowCredentials says. */
  credentialId?: string;
  /** The signCount to report (and remember); by default the counter goes up by one. */
  signCount?: number;
  /** The userHandle to send; `null` sends none. */
  userHandle?: string | null;
  /** Sign these bytes instead of authenticatorData || SHA-256(clientDataJSON). */
  signOver?: Uint8Array<ArrayBuffer>;
}

export interface SoftAuthenticatorOptions {
  /** The page's origin the "browser" puts in clientDataJSON. */
  origin: string;
  /** A synced passkey (flags BE and BS), as a platform passkey provider makes. Default true. */
  synced?: boolean;
  aaguid?: string;
  transports?: AuthenticatorTransport[];
  /** Bytes of random credential id. Default 16. */
  credentialIdLength?: number;
}

const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;
const ES256 = cose.COSEALG.ES256;
type CBOR = Parameters<typeof isoCBOR.encode>[0];

/**
 * A software authenticator and the browser around it: turns the mock's options JSON into the
 * RegistrationResponseJSON / AuthenticationResponseJSON a browser would send, with real ES256 keys,
 * `fmt: 'none'` attestation and DER signatures. Tests can falsify any part through the tamper arguments.
 */
export class SoftAuthenticator {
  readonly origin: string;
  readonly synced: boolean;
  readonly aaguid: string;
  readonly transports: AuthenticatorTransport[];
  readonly credentialIdLength: number;
  readonly credentials = new Map<string, SoftCredential>();

  constructor({ origin, synced = true, aaguid = '00000000-0000-0000-0000-000000000000', transports = ['internal', 'hybrid'], credentialIdLength = 16 }: SoftAuthenticatorOptions) {
    this.origin = origin;
    this.synced = synced;
    this.aaguid = aaguid;
    this.transports = transports;
    this.credentialIdLength = credentialIdLength;
  }

  /** `navigator.credentials.create()`: makes (or, with `reuse`, re-presents) a passkey. */
  async create(options: PublicKeyCredentialCreationOptionsJSON, tamper: CreateTamper = {}): Promise<RegistrationResponseJSON> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    if (!options.pubKeyCredParams.some((param) => param.alg === ES256)) throw new DOMException('ES256 not offered', 'NotSupportedError');
    let credential = tamper.reuse ? this.#held(tamper.reuse) : undefined;
    if (!credential) {
      if (options.excludeCredentials?.some(({ id }) => this.credentials.has(id))) {
        throw new DOMException('This authenticator already holds an excluded credential', 'InvalidStateError');
      }
      const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const id = isoBase64URL.fromBuffer(crypto.getRandomValues(new Uint8Array(this.credentialIdLength)));
      credential = { id, rpId, userHandle: options.user.id, keys, counter: 0 };
      this.credentials.set(id, credential);
    }

    const authData = isoUint8Array.concat([
      await this.#authDataHead(rpId, FLAG.AT, credential.counter),
      isoUint8Array.fromHex(this.aaguid.replace(/-/g, '')),
      uint16(isoBase64URL.toBuffer(credential.id).length),
      isoBase64URL.toBuffer(credential.id),
      await coseKey(credential.keys.publicKey),
    ]);
    const attestationObject = isoCBOR.encode(new Map<string, CBOR>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: this.#clientData('webauthn.create', options.challenge, tamper),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: this.transports,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** `navigator.credentials.get()`: signs the challenge with an allowed passkey, or any held one when the list is empty. */
  async get(options: PublicKeyCredentialRequestOptionsJSON, tamper: GetTamper = {}): Promise<AuthenticationResponseJSON> {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const credential = tamper.credentialId ? this.#held(tamper.credentialId) : this.#choose(rpId, options.allowCredentials ?? []);
    credential.counter = tamper.signCount ?? credential.counter + 1;

    const clientDataJSON = this.#clientData('webauthn.get', options.challenge, tamper);
    const authData = await this.#authDataHead(rpId, 0, credential.counter);
    const signed = tamper.signOver ?? isoUint8Array.concat([authData, await sha256(isoBase64URL.toBuffer(clientDataJSON))]);
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, signed));
    const userHandle = tamper.userHandle === undefined ? credential.userHandle : tamper.userHandle;
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(derSignature(raw)),
        ...(userHandle === null ? {} : { userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  #held(id: string): SoftCredential {
    const credential = this.credentials.get(id);
    if (!credential) throw new Error(`The soft authenticator holds no credential ${id}`);
    return credential;
  }

  /** The newest held credential for the RP that the list allows (all of them when it is empty). */
  #choose(rpId: string, allow: { id: string }[]): SoftCredential {
    const candidates = [...this.credentials.values()].filter((c) => c.rpId === rpId && (allow.length === 0 || allow.some(({ id }) => id === c.id)));
    const chosen = candidates.at(-1);
    if (!chosen) throw new DOMException('No allowed credential on this authenticator', 'NotAllowedError');
    return chosen;
  }

  #clientData(type: string, challenge: string, tamper: ClientDataTamper): string {
    const clientData = {
      type: tamper.type ?? type,
      challenge: tamper.challenge ?? challenge,
      origin: tamper.origin ?? this.origin,
      crossOrigin: false,
    };
    return isoBase64URL.fromUTF8String(JSON.stringify(clientData));
  }

  /** rpIdHash || flags || signCount: the 37 bytes every authenticatorData starts with. */
  async #authDataHead(rpId: string, extraFlags: number, signCount: number): Promise<Uint8Array<ArrayBuffer>> {
    const flags = FLAG.UP | FLAG.UV | extraFlags | (this.synced ? FLAG.BE | FLAG.BS : 0);
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, signCount);
    return isoUint8Array.concat([await sha256(isoUint8Array.fromUTF8String(rpId)), Uint8Array.of(flags), counter]);
  }
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function uint16(value: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.of(value >> 8, value & 0xff);
}

/** The COSE_Key of an ES256 public key: {kty: EC2, alg: ES256, crv: P-256, x, y}. */
async function coseKey(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)); // 0x04 || x || y
  return isoCBOR.encode(
    new Map<number, CBOR>([
      [cose.COSEKEYS.kty, cose.COSEKTY.EC2],
      [cose.COSEKEYS.alg, ES256],
      [cose.COSEKEYS.crv, cose.COSECRV.P256],
      [cose.COSEKEYS.x, raw.slice(1, 33)],
      [cose.COSEKEYS.y, raw.slice(33, 65)],
    ]),
  );
}

/** WebCrypto's raw r || s as the ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } WebAuthn carries. */
function derSignature(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.slice(start);
    const body = trimmed[0]! & 0x80 ? isoUint8Array.concat([Uint8Array.of(0), trimmed]) : trimmed;
    return isoUint8Array.concat([Uint8Array.of(0x02, body.length), body]);
  };
  const sequence = isoUint8Array.concat([integer(raw.slice(0, 32)), integer(raw.slice(32))]);
  return isoUint8Array.concat([Uint8Array.of(0x30, sequence.length), sequence]);
}
