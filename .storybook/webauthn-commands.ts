import type { CDPSession, Page } from 'playwright';
import type { BrowserCommand } from 'vitest/node';
import { PLATFORM_AUTHENTICATOR } from '../test/platform-authenticator.ts';

/**
 * Vitest browser commands (run in Node, on the page's Chrome DevTools Protocol session) that give each story
 * test a WebAuthn virtual authenticator, so play functions run real navigator.credentials ceremonies.
 * Browser side: .storybook/vitest.setup.ts.
 */
const sessions = new WeakMap<Page, Promise<CDPSession>>();

function webauthn(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page).then(async (cdp) => {
      await cdp.send('WebAuthn.enable', { enableUI: false });
      return cdp;
    });
    sessions.set(page, session);
  }
  return session;
}

/** A platform passkey provider with user verification, which answers at once as a person would. */
const addVirtualAuthenticator: BrowserCommand<[]> = async ({ page }) => {
  const { authenticatorId } = await (await webauthn(page)).send('WebAuthn.addVirtualAuthenticator', {
    options: PLATFORM_AUTHENTICATOR,
  });
  return authenticatorId;
};

const removeVirtualAuthenticator: BrowserCommand<[authenticatorId: string]> = async ({ page }, authenticatorId) => {
  await (await webauthn(page)).send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
};

const setUserVerified: BrowserCommand<[authenticatorId: string, isUserVerified: boolean]> = async ({ page }, authenticatorId, isUserVerified) => {
  await (await webauthn(page)).send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
};

export const webauthnCommands = { addVirtualAuthenticator, removeVirtualAuthenticator, setUserVerified };
