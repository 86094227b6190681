/**
 * A @web/test-runner plugin that gives each test page WebAuthn virtual authenticators through the
 * Chrome DevTools Protocol, so ceremonies in tests are real navigator.credentials calls.
 * Browser side: test/helpers/authenticator.ts.
 */
import { PLATFORM_AUTHENTICATOR } from './platform-authenticator.ts';

export function virtualAuthenticatorPlugin() {
  /** @type {WeakMap<object, Promise<{ cdp: any, authenticators: Set<string> }>>} */
  const byPage = new WeakMap();

  async function webauthnFor(page) {
    if (!byPage.has(page)) {
      byPage.set(
        page,
        (async () => {
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('WebAuthn.enable', { enableUI: false });
          return { cdp, authenticators: new Set() };
        })(),
      );
    }
    return byPage.get(page);
  }

  const commands = {
    async 'webauthn:add'({ cdp, authenticators }, payload) {
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { ...PLATFORM_AUTHENTICATOR, ...payload },
      });
      authenticators.add(authenticatorId);
      return authenticatorId;
    },
    async 'webauthn:remove'({ cdp, authenticators }, { authenticatorId }) {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      authenticators.delete(authenticatorId);
      return true;
    },
    async 'webauthn:remove-all'({ cdp, authenticators }) {
      for (const authenticatorId of authenticators) await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      authenticators.clear();
      return true;
    },
    async 'webauthn:set-user-verified'({ cdp }, { authenticatorId, isUserVerified }) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
      return true;
    },
    async 'webauthn:set-presence'({ cdp }, { authenticatorId, enabled }) {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
      return true;
    },
    async 'webauthn:credentials'({ cdp }, { authenticatorId }) {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials;
    },
    async 'webauthn:add-credential'({ cdp }, { authenticatorId, credential }) {
      await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
      return true;
    },
  };

  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      const run = commands[command];
      if (!run) return undefined;
      if (session.browser.type !== 'playwright') throw new Error(`${command} needs the playwright launcher`);
      const page = session.browser.getPage(session.id);
      return run(await webauthnFor(page), payload ?? {});
    },
  };
}
