import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { PasskeyError } from './errors.ts';

/**
 * The browser half of a ceremony, in JSON both ways. Browsers with WebAuthn Level 3's JSON methods
 * (`PublicKeyCredential.parse*OptionsFromJSON`, `credential.toJSON()`; in every major browser since March 2025)
 * need no code of ours for that; elsewhere @simplewebauthn/browser does it, loaded only then, so most pages never
 * download it.
 */
type JsonApi = {
  parseCreationOptionsFromJSON?: (options: PublicKeyCredentialCreationOptionsJSON) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (options: PublicKeyCredentialRequestOptionsJSON) => PublicKeyCredentialRequestOptions;
};

const jsonApi = () => globalThis.PublicKeyCredential as unknown as JsonApi | undefined;

/** Whether this browser has WebAuthn at all. */
export function hasWebAuthn(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function';
}

/** Whether passkeys can be offered in the autofill of a username field. */
export async function hasAutofill(): Promise<boolean> {
  const probe = globalThis.PublicKeyCredential as { isConditionalMediationAvailable?: () => Promise<boolean> } | undefined;
  return hasWebAuthn() && Boolean(await probe?.isConditionalMediationAvailable?.());
}

/**
 * `navigator.credentials.create()` from the server's options; resolves with the credential to send back. `signal` is
 * the ceremony's turn (`ClientCore.ceremony`), which a newer ceremony on the page aborts.
 */
export async function createCredential(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
  signal: AbortSignal,
): Promise<RegistrationResponseJSON> {
  const parse = jsonApi()?.parseCreationOptionsFromJSON;
  if (!parse) return (await fallback()).createCredential(optionsJSON, signal);
  const credential = await navigator.credentials.create({ publicKey: parse(optionsJSON), signal });
  return (await toJSON(credential)) as RegistrationResponseJSON;
}

/** `navigator.credentials.get()` from the server's options; `conditional` offers the passkeys in autofill. */
export async function getCredential(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  signal: AbortSignal,
  { conditional = false, verifyAutofillInput = true } = {},
): Promise<AuthenticationResponseJSON> {
  if (conditional) {
    if (!(await hasAutofill())) throw autofillUnsupported('This browser cannot offer passkeys in autofill');
    // Browsers offer passkeys only in an input whose last autocomplete token is `webauthn`.
    if (verifyAutofillInput && !document.querySelector("input[autocomplete$='webauthn']")) {
      throw autofillUnsupported('No <input> with "webauthn" as the last token of its autocomplete attribute is on the page');
    }
    // Autofill lists every passkey of this site; an allow-list would hide the others.
    optionsJSON = { ...optionsJSON, allowCredentials: [] };
  }
  const parse = jsonApi()?.parseRequestOptionsFromJSON;
  if (!parse) return (await fallback()).getCredential(optionsJSON, signal, conditional);
  const credential = await navigator.credentials.get({
    publicKey: parse(optionsJSON),
    signal,
    ...(conditional ? { mediation: 'conditional' as CredentialMediationRequirement } : {}),
  });
  return (await toJSON(credential)) as AuthenticationResponseJSON;
}

/**
 * The credential as JSON. Password-manager extensions that stand in for `navigator.credentials` may answer with an
 * object lacking `toJSON()`: the fallback serializes those field by field.
 */
async function toJSON(credential: Credential | null): Promise<unknown> {
  if (!credential) throw new PasskeyError('unknown', 'The browser returned no credential', { phase: 'ceremony' });
  const native = credential as PublicKeyCredential & { toJSON?: () => unknown };
  return typeof native.toJSON === 'function' ? native.toJSON() : (await fallback()).credentialToJSON(native);
}

const fallback = () => import('./webauthn-fallback.ts');

function autofillUnsupported(message: string): PasskeyError {
  return new PasskeyError('not-supported', message, { phase: 'ceremony' });
}
