import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import type { Core } from './core.ts';
import { invalidRequest, refuse } from './errors.ts';
import type { JsonObject } from './request-body.ts';
import type { PendingChallenge } from './store.ts';

/** Longer than any challenge the server issues (32 bytes, base64url): not worth a store lookup. */
const MAX_CHALLENGE_LENGTH = 128;

/** The challenge the browser signed: the one in the response's clientDataJSON. */
export function signedChallenge(credential: JsonObject): string {
  let challenge: unknown;
  try {
    challenge = decodeClientDataJSON((credential.response as { clientDataJSON: string }).clientDataJSON).challenge;
  } catch {
    throw invalidRequest('credential.response.clientDataJSON is not valid');
  }
  if (typeof challenge !== 'string') throw invalidRequest('credential.response.clientDataJSON has no challenge');
  return challenge;
}

/**
 * Uses up the pending challenge `challenge`, or refuses: unknown, already used, expired, or issued for the other
 * ceremony. Taken before anything else is checked, so every challenge serves at most one attempt, on any instance.
 */
export async function takeChallenge<C extends PendingChallenge['ceremony']>(
  core: Core,
  challenge: string,
  ceremony: C,
): Promise<Extract<PendingChallenge, { ceremony: C }>> {
  const pending = challenge.length <= MAX_CHALLENGE_LENGTH ? await core.store.takeChallenge(challenge) : undefined;
  if (!pending) throw refuse('verification-failed', 'challenge unknown or already used');
  if (pending.ceremony !== ceremony) throw refuse('verification-failed', `challenge was issued for ${pending.ceremony}`);
  if (pending.expiresAt <= core.now()) throw refuse('verification-failed', 'challenge expired');
  return pending as Extract<PendingChallenge, { ceremony: C }>;
}

/** A library's refusal, in the words of the library: for `onEvent` only. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
