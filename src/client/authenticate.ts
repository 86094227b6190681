import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { assertWebAuthn, expectVerified, invalid, isObject, runCeremony } from './ceremony.ts';
import type { ClientCore } from './client-core.ts';
import { PasskeyError } from './errors.ts';
import type { AuthenticateInput, AuthenticationResult, ServerJson } from './types.ts';
import { getCredential, hasAutofill } from './webauthn.ts';

/**
 * Signs in: with `username`, username-less (discoverable credential), or through autofill with
 * `mediation: 'conditional'`. (`PasskeyClient.authenticate`.)
 */
export function authenticate(client: ClientCore, input: AuthenticateInput = {}): Promise<AuthenticationResult> {
  return client.ceremony(input.signal, async (signal) => {
    assertWebAuthn();
    const conditional = input.mediation === 'conditional';
    if (conditional && !(await hasAutofill())) {
      throw new PasskeyError('not-supported', 'This browser cannot offer passkeys in autofill', { phase: 'ceremony' });
    }
    const username = input.username || undefined;
    const options = await client.request({
      endpoint: 'authenticate/options',
      body: username ? { username } : {},
      signal,
    });
    const optionsJSON = expectRequestOptions(options);
    input.onPrompt?.();
    const credential = await runCeremony(signal, 'get', () =>
      getCredential(optionsJSON, signal, { conditional, verifyAutofillInput: input.verifyBrowserAutofillInput ?? true }),
    );
    let response: ServerJson;
    try {
      response = expectVerified(
        await client.request({
          endpoint: 'authenticate/verify',
          body: { ...(username ? { username } : {}), credential },
          signal,
        }),
      );
    } catch (error) {
      // Tell the passkey provider to hide a passkey the server no longer knows (WebAuthn L3 §5.1.10). Loaded only then.
      if (error instanceof PasskeyError && error.code === 'unknown-credential') {
        await import('./signals.ts').then(
          (signals) => signals.signalUnknownCredential(optionsJSON.rpId ?? location.hostname, credential.id),
          () => undefined,
        );
      }
      throw error;
    }
    return {
      userId: String(response.userId),
      username: typeof response.username === 'string' ? response.username : (username ?? ''),
      response,
    };
  });
}

function expectRequestOptions(value: unknown): PublicKeyCredentialRequestOptionsJSON {
  if (!isObject(value) || typeof value.challenge !== 'string') {
    throw invalid('The sign-in options are incomplete (challenge missing)', 'options');
  }
  return value as unknown as PublicKeyCredentialRequestOptionsJSON;
}
