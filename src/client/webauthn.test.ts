import { expect } from '@open-wc/testing';
import { PasskeyClient } from './passkey-client.ts';
import { PasskeyError } from './errors.ts';
import { nextCredentialRequest, VirtualAuthenticator } from '../../test/helpers/authenticator.ts';
import { expectPasskeyError } from '../../test/helpers/expect-error.ts';
import { api, freshMock, signOut } from '../../test/helpers/mock.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';

/** Replaces `PublicKeyCredential[name]` (or `navigator.credentials[name]`) until `restore()`. */
function replace<T extends object>(target: T, name: string, value: unknown): { restore(): void } {
  const original = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { configurable: true, writable: true, value });
  return { restore: () => (original ? Object.defineProperty(target, name, original) : delete (target as Record<string, unknown>)[name]) };
}

describe('the browser half of a ceremony', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let restores: { restore(): void }[];

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    restores = [];
  });

  afterEach(async () => {
    restores.reverse().forEach((stub) => stub.restore());
    await VirtualAuthenticator.removeAll();
  });

  it('uses the browser’s own JSON methods where it has them', async () => {
    const parsed: string[] = [];
    for (const name of ['parseCreationOptionsFromJSON', 'parseRequestOptionsFromJSON'] as const) {
      const native = (PublicKeyCredential as unknown as Record<string, (options: unknown) => unknown>)[name]!;
      restores.push(replace(PublicKeyCredential, name, (options: unknown) => (parsed.push(name), native.call(PublicKeyCredential, options))));
    }
    const client = new PasskeyClient();
    const registered = await client.register({ username: 'alice' });
    await signOut();
    const signedIn = await client.authenticate();

    expect(parsed).to.deep.equal(['parseCreationOptionsFromJSON', 'parseRequestOptionsFromJSON']);
    expect(signedIn.userId).to.equal(registered.userId);
  });

  it('works in a browser without them, through @simplewebauthn/browser', async () => {
    // Chromium has the JSON methods and the virtual authenticator cannot take them away: remove them, as browsers
    // from before 2025 lack them.
    restores.push(replace(PublicKeyCredential, 'parseCreationOptionsFromJSON', undefined));
    restores.push(replace(PublicKeyCredential, 'parseRequestOptionsFromJSON', undefined));
    const client = new PasskeyClient();

    const registered = await client.register({ username: 'alice', displayName: 'Alice' });
    await signOut();
    const signedIn = await client.authenticate({ username: 'alice' });

    expect(signedIn).to.include({ userId: registered.userId, username: 'alice' });
    const [stored] = mock.store.snapshot().credentials;
    expect(stored).to.include({ id: registered.credentialId, counter: 2 });
    expect(stored!.transports).to.include('internal');
  });

  it('serializes a credential that has no toJSON(), as some password-manager extensions answer', async () => {
    // An extension standing in for navigator.credentials is not something the virtual authenticator can be:
    // wrap the real credential so that it lacks toJSON().
    const withoutToJSON = (credential: Credential | null) =>
      new Proxy(credential as PublicKeyCredential, {
        get: (target, key) => {
          const value: unknown = key === 'toJSON' ? undefined : Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const { create, get } = navigator.credentials;
    restores.push(replace(navigator.credentials, 'create', (options: CredentialCreationOptions) => create.call(navigator.credentials, options).then(withoutToJSON)));
    restores.push(replace(navigator.credentials, 'get', (options: CredentialRequestOptions) => get.call(navigator.credentials, options).then(withoutToJSON)));
    const client = new PasskeyClient();

    const registered = await client.register({ username: 'alice' });
    await signOut();
    const signedIn = await client.authenticate();

    expect(signedIn.userId).to.equal(registered.userId);
    const [stored] = mock.store.snapshot().credentials;
    expect(stored!.transports, 'from getTransports()').to.include('internal');
    expect(stored!.counter).to.equal(2);
  });

  it('refuses options whose challenge is not base64url before any prompt, and stores nothing', async () => {
    const notBase64url = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (String(input) !== api('register/options')) return response;
      return Response.json({ ...(await response.json()), challenge: 'not base64url!' });
    };
    const client = new PasskeyClient({ fetch: notBase64url });

    await expectPasskeyError(client.register({ username: 'alice' }), { code: 'invalid-response', phase: 'ceremony' });

    expect(await authenticator.credentials()).to.deep.equal([]);
    expect(mock.store.snapshot().users).to.deep.equal([]);
  });

  it('a ceremony of one client aborts the waiting autofill request of another on the page', async () => {
    await new PasskeyClient().register({ username: 'alice' });
    await signOut();
    await authenticator.setPresence(false); // nobody picks from autofill: the conditional request waits
    const input = Object.assign(document.createElement('input'), { autocomplete: 'username webauthn' });
    document.body.append(input);
    try {
      const requested = nextCredentialRequest();
      const autofill = new PasskeyClient().authenticate({ mediation: 'conditional' });
      const outcome = autofill.catch((error: unknown) => error);
      await requested; // the conditional navigator.credentials.get() waits in the browser

      // The new ceremony takes the page's turn as it starts, before its own request: the waiting one ends then, while
      // nobody could have answered it yet (presence comes back only after).
      const signingIn = new PasskeyClient().authenticate({ username: 'alice' });
      expect(await outcome).to.be.instanceOf(PasskeyError).and.include({ code: 'aborted', phase: 'ceremony' });
      await authenticator.setPresence(true);

      expect((await signingIn).username).to.equal('alice');
    } finally {
      input.remove();
    }
  });

  it('autofill needs an input marked for it on the page', async () => {
    await expectPasskeyError(new PasskeyClient().authenticate({ mediation: 'conditional' }), {
      code: 'not-supported',
      phase: 'ceremony',
    });
  });
});
