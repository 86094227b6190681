import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { assertWebAuthn, expectVerified, invalid, isObject, runCeremony } from './ceremony.ts';
import type { ClientCore } from './client-core.ts';
import type { RegisterInput, RegistrationResult } from './types.ts';
import { createCredential } from './webauthn.ts';

/** Creates a passkey for `username` and has the server verify and store it. (`PasskeyClient.register`.) */
export function register(client: ClientCore, input: RegisterInput): Promise<RegistrationResult> {
  return client.ceremony(input.signal, async (signal) => {
    assertWebAuthn();
    const { username, displayName = username, userId, recoveryToken } = input;
    const options = await client.request({
      endpoint: 'register/options',
      body: { username, displayName, ...(userId ? { userId } : {}), ...(recoveryToken ? { recoveryToken } : {}) },
      signal,
    });
    const optionsJSON = expectCreationOptions(options);
    input.onPrompt?.();
    const credential = await runCeremony(signal, 'create', () => createCredential(optionsJSON, signal));
    const response = expectVerified(
      await client.request({
        endpoint: 'register/verify',
        body: { username, credential, ...(recoveryToken ? { recoveryToken } : {}) },
        signal,
      }),
    );
    return {
      userId: String(response.userId),
      username: typeof response.username === 'string' ? response.username : username,
      credentialId: typeof response.credentialId === 'string' ? response.credentialId : credential.id,
      response,
    };
  });
}

function expectCreationOptions(value: unknown): PublicKeyCredentialCreationOptionsJSON {
  const ok =
    isObject(value) &&
    typeof value.challenge === 'string' &&
    isObject(value.rp) &&
    isObject(value.user) &&
    typeof value.user.id === 'string' &&
    Array.isArray(value.pubKeyCredParams);
  if (!ok) throw invalid('The registration options are incomplete (challenge, rp, user or pubKeyCredParams missing)', 'options');
  return value as unknown as PublicKeyCredentialCreationOptionsJSON;
}
