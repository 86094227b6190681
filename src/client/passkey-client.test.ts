import { expect, waitUntil } from '@open-wc/testing';
import { PasskeyClient } from './passkey-client.ts';
import { VirtualAuthenticator } from '../../test/helpers/authenticator.ts';
import { expectPasskeyError } from '../../test/helpers/expect-error.ts';
import { freshMock, signOut } from '../../test/helpers/mock.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';

describe('PasskeyClient: ceremonies against the mock backend', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let client: PasskeyClient;

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    client = new PasskeyClient();
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  it('registers a discoverable passkey that the server stores with its metadata', async () => {
    const result = await client.register({ username: 'alice', displayName: 'Alice Liddell' });

    const { users, credentials } = mock.store.snapshot();
    expect(users).to.have.length(1);
    expect(users[0]).to.include({ username: 'alice', displayName: 'Alice Liddell', userId: result.userId });
    expect(credentials).to.have.length(1);
    expect(credentials[0]).to.include({ id: result.credentialId, userId: result.userId, counter: 1, deviceType: 'singleDevice' });
    expect(credentials[0]!.transports).to.include('internal');
    expect(result).to.include({ username: 'alice' });
    expect(result.response).to.include({ verified: true, userId: result.userId });
    const [onAuthenticator] = await authenticator.credentials();
    expect(onAuthenticator).to.include({ isResidentCredential: true, rpId: location.hostname });
  });

  it('signs in with the username, and the counter and last use move forward', async () => {
    const registered = await client.register({ username: 'alice' });
    await signOut();

    const signedIn = await client.authenticate({ username: 'alice' });

    expect(signedIn).to.include({ userId: registered.userId, username: 'alice' });
    const [stored] = mock.store.snapshot().credentials;
    expect(stored!.counter).to.equal(2);
    expect(stored!.lastUsedAt).to.be.a('number');
  });

  it('signs in username-less with the resident key', async () => {
    const registered = await client.register({ username: 'alice' });
    await signOut();

    const signedIn = await client.authenticate();

    expect(signedIn).to.include({ userId: registered.userId, username: 'alice' });
  });

  it('refuses a second passkey on the authenticator that already holds one (excludeCredentials)', async () => {
    await client.register({ username: 'alice' });
    const before = mock.accounts();

    await expectPasskeyError(client.register({ username: 'alice' }), { code: 'already-registered', phase: 'ceremony' });

    expect(mock.accounts()).to.deep.equal(before);
  });

  it('adds a second passkey on another authenticator for the signed-in user', async () => {
    const first = await client.register({ username: 'alice' });
    await authenticator.remove();
    const securityKey = await VirtualAuthenticator.add({ transport: 'usb' });

    const added = await client.register({ username: 'alice' });

    expect(added.userId).to.equal(first.userId);
    expect((await mock.store.listCredentials(first.userId)).map((c) => c.id)).to.have.members([first.credentialId, added.credentialId]);
    expect((await securityKey.credentials()).map((c) => c.credentialId)).to.have.length(1);
    expect(mock.store.credentials.get(added.credentialId)!.transports).to.include('usb');
  });

  it('lists, renames and deletes passkeys of the session user', async () => {
    const first = await client.register({ username: 'alice' });

    const listed = await client.listCredentials();
    expect(listed.map((c) => c.id)).to.deep.equal([first.credentialId]);
    expect(listed[0]).to.include({ backedUp: false, deviceType: 'singleDevice' });

    const renamed = await client.renameCredential(first.credentialId, 'Work laptop');
    expect(renamed).to.include({ id: first.credentialId, name: 'Work laptop' });
    expect(mock.store.credentials.get(first.credentialId)!.name).to.equal('Work laptop');

    await client.deleteCredential(first.credentialId);
    expect(mock.store.snapshot().credentials).to.deep.equal([]);
    expect(await client.listCredentials()).to.deep.equal([]);
  });

  it('refuses the deleted passkey at sign-in with unknown-credential, and tells the provider, which forgets it', async () => {
    const { credentialId } = await client.register({ username: 'alice' });
    await client.deleteCredential(credentialId);
    await signOut();
    expect(await authenticator.credentials()).to.have.length(1);

    const error = await expectPasskeyError(client.authenticate(), { code: 'unknown-credential', phase: 'verify', status: 400 });
    expect(error.message).to.equal('This passkey is not registered here');
    // Chromium's virtual authenticator acts on signalUnknownCredential as a passkey provider does: it drops the
    // passkey, but only for the right RP ID and credential id.
    await waitUntil(async () => (await authenticator.credentials()).length === 0, 'the authenticator still offers the deleted passkey', { timeout: 5000 });
  });

  it('sends a recovery link for a known account and answers the same for an unknown one', async () => {
    await client.register({ username: 'alice' });

    await client.requestRecovery('alice');
    await client.requestRecovery('nobody');

    expect(mock.outbox.map((m) => m.to)).to.deep.equal(['alice']);
    expect(mock.outbox[0]!.link).to.match(new RegExp(`^${location.origin}/recovery\\?token=[\\w-]+$`));
  });

  it('registers a new passkey for the account with a recovery token, once', async () => {
    const { userId } = await client.register({ username: 'alice' });
    await signOut();
    await authenticator.remove();
    await VirtualAuthenticator.add();
    await client.requestRecovery('alice');
    const { token } = mock.outbox[0]!;

    const recovered = await client.register({ username: 'alice', recoveryToken: token });
    expect(recovered.userId).to.equal(userId);
    expect(await mock.store.listCredentials(userId)).to.have.length(2);

    await signOut();
    await expectPasskeyError(client.register({ username: 'alice', recoveryToken: token }), { code: 'server', phase: 'options', status: 400 });
  });
});
