import { expect, fixture, html } from '@open-wc/testing';
import './define.ts';
import type { PasskeyManager } from './passkey-manager.ts';
import { PasskeyClient } from '../../client/index.ts';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { loaded, names, storeCredential } from '../../../test/helpers/manager.ts';
import { freshMock } from '../../../test/helpers/mock.ts';

// Its own file, so its own page: nothing has loaded the AAGUID table before this test. (An observer, not
// getEntriesByType: the page loads more modules than the resource timing buffer keeps.)
const fetched: string[] = [];
new PerformanceObserver((list) => fetched.push(...list.getEntries().map((entry) => new URL(entry.name).pathname))).observe({
  type: 'resource',
  buffered: true,
});
const tableLoaded = () => fetched.some((path) => path.endsWith('/passkey-manager/authenticators.ts'));

describe('<passkey-manager> AAGUID table', () => {
  afterEach(() => VirtualAuthenticator.removeAll());

  it('is not part of the element: it loads only for an unnamed passkey whose AAGUID could be in it', async () => {
    const mock = await freshMock();
    await VirtualAuthenticator.add();
    const { userId, credentialId } = await new PasskeyClient().register({ username: 'alice' });
    const credential = mock.store.credentials.get(credentialId)!;
    credential.name = 'Laptop';
    storeCredential(mock, userId, { aaguid: '00000000-0000-0000-0000-000000000000', createdAt: '2026-01-02T00:00:00Z' });

    expect(tableLoaded(), 'loaded with the element').to.equal(false);
    const el = await fixture<PasskeyManager>(html`<passkey-manager></passkey-manager>`);
    await loaded(el);
    expect(names(el)).to.deep.equal(['Passkey from Jan 2, 2026', 'Laptop']);
    expect(tableLoaded(), 'loaded for named passkeys and a zero AAGUID').to.equal(false);

    delete credential.name;
    credential.aaguid = 'bada5566-a7aa-401f-bd96-45619a55120d';
    await el.refresh();
    expect(names(el)).to.deep.equal(['Passkey from Jan 2, 2026', '1Password']);
    expect(tableLoaded()).to.equal(true);
  });
});
