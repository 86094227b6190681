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

const USERNAME = { max: 256 };
const ALREADY_REGISTERED = 'This username is already registered. Sign in to add another passkey.';
const BAD_RECOVERY = 'This recovery link is invalid or has expired';

/** The server side of the protocol: ceremonies, sessions, credential management and recovery, over a MockStore. */
export class MockVerifier {
  readonly store: MockStore;
  readonly clock: MockClock;
  readonly config: VerifierConfig;
  readonly #decoySecret = randomBytes(32);

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
    const pending = this.#takeChallenge(credential, 'registration');
    if (pending.username !== username) throw badRequest('This challenge was issued for another username', 'verification-failed');

    const verification = await verifyOrRefuse(() =>
      verifyRegistrationResponse({
        response: credential as unknown as RegistrationResponseJSON,
        expectedChallenge: pending.challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpID,
        requireUserVerification: false,
      }),
    );
    if (!verification.verified) throw badRequest('Verification failed', 'verification-failed');
    const info = verification.registrationInfo;
    if (this.store.credentials.has(info.credential.id)) {
      throw new MockHttpError(409, 'This passkey is already registered', 'already-registered');
    }

    const user = this.#accountFor(pending);
    const now = new Date(this.clock.now()).toISOString();
    this.store.users.set(user.userId, user);
    this.store.credentials.set(info.credential.id, {
      id: info.credential.id,
      userId: user.userId,
      publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
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
    const username = readText(body, 'username', { ...USERNAME, optional: true });
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
    const username = readText(body, 'username', { ...USERNAME, optional: true });
    const credential = readCredential(body, 'authentication') as unknown as AuthenticationResponseJSON;
    const pending = this.#takeChallenge(credential as unknown as JsonObject, 'authentication');

    const stored = this.store.credentials.get(credential.id);
    if (!stored) throw badRequest('This passkey is not registered here', 'unknown-credential');
    const user = this.store.users.get(stored.userId);
    if (!user) throw badRequest('This passkey is not registered here', 'unknown-credential');
    const claimed = [username, pending.username].filter(Boolean);
    if (claimed.some((name) => name !== user.username)) {
      throw badRequest('This passkey does not belong to this account', 'verification-failed');
    }
    const userHandle = credential.response.userHandle;
    if (userHandle && userHandle !== user.userHandle) {
      throw badRequest('The user handle does not match this passkey', 'verification-failed');
    }

    const verification = await verifyOrRefuse(() =>
      verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: pending.challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.config.rpID,
        credential: {
          id: stored.id,
          publicKey: isoBase64URL.toBuffer(stored.publicKey),
          counter: stored.counter,
          transports: stored.transports,
        },
        requireUserVerification: false,
      }),
    );
    if (!verification.verified) throw badRequest('Verification failed', 'verification-failed');
    stored.counter = verification.authenticationInfo.newCounter;
    stored.backedUp = verification.authenticationInfo.credentialBackedUp;
    stored.lastUsedAt = new Date(this.clock.now()).toISOString();
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
        sentAt: new Date(this.clock.now()).toISOString(),
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

  #keepChallenge(pending: PendingChallenge): void {
    // Options that are never answered would pile up in a long-running mock: sweep the expired ones now and then.
    if (this.store.challenges.size >= 1000) this.store.dropExpiredChallenges(this.clock.now());
    this.store.challenges.set(pending.challenge, pending);
  }

  /** Finds the challenge this verify body answers, by the one the browser signed, and uses it up. */
  #takeChallenge<C extends PendingChallenge['ceremony']>(
    credential: JsonObject,
    ceremony: C,
  ): Extract<PendingChallenge, { ceremony: C }> {
    let challenge: unknown;
    try {
      challenge = decodeClientDataJSON((credential.response as { clientDataJSON: string }).clientDataJSON).challenge;
    } catch {
      throw badRequest('credential.response.clientDataJSON is not valid');
    }
    const pending = typeof challenge === 'string' ? this.store.takeChallenge(challenge) : undefined;
    if (!pending || pending.ceremony !== ceremony || pending.expiresAt <= this.clock.now()) {
      throw badRequest('Challenge not found or expired', 'verification-failed');
    }
    return pending as Extract<PendingChallenge, { ceremony: C }>;
  }

  /** The account a verified registration belongs to: the existing one it was issued for, or a new one. */
  #accountFor(pending: Extract<PendingChallenge, { ceremony: 'registration' }>): StoredUser {
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
      createdAt: new Date(this.clock.now()).toISOString(),
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

  async #decoyDescriptor(username: string) {
    const key = await crypto.subtle.importKey('raw', this.#decoySecret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username));
    return { id: isoBase64URL.fromBuffer(new Uint8Array(mac)), transports: ['internal', 'hybrid'] as AuthenticatorTransport[] };
  }
}

function toView(credential: StoredCredential): CredentialView {
  const { id, name, createdAt, lastUsedAt, transports, aaguid, backedUp, deviceType } = credential;
  return { id, ...(name ? { name } : {}), createdAt, ...(lastUsedAt ? { lastUsedAt } : {}), transports, aaguid, backedUp, deviceType };
}

/** Runs a @simplewebauthn/server check; its throws (bad signature, origin, counter…) become a 400. */
async function verifyOrRefuse<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`Verification failed: ${reason}`, 'verification-failed');
  }
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}
