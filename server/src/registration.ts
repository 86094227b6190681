import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import { describe, signedChallenge, takeChallenge } from './challenges.ts';
import type { Handler } from './core.ts';
import { randomBytes, sha256 } from './crypto.ts';
import { invalidRequest, PasskeyHttpError, refuse } from './errors.ts';
import type { StoredCredential, StoredUser } from './store.ts';
import { descriptorOf, knownTransports } from './transports.ts';
import { base64UrlBytes, MAX_CREDENTIAL_ID_BYTES, readCredential, readName, readOpaque, readUsername } from './validate.ts';

/** WebAuthn's limit on `user.id`. */
const MAX_USER_HANDLE_BYTES = 64;

/**
 * `POST register/options` `{ username, displayName?, userId?, recoveryToken? }`: options for a new account, for a
 * passkey added to the signed-in account (the challenge is then bound to that session), or for a passkey added by
 * recovery (the token must be live; verify uses it up). An existing username without its session or a token: 409.
 */
export const registrationOptions: Handler = async (core, call) => {
  const { username, key } = readUsername(call.body);
  const displayName = readName(call.body, 'displayName', 256, true) ?? username;
  const requestedUserId = readOpaque(call.body, 'userId', MAX_USER_HANDLE_BYTES);
  const recoveryToken = readOpaque(call.body, 'recoveryToken', 256);
  await core.limits.account('options', key);

  const existing = await core.store.findUserByKey(key);
  const recoveryTokenHash = recoveryToken === undefined ? undefined : await sha256(recoveryToken);
  if (recoveryTokenHash !== undefined) {
    const token = await core.store.findRecoveryToken(recoveryTokenHash);
    if (!existing || !token || token.userId !== existing.userId || token.expiresAt <= core.now()) {
      throw refuse('recovery-invalid', 'recovery token unknown, expired or for another account');
    }
  }
  const signedInAsExisting = existing !== undefined && call.session?.user.userId === existing.userId;
  if (existing && recoveryTokenHash === undefined && !signedInAsExisting) {
    throw refuse('already-registered', 'username taken, and the request has neither its session nor a recovery token');
  }

  let account: Pick<StoredUser, 'userId' | 'username' | 'displayName' | 'userHandle'>;
  if (existing) {
    account = existing;
  } else {
    const userId = requestedUserId ?? isoBase64URL.fromBuffer(randomBytes(16));
    if (requestedUserId !== undefined && (await core.store.findUser(requestedUserId))) throw refuse('user-id-taken', 'requested userId exists');
    account = { userId, username, displayName, userHandle: isoBase64URL.fromBuffer(isoUint8Array.fromUTF8String(userId)) };
  }
  const userID = isoBase64URL.toBuffer(account.userHandle);
  if (userID.byteLength > MAX_USER_HANDLE_BYTES) throw invalidRequest(`userId must be at most ${MAX_USER_HANDLE_BYTES} bytes`);

  const options = await generateRegistrationOptions({
    rpName: core.options.rpName,
    rpID: core.options.rpID,
    userName: account.username,
    userID,
    userDisplayName: account.displayName,
    attestationType: 'none',
    excludeCredentials: existing ? (await core.store.listCredentials(existing.userId)).map(descriptorOf) : [],
    authenticatorSelection: { residentKey: 'preferred', userVerification: core.options.userVerification },
  });
  await core.store.putChallenge({
    ceremony: 'registration',
    challenge: options.challenge,
    expiresAt: core.now() + core.options.challengeTtlMs,
    ...account,
    usernameKey: key,
    existingUser: existing !== undefined,
    // Added while signed in: only this session may finish it. (A recovery is bound to its token instead.)
    sessionHash: signedInAsExisting && recoveryTokenHash === undefined ? call.session!.idHash : undefined,
    recoveryTokenHash,
  });
  return options;
};

/**
 * `POST register/verify` `{ username, credential }`: verifies the new passkey against its challenge and stores the
 * account (when new), the passkey and the used-up recovery token in one transaction, then starts a new session.
 */
export const verifyRegistration: Handler = async (core, call) => {
  const { key } = readUsername(call.body);
  const credential = readCredential(call.body, 'registration');
  const challenge = signedChallenge(credential);
  await core.limits.account('verify', key);
  const pending = await takeChallenge(core, challenge, 'registration');
  if (pending.usernameKey !== key) throw refuse('verification-failed', 'challenge was issued for another username');
  if (pending.sessionHash !== undefined && pending.sessionHash !== call.session?.idHash) {
    throw refuse('unauthorized', 'add-passkey options were taken in a session this request does not carry');
  }

  let info;
  try {
    const verification = await verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: [...core.options.origins],
      expectedRPID: core.options.rpID,
      requireUserVerification: core.options.userVerification === 'required',
    });
    if (!verification.verified) throw new Error('not verified');
    info = verification.registrationInfo;
  } catch (error) {
    throw refuse('verification-failed', describe(error));
  }
  // The id that is stored is the authenticator data's, which the library does not compare with the fields checked above.
  if (base64UrlBytes(info.credential.id) > MAX_CREDENTIAL_ID_BYTES) {
    throw refuse('verification-failed', `credential id of ${base64UrlBytes(info.credential.id)} bytes, more than ${MAX_CREDENTIAL_ID_BYTES}`);
  }

  const now = core.now();
  const stored: StoredCredential = {
    id: info.credential.id,
    userId: pending.userId,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: knownTransports(info.credential.transports),
    aaguid: info.aaguid,
    backedUp: info.credentialBackedUp,
    deviceType: info.credentialDeviceType,
    createdAt: now,
  };
  const { userId, username, usernameKey, displayName, userHandle } = pending;
  const result = await core.store.saveRegistration({
    newUser: pending.existingUser ? undefined : { userId, username, usernameKey, displayName, userHandle, createdAt: now },
    existingUserId: pending.existingUser ? userId : undefined,
    credential: stored,
    recoveryTokenHash: pending.recoveryTokenHash,
    now,
  });
  switch (result) {
    case 'saved':
      break;
    case 'username-taken':
      throw refuse('already-registered', 'username was registered since the options were issued');
    case 'credential-taken':
      throw new PasskeyHttpError('already-registered', 'credential id already stored', { publicMessage: 'This passkey is already registered' });
    case 'user-id-taken':
      throw refuse('user-id-taken', 'userId was taken since the options were issued');
    case 'no-such-user':
      throw refuse('verification-failed', 'the account was deleted since the options were issued');
    case 'recovery-token-invalid':
      throw refuse('recovery-invalid', 'recovery token used, replaced or expired since the options were issued');
  }

  const recovery = pending.recoveryTokenHash !== undefined;
  if (recovery && core.options.signOutEverywhereOnRecovery) await core.store.deleteSessionsOf(userId);
  call.setCookie = await core.sessions.start(userId, await core.sessions.presentedHash(call.cookieHeader));
  core.emit(call, { type: 'registered', userId, username, credentialId: stored.id, newAccount: !pending.existingUser, recovery });
  return { verified: true, userId, username, credentialId: stored.id };
};
