import { hasAutofill, hasWebAuthn } from './webauthn.ts';

/** What this browser can do with passkeys. */
export interface PasskeySupport {
  /** `PublicKeyCredential` and `navigator.credentials` exist (and the context is secure). */
  webauthn: boolean;
  /** A built-in authenticator with user verification (Touch ID, Windows Hello, Android screen lock) is available. */
  platformAuthenticator: boolean;
  /** Passkeys can be offered in the autofill of a username field (conditional mediation). */
  conditionalMediation: boolean;
  /** `PublicKeyCredential.getClientCapabilities()`, where the browser has it. */
  capabilities: Record<string, boolean> | undefined;
}

/** Whether this browser has WebAuthn at all; synchronous, for deciding what to render. */
export const supportsWebAuthn: () => boolean = hasWebAuthn;

type Probe = typeof PublicKeyCredential & { getClientCapabilities?: () => Promise<Record<string, boolean>> };

/** Detects passkey support without throwing: a missing feature reads as `false`. */
export async function detectPasskeySupport(): Promise<PasskeySupport> {
  const webauthn = hasWebAuthn();
  if (!webauthn) return { webauthn, platformAuthenticator: false, conditionalMediation: false, capabilities: undefined };
  const probe = globalThis.PublicKeyCredential as Probe;
  const [platformAuthenticator, conditionalMediation, capabilities] = await Promise.all([
    probe.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false),
    hasAutofill().catch(() => false),
    probe.getClientCapabilities?.().catch(() => undefined),
  ]);
  return { webauthn, platformAuthenticator, conditionalMediation, capabilities };
}
