import {
  bufferToBase64URLString,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/**
 * For browsers without WebAuthn's JSON methods, and for credentials without `toJSON()`: loaded by webauthn.ts
 * only when needed.
 */

export function createCredential(optionsJSON: PublicKeyCredentialCreationOptionsJSON, signal: AbortSignal): Promise<RegistrationResponseJSON> {
  return cancelledBy(signal, () => startRegistration({ optionsJSON }));
}

export function getCredential(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  signal: AbortSignal,
  conditional: boolean,
): Promise<AuthenticationResponseJSON> {
  // webauthn.ts has checked the autofill input already.
  return cancelledBy(signal, () => startAuthentication({ optionsJSON, useBrowserAutofill: conditional, verifyBrowserAutofillInput: false }));
}

/** @simplewebauthn/browser takes no signal: it cancels through its own abort service. */
async function cancelledBy<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const cancel = () => WebAuthnAbortService.cancelCeremony();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await run();
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

type AnyResponse = AuthenticatorResponse &
  Partial<AuthenticatorAttestationResponse> &
  Partial<Pick<AuthenticatorAssertionResponse, 'signature' | 'userHandle'>> & { authenticatorData?: ArrayBuffer };

/** A credential as `toJSON()` would give it (WebAuthn L3 §5.1.8), field by field; what it lacks is left out. */
export function credentialToJSON(credential: PublicKeyCredential): RegistrationResponseJSON | AuthenticationResponseJSON {
  const response = credential.response as AnyResponse;
  const encode = (buffer: ArrayBuffer | null | undefined) => (buffer ? bufferToBase64URLString(buffer) : undefined);
  const call = <T>(method: (() => T) | undefined) => {
    try {
      return method?.call(response);
    } catch {
      return undefined; // an extension's broken getter: the server copes without it
    }
  };
  const json = response.attestationObject
    ? {
        clientDataJSON: encode(response.clientDataJSON),
        attestationObject: encode(response.attestationObject),
        transports: call(response.getTransports),
        publicKeyAlgorithm: call(response.getPublicKeyAlgorithm),
        publicKey: encode(call(response.getPublicKey)),
        authenticatorData: encode(call(response.getAuthenticatorData)),
      }
    : {
        clientDataJSON: encode(response.clientDataJSON),
        authenticatorData: encode(response.authenticatorData),
        signature: encode(response.signature),
        userHandle: encode(response.userHandle),
      };
  return {
    id: credential.id,
    rawId: encode(credential.rawId)!,
    type: 'public-key',
    response: json,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: (credential.authenticatorAttachment ?? undefined) as AuthenticatorAttachment | undefined,
  } as RegistrationResponseJSON | AuthenticationResponseJSON;
}
