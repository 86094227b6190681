/**
 * WebAuthn Signal API calls (L3 §5.1.10): they tell the person's passkey provider what the server knows,
 * so it can hide or update passkeys. Best effort: where the browser lacks them, nothing happens and nothing throws.
 */

/** The static Signal API methods of `PublicKeyCredential`. */
export type SignalMethod = 'signalUnknownCredential' | 'signalAllAcceptedCredentials' | 'signalCurrentUserDetails';

/** Calls `PublicKeyCredential[method](options)` where the browser has it; resolves either way, never rejects. */
export async function sendSignal(method: SignalMethod, options: Record<string, unknown>): Promise<void> {
  const api = globalThis.PublicKeyCredential as unknown as Partial<Record<SignalMethod, (options: object) => Promise<void>>> | undefined;
  try {
    await api?.[method]?.(options);
  } catch {
    // The provider refused, or the browser knows the method but not these options: nothing to do.
  }
}

/** After a sign-in the server refused: it does not know this passkey (any more). */
export async function signalUnknownCredential(rpID: string, credentialID: string): Promise<void> {
  await sendSignal('signalUnknownCredential', { rpId: rpID, credentialId: credentialID });
}
