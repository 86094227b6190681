import { PasskeyError, type PasskeyPhase } from '../../client/errors.ts';

/**
 * What the elements' controllers catch, as a PasskeyError. The client only throws PasskeyErrors; anything else is a
 * bug somewhere, still reported with a code (`unknown`) and the `phase` it happened in.
 */
export function toPasskeyError(error: unknown, phase: PasskeyPhase): PasskeyError {
  if (error instanceof PasskeyError) return error;
  return new PasskeyError('unknown', error instanceof Error ? error.message : String(error), { phase, cause: error });
}
