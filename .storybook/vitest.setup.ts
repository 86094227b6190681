import { afterEach, beforeEach } from 'vitest';
import { commands } from 'vitest/browser';
import { useVirtualAuthenticator } from './authenticator.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    addVirtualAuthenticator(): Promise<string>;
    removeVirtualAuthenticator(authenticatorId: string): Promise<void>;
    setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<void>;
  }
}

// Each story test gets a fresh virtual authenticator (see webauthn-commands.ts): no passkeys left over from another story.
let authenticatorId: string | undefined;

beforeEach(async () => {
  const id = await commands.addVirtualAuthenticator();
  authenticatorId = id;
  useVirtualAuthenticator({ setUserVerified: (isUserVerified) => commands.setUserVerified(id, isUserVerified) });
});

afterEach(async () => {
  useVirtualAuthenticator(undefined);
  if (authenticatorId) await commands.removeVirtualAuthenticator(authenticatorId);
  authenticatorId = undefined;
});
