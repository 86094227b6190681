import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type VerifiedAuthenticationResponse,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import type { MockClock } from './clock.ts';
import { badRequest, MockHttpError } from './http-error.ts';
import type { MockStore, PendingChallenge, StoredCredential, StoredUser } from './store.ts';
import { readCredential, readText, type JsonObject } from './validate.ts';

export interface VerifierConfig {
  rpName: string;
  rpID: string;
  /** Origins a ceremony may come from (the page's origin, not the API's). */
  origins: string[];
  /** Where recovery links point; the token is added as `?token=`. */
  recoveryPageUrl: string;
  challengeTtlMs: number;
  recoveryTtlMs: number;
  sessionTtlMs: number;
}

/** One credential as `GET /credentials` returns it. */
export interface CredentialView {
  id: string;
  name?: string;
  createdAt: string;
  lastUsedAt?: string;
  transports: AuthenticatorTransport[];
  aaguid: string;
  backedUp: boolean;
  deviceType: StoredCredential['deviceType'];
}

type RegistrationChallenge = Extract<PendingChallenge, { ceremony: 'registration' }>;

const USERNAME = { max: 256 };
const OPTIONAL_USERNAME = { ...USERNAME, optional: true } as const;
/** Credential id lengths in bytes of common passkey providers, for the made-up credentials. */
const DECOY_ID_LENGTHS = [16, 20, 32];
const ALREADY_REGISTERED = 'This username is already registered. Sign in to add another passkey.';
const BAD_RECOVERY = 'This recovery link is invalid or has expired';

/** The server side of the protocol: ceremonies, sessions, credential management and recovery, over a MockStore. */
export class MockVerifier {
  readonly store: MockStore;
  readonly clock: MockClock;
  readonly config: VerifierConfig;
  readonly #decoySecret = randomBytes(32);
  /** The last `#isoNow()`: the time in ms and its ISO string, reused while the millisecond lasts. */
  #isoMs = NaN;
  #isoText = '';

  constructor(store: MockStore, clock: MockClock, config: VerifierConfig) {
    this.store = store;
    this.clock = clock;
    this.config = config;
  }

  async registrationOptions(body: JsonObject, sessionUserId?: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const username = readText(body, 'username', USERNAME);
    const displayName = readText(body, 'displayName', { max: 256, optional: true }) ?? username;
    const requestedUserId = readText(body, 'userId', { max: 64, optional: true });
    const recoveryToken = readText(body, 'recoveryToken', { max: 256, optional: true });

    const existing = this.store.findUserByName(username);
    if (recoveryToken && !this.#recoveryTokenFor(recoveryToken, existing)) throw badRequest(BAD_RECOVERY);
    if (existing && !recoveryToken && sessionUserId !== existing.userId) {
      throw new MockHttpError(409, ALREADY_REGISTERED, 'already-registered');
    }
    const userId = existing?.userId ?? requestedUserId ?? isoBase64URL.fromBuffer(randomBytes(16));
    if (!existing && this.store.users.has(userId)) throw new MockHttpError(409, 'userId is already in use');
    const userID = isoUint8Array.fromUTF8String(userId);
    if (userID.length > 64) throw badRequest('userId must be at most 64 bytes');

    const options = await generateRegistrationOptions({
      rpName: this.config.rpName,
      rpID: this.config.rpID,
      userName: username,
      userID,
      userDisplayName: existing?.displayName ?? displayName,
      attestationType: 'none',
      excludeCredentials: existing ? this.#descriptors(existing.userId) : [],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    this.#keepChallenge({
      ceremony: 'registration',
      challenge: options.challenge,
      expiresAt: this.clock.now() + this.config.challengeTtlMs,
      username,
      displayName,
      userId,
      userHandle: isoBase64URL.fromBuffer(userID),
      existingUser: Boolean(existing),
      ...(recoveryToken ? { recoveryToken } : {}),
    });
    return options;
  }

  async verifyRegistration(body: JsonObject): Promise<{ verified: true; userId: string; username: string; credentialId: string }> {
    const username = readText(body, 'username', USERNAME);
    const credential = readCredential(body, 'registration');
    // The pending challenge this response answers: taken (used up) by the library's challenge check, below.
    let pending: RegistrationChallenge | undefined;
    const take = (challenge: unknown): RegistrationChallenge => {
      const found = this.#takeChallenge(challenge, 'registration');
      if (found.username !== username) throw badRequest('This challenge was issued for another username', 'verification-failed');
      return found;
    };

    let verification: VerifiedRegistrationResponse;
    try {
      verification = await verifyRegistrationResponse({
        response: credential as unknown as RegistrationResponseJSON,
        // The library decodes clientDataJSON and hands us the challenge in it: the mock does not decode it again.
        expectedChallenge: (challenge) => {
          pending = take(challenge);
          return true;
        },
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpID,
        requireUserVerification: false,
      });
    } catch (error) {
      if (error instanceof MockHttpError) throw error;
      // Refused before its challenge check: the challenge is used up and checked all the same, first.
      if (!pending) take(this.#signedChallenge(credential));
      throw refused(error);
    }
    if (!verification.verified || !pending) throw badRequest('Verification failed', 'verification-failed');
    const info = verification.registrationInfo;
    if (this.store.credentials.has(info.credential.id)) {
      throw new MockHttpError(409, 'This passkey is already registered', 'already-registered');
    }

    const now = this.#isoNow();
    const user = this.#accountFor(pending, now);
    this.store.users.set(user.userId, user);
    this.store.credentials.set(info.credential.id, {
      id: info.credential.id,
      userId: user.userId,
      publicKey: base64url(info.credential.publicKey),
      counter: info.credential.counter,
      transports: (info.credential.transports ?? []) as AuthenticatorTransport[],
      aaguid: info.aaguid,
      backedUp: info.credentialBackedUp,
      deviceType: info.credentialDeviceType,
      createdAt: now,
    });
    return { verified: true, userId: user.userId, username: user.username, credentialId: info.credential.id };
  }

  async authenticationOptions(body: JsonObject): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const username = readText(body, 'username', OPTIONAL_USERNAME);
    let allowCredentials: { id: string; transports?: AuthenticatorTransport[] }[] = [];
    if (username) {
      const user = this.store.findUserByName(username);
      allowCredentials = user ? this.#descriptors(user.userId) : [];
      // An unknown name (or one with no passkey left) gets a stable made-up credential, so the answer looks like a known one's.
      if (allowCredentials.length === 0) allowCredentials = [await this.#decoyDescriptor(username)];
    }
    const options = await generateAuthenticationOptions({
      rpID: this.config.rpID,
      allowCredentials,
      userVerification: 'preferred',
    });
    this.#keepChallenge({
      ceremony: 'authentication',
      challenge: options.challenge,
      expiresAt: this.clock.now() + this.config.challengeTtlMs,
      ...(username ? { username } : {}),
    });
    return options;
  }

  async verifyAuthentication(body: JsonObject): Promise<{ verified: true; userId: string; username: string }> {
    const username = readText(body, 'username', OPTIONAL_USERNAME);
    const credential = readCredential(body, 'authentication') as unknown as AuthenticationResponseJSON;

    const stored = this.store.credentials.get(credential.id);
    const user = stored && this.store.users.get(stored.userId);
    if (!stored || !user) {
      // The challenge is used up and checked before the passkey is, as for every verify body.
      this.#takeChallenge(this.#signedChallenge(credential as unknown as JsonObject), 'authentication');
      throw badRequest('This passkey is not registered here', 'unknown-credential');
    }
    // Takes the pending challenge; then the username in the body, and the one the options were asked for, if any,
    // must both be the passkey's account, and a user handle sent must be the account's.
    let taken = false;
    const take = (challenge: unknown): true => {
      const pending = this.#takeChallenge(challenge, 'authentication');
      taken = true;
      if ((username && username !== user.username) || (pending.username && pending.username !== user.username)) {
        throw badRequest('This passkey does not belong to this account', 'verification-failed');
      }
      const userHandle = credential.response.userHandle;
      if (userHandle && userHandle !== user.userHandle) {
        throw badRequest('The user handle does not match this passkey', 'verification-failed');
      }
      return true;
    };

    let verification: VerifiedAuthenticationResponse;
    try {
      verification = await verifyAuthenticationResponse({
        response: credential,
        // The library decodes clientDataJSON and hands us the challenge in it: the mock does not decode it again.
        expectedChallenge: take,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpID,
        credential: {
          id: stored.id,
          publicKey: isoBase64URL.toBuffer(stored.publicKey),
          counter: stored.counter,
          transports: stored.transports,
        },
        requireUserVerification: false,
      });
    } catch (error) {
      if (error instanceof MockHttpError) throw error;
      // Refused before its challenge check: the challenge is used up and checked all the same, first.
      if (!taken) take(this.#signedChallenge(credential as unknown as JsonObject));
      throw refused(error);
    }
    if (!verification.verified) throw badRequest('Verification failed', 'verification-failed');
    stored.counter = verification.authenticationInfo.newCounter;
    stored.backedUp = verification.authenticationInfo.credentialBackedUp;
    stored.lastUsedAt = this.#isoNow();
    return { verified: true, userId: user.userId, username: user.username };
  }

  listCredentials(userId: string): CredentialView[] {
    return this.store
      .credentialsOf(userId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(toView);
  }

  renameCredential(userId: string, credentialId: string, body: JsonObject): CredentialView {
    const name = readText(body, 'name', { max: 64 });
    const credential = this.#ownCredential(userId, credentialId);
    credential.name = name;
    return toView(credential);
  }

  deleteCredential(userId: string, credentialId: string): { success: true } {
    this.#ownCredential(userId, credentialId);
    this.store.credentials.delete(credentialId);
    return { success: true };
  }

  /** Always answers the same, whether or not the account exists; a known account gets a link in the outbox. */
  sendRecovery(body: JsonObject): { success: true } {
    const username = readText(body, 'username', USERNAME);
    const user = this.store.findUserByName(username);
    if (user) {
      const token = isoBase64URL.fromBuffer(randomBytes(32));
      this.store.recoveryTokens.set(token, {
        token,
        userId: user.userId,
        expiresAt: this.clock.now() + this.config.recoveryTtlMs,
      });
      const link = `${this.config.recoveryPageUrl}?token=${encodeURIComponent(token)}`;
      this.store.outbox.push({
        to: user.username,
        subject: 'Sign in again with a new passkey',
        text: `Follow this link within ${this.config.recoveryTtlMs / 60_000} minutes to add a new passkey: ${link}`,
        link,
        token,
        sentAt: this.#isoNow(),
      });
    }
    return { success: true };
  }

  startSession(userId: string): string {
    const id = isoBase64URL.fromBuffer(randomBytes(32));
    this.store.sessions.set(id, { id, userId, expiresAt: this.clock.now() + this.config.sessionTtlMs });
    return id;
  }

  /** The signed-in user of a session id, if the session exists and has not expired. */
  sessionUser(sessionId: string | undefined): StoredUser | undefined {
    if (!sessionId) return undefined;
    const session = this.store.sessions.get(sessionId);
    if (!session || session.expiresAt <= this.clock.now()) return undefined;
    return this.store.users.get(session.userId);
  }

  endSession(sessionId: string | undefined): void {
    if (sessionId) this.store.sessions.delete(sessionId);
  }

  /** `new Date(this.clock.now()).toISOString()`, formatted once per millisecond. */
  #isoNow(): string {
    const ms = this.clock.now();
    if (ms !== this.#isoMs) {
      this.#isoMs = ms;
      this.#isoText = new Date(ms).toISOString();
    }
    return this.#isoText;
  }

  #keepChallenge(pending: PendingChallenge): void {
    // Options that are never answered would pile up in a long-running mock: sweep the expired ones now and then.
    if (this.store.challenges.size >= 1000) this.store.dropExpiredChallenges(this.clock.now());
    this.store.challenges.set(pending.challenge, pending);
  }

  /**
   * Uses up the pending challenge that the browser signed (`challenge`, from clientDataJSON), or refuses: unknown,
   * expired, or issued for the other ceremony. Every challenge is used at most once, whatever happens next.
   */
  #takeChallenge<C extends PendingChallenge['ceremony']>(challenge: unknown, ceremony: C): Extract<PendingChallenge, { ceremony: C }> {
    const pending = typeof challenge === 'string' ? this.store.takeChallenge(challenge) : undefined;
    if (!pending || pending.ceremony !== ceremony || pending.expiresAt <= this.clock.now()) {
      throw badRequest('Challenge not found or expired', 'verification-failed');
    }
    return pending as Extract<PendingChallenge, { ceremony: C }>;
  }

  /**
   * The challenge in the verify body's clientDataJSON, decoded by the mock itself. Only needed when the library
   * refused the response before its challenge check (which hands the challenge to the mock): a garbled clientDataJSON,
   * a wrong type, id and rawId that differ. The mock answers those as it always has, challenge first.
   */
  #signedChallenge(credential: JsonObject): unknown {
    try {
      return decodeClientDataJSON((credential.response as { clientDataJSON: string }).clientDataJSON).challenge;
    } catch {
      throw badRequest('credential.response.clientDataJSON is not valid');
    }
  }

  /** The account a verified registration belongs to: the existing one it was issued for, or a new one. */
  #accountFor(pending: RegistrationChallenge, now: string): StoredUser {
    if (pending.existingUser) {
      const user = this.store.users.get(pending.userId);
      if (!user) throw badRequest('This account no longer exists');
      if (pending.recoveryToken && !this.#takeRecoveryToken(pending.recoveryToken, user)) throw badRequest(BAD_RECOVERY);
      return user;
    }
    if (this.store.findUserByName(pending.username) || this.store.users.has(pending.userId)) {
      throw new MockHttpError(409, ALREADY_REGISTERED, 'already-registered');
    }
    return {
      userId: pending.userId,
      username: pending.username,
      displayName: pending.displayName,
      userHandle: pending.userHandle,
      createdAt: now,
    };
  }

  #recoveryTokenFor(token: string, user: StoredUser | undefined): boolean {
    const stored = this.store.recoveryTokens.get(token);
    return Boolean(user && stored && stored.userId === user.userId && stored.expiresAt > this.clock.now());
  }

  #takeRecoveryToken(token: string, user: StoredUser): boolean {
    const valid = this.#recoveryTokenFor(token, user);
    this.store.recoveryTokens.delete(token);
    return valid;
  }

  #ownCredential(userId: string, credentialId: string): StoredCredential {
    const credential = this.store.credentials.get(credentialId);
    if (!credential || credential.userId !== userId) throw new MockHttpError(404, 'Passkey not found');
    return credential;
  }

  #descriptors(userId: string) {
    return this.store.credentialsOf(userId).map(({ id, transports }) => ({ id, transports }));
  }

  /**
   * A made-up credential for `username`, the same on every call: its bytes and its length come from an HMAC of the
   * name, so unknown names do not share one telltale length. Its transports are a platform passkey's, as most are.
   */
  async #decoyDescriptor(username: string) {
    const key = await crypto.subtle.importKey('raw', this.#decoySecret, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username)));
    const length = DECOY_ID_LENGTHS[mac[0]! % DECOY_ID_LENGTHS.length]!;
    return { id: isoBase64URL.fromBuffer(mac.slice(1, 1 + length)), transports: ['internal', 'hybrid'] as AuthenticatorTransport[] };
  }
}

function toView(credential: StoredCredential): CredentialView {
  const { id, name, createdAt, lastUsedAt, transports, aaguid, backedUp, deviceType } = credential;
  return { id, ...(name ? { name } : {}), createdAt, ...(lastUsedAt ? { lastUsedAt } : {}), transports, aaguid, backedUp, deviceType };
}

/** What a @simplewebauthn/server check's throw (bad signature, origin, counter…) becomes: a 400. */
function refused(error: unknown): MockHttpError {
  const reason = error instanceof Error ? error.message : String(error);
  return badRequest(`Verification failed: ${reason}`, 'verification-failed');
}

/**
 * `isoBase64URL.fromBuffer(bytes)`: Node's native encoder where there is one (the mock in Node; not the `buffer`
 * polyfill a bundler may put in a page, which lacks base64url), else the library's. It runs on every registration, for
 * the public key, and the library's (pure JS) costs several µs and kilobytes of garbage.
 */
export const base64url: (bytes: Uint8Array<ArrayBuffer>) => string =
  typeof Buffer === 'function' && Buffer.isEncoding('base64url')
    ? (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
    : (bytes) => isoBase64URL.fromBuffer(bytes);

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}
