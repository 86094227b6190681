import { fromAbort, fromCeremonyError, PasskeyError, type PasskeyPhase } from './errors.ts';
import type { ServerJson } from './types.ts';
import { hasWebAuthn } from './webauthn.ts';

/** Runs the browser part of a ceremony (which `run` cancels when `signal` aborts) and maps how it failed. */
export async function runCeremony<T>(signal: AbortSignal, kind: 'create' | 'get', run: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw fromAbort(signal, 'ceremony');
  try {
    return await run();
  } catch (error) {
    if (signal.aborted) throw fromAbort(signal, 'ceremony', error);
    throw fromCeremonyError(error, kind);
  }
}

export function assertWebAuthn(): void {
  if (!hasWebAuthn()) {
    throw new PasskeyError('not-supported', 'This browser does not support passkeys', { phase: 'ceremony' });
  }
}

export function invalid(message: string, phase: PasskeyPhase): PasskeyError {
  return new PasskeyError('invalid-response', message, { phase });
}

export function isObject(value: unknown): value is ServerJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer of a verify endpoint, checked: `verified: true` and a `userId`. */
export function expectVerified(value: unknown): ServerJson {
  if (!isObject(value)) throw invalid('The verification answer is not a JSON object', 'verify');
  if (value.verified !== true) {
    const reason = typeof value.error === 'string' ? value.error : 'The server could not verify the passkey';
    throw new PasskeyError('verification-failed', reason, { phase: 'verify' });
  }
  if (typeof value.userId !== 'string' && typeof value.userId !== 'number') {
    throw invalid('The verification answer has no userId', 'verify');
  }
  return value;
}
