import type { AuthenticatorParameters } from '../stories/support/mock.ts';

/** What a story may ask of the WebAuthn virtual authenticator that the test run gives each story. */
export interface VirtualAuthenticator {
  setUserVerified(isUserVerified: boolean): Promise<void>;
}

let current: VirtualAuthenticator | undefined;

/** Called by .storybook/vitest.setup.ts around each story test; nobody calls it in a person's Storybook. */
export function useVirtualAuthenticator(authenticator: VirtualAuthenticator | undefined): void {
  current = authenticator;
}

/** Applies the story's `parameters.authenticator` to the virtual authenticator, where there is one. */
export async function authenticatorBeforeEach(parameters: { authenticator?: AuthenticatorParameters }): Promise<void> {
  const { userVerified } = parameters.authenticator ?? {};
  if (current && userVerified !== undefined) await current.setUserVerified(userVerified);
}
