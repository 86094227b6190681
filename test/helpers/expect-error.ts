import { expect } from '@open-wc/testing';
import { PasskeyError, type PasskeyErrorCode, type PasskeyPhase } from '../../src/client/errors.ts';

/** Awaits a promise that must reject with a PasskeyError of this code and phase; returns the error for more checks. */
export async function expectPasskeyError(
  promise: Promise<unknown>,
  expected: { code: PasskeyErrorCode; phase: PasskeyPhase; status?: number },
): Promise<PasskeyError> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  expect(error, 'expected a rejection').to.be.instanceOf(PasskeyError);
  const passkeyError = error as PasskeyError;
  expect({ code: passkeyError.code, phase: passkeyError.phase }).to.deep.equal({ code: expected.code, phase: expected.phase });
  if (expected.status !== undefined) expect(passkeyError.status).to.equal(expected.status);
  return passkeyError;
}
