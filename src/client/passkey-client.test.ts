import { expect } from '@open-wc/testing';
import { PasskeyClient } from './passkey-client.ts';
import { VirtualAuthenticator } from '../../test/helpers/authenticator.ts';
import { freshMock } from '../../test/helpers/mock.ts';
import type { BrowserMock } from '../../mock-server/browser.ts';

describe('PasskeyClient against the mock backend', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let client: PasskeyClient;

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    client = new PasskeyClient();
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  it('registers a passkey that the server stores', async () => {
    const result = await client.register({ username: 'alice', displayName: 'Alice' });
    expect(result.username).to.equal('alice');
    const [stored] = mock.store.snapshot().credentials;
    expect(result.credentialId).to.equal(stored!.id);
    expect(result.userId).to.equal(stored!.userId);
    const [onAuthenticator] = await authenticator.credentials();
    expect(onAuthenticator!.isResidentCredential).to.equal(true);
  });

  it('signs in with the username after registering', async () => {
    const registered = await client.register({ username: 'alice' });
    const signedIn = await client.authenticate({ username: 'alice' });
    expect(signedIn).to.include({ userId: registered.userId, username: 'alice' });
    expect(signedIn.response.verified).to.equal(true);
  });
});
