import { expect } from '@open-wc/testing';
import { detectPasskeySupport } from './support.ts';
import { VirtualAuthenticator } from '../../test/helpers/authenticator.ts';

describe('detectPasskeySupport', () => {
  afterEach(() => VirtualAuthenticator.removeAll());

  it('reports WebAuthn, a platform authenticator, autofill and client capabilities in Chromium', async () => {
    await VirtualAuthenticator.add({ transport: 'internal', hasUserVerification: true });
    const support = await detectPasskeySupport();
    expect(support).to.include({ webauthn: true, platformAuthenticator: true, conditionalMediation: true });
    expect(support.capabilities).to.be.an('object');
    expect(support.capabilities).to.have.property('conditionalGet', true);
  });

  it('reports nothing, without throwing, where WebAuthn is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', { configurable: true, value: undefined });
    try {
      expect(await detectPasskeySupport()).to.deep.equal({
        webauthn: false,
        platformAuthenticator: false,
        conditionalMediation: false,
        capabilities: undefined,
      });
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });
});
