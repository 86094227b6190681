import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { describe, signedChallenge, takeChallenge } from './challenges.ts';
import type { Handler } from './core.ts';
import { refuse } from './errors.ts';
import { descriptorOf } from './transports.ts';
import { readCredential, readUsername } from './validate.ts';

/** No account has this id: the lookup an unknown name makes, so it costs what a known name's does. */
const NO_ACCOUNT = '';

/**
 * `POST authenticate/options` `{ username? }`: with a username, `allowCredentials` lists the account's passkeys, or
 * made-up ones for a name without any (unknown, or all deleted), so the answer does not tell who has an account. Both
 * paths do the same indexed lookups and compute the decoys. Without a username: an empty list (discoverable passkey).
 */
export const authenticationOptions: Handler = async (core, call) => {
  const named = readUsername(call.body, true);
  let allowCredentials: { id: string; transports: string[] }[] = [];
  if (named) {
    await core.limits.account('options', named.key);
    const user = await core.store.findUserByKey(named.key);
    const real = await core.store.listCredentials(user?.userId ?? NO_ACCOUNT);
    const decoys = await core.decoys.for(named.key);
    allowCredentials = real.length > 0 ? real.map(descriptorOf) : decoys;
  }
  const options = await generateAuthenticationOptions({
    rpID: core.options.rpID,
    allowCredentials,
    userVerification: core.options.userVerification,
  });
  await core.store.putChallenge({
    ceremony: 'authentication',
    challenge: options.challenge,
    expiresAt: core.now() + core.options.challengeTtlMs,
    usernameKey: named?.key,
  });
  return options;
};

/**
 * `POST authenticate/verify` `{ username?, credential }`: the challenge is used up first; the passkey must be known,
 * belong to the account the body and the options named (and to the user handle sent), verify, and move its counter
 * forward by compare-and-set, so of two concurrent sign-ins with one counting passkey only one passes. A new session
 * replaces the one the request came with.
 */
export const verifyAuthentication: Handler = async (core, call) => {
  const named = readUsername(call.body, true);
  const credential = readCredential(call.body, 'authentication') as unknown as AuthenticationResponseJSON;
  const pending = await takeChallenge(core, signedChallenge(credential as never), 'authentication');

  const stored = await core.store.findCredential(credential.id);
  const user = stored && (await core.store.findUser(stored.userId));
  if (!stored || !user) throw refuse('unknown-credential', 'no stored passkey has this id');
  await core.limits.account('verify', user.usernameKey);
  if ((named && named.key !== user.usernameKey) || (pending.usernameKey !== undefined && pending.usernameKey !== user.usernameKey)) {
    throw refuse('verification-failed', 'the passkey belongs to another account than the one named');
  }
  const userHandle = credential.response.userHandle;
  if (userHandle && userHandle !== user.userHandle) throw refuse('verification-failed', 'userHandle is not the passkey account\'s');

  let info;
  try {
    const verification = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: pending.challenge,
      expectedOrigin: [...core.options.origins],
      expectedRPID: core.options.rpID,
      credential: { id: stored.id, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: stored.counter, transports: stored.transports },
      requireUserVerification: core.options.userVerification === 'required',
    });
    if (!verification.verified) throw new Error('not verified');
    info = verification.authenticationInfo;
  } catch (error) {
    throw refuse('verification-failed', describe(error));
  }
  const now = core.now();
  const applied = await core.store.recordSignIn(stored.id, stored.counter, { counter: info.newCounter, backedUp: info.credentialBackedUp, lastUsedAt: now });
  if (!applied) throw refuse('verification-failed', 'the counter moved during verification: a concurrent sign-in with this passkey won');

  call.setCookie = await core.sessions.start(user.userId, await core.sessions.presentedHash(call.cookieHeader));
  core.emit(call, { type: 'signed-in', userId: user.userId, username: user.username, credentialId: stored.id });
  return { verified: true, userId: user.userId, username: user.username };
};
