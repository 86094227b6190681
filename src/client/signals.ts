import { sendSignal } from '@simplewebauthn/browser';

/**
 * WebAuthn Signal API calls (L3 §5.1.10): they tell the person's passkey provider what the server knows,
 * so it can hide or update passkeys. Best effort: where the browser lacks them, nothing happens and nothing throws.
 */
export async function signalUnknownCredential(rpID: string, credentialID: string): Promise<void> {
  await sendSignal({ signalName: 'unknownCredential', rpID, credentialID }).catch(() => undefined);
}
