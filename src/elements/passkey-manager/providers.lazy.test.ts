import { expect, waitUntil } from '@open-wc/testing';
import './define.ts';
import { PasskeyClient } from '../../client/index.ts';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { changeStored, names, openManager, storeCredential } from '../../../test/helpers/manager.ts';
import { freshMock } from '../../../test/helpers/mock.ts';

// Its own file, so its own page: nothing has loaded the provider table or a logo before this test. (An observer, not
// getEntriesByType: the page loads more modules than the resource timing buffer keeps.)
const fetched: string[] = [];
new PerformanceObserver((list) => fetched.push(...list.getEntries().map((entry) => new URL(entry.name).pathname))).observe({
  type: 'resource',
  buffered: true,
});
const loadedModules = () => fetched.filter((path) => path.includes('/passkey-manager/providers/')).map((path) => path.split('/providers/')[1]);

describe('<passkey-manager> provider table and logos', () => {
  afterEach(() => VirtualAuthenticator.removeAll());

  it('are not part of the element: the table loads for a passkey with an AAGUID, and a logo only for a provider listed', async () => {
    const mock = await freshMock();
    await VirtualAuthenticator.add();
    const { userId, credentialId } = await new PasskeyClient().register({ username: 'alice' });
    changeStored(mock, credentialId, { name: 'Laptop', aaguid: '00000000-0000-0000-0000-000000000000' });
    const el = await openManager();
    expect(names(el)).to.deep.equal(['Laptop']);
    expect(loadedModules(), 'loaded for a list without a provider AAGUID').to.deep.equal([]);

    const dashlane = storeCredential(mock, userId, { aaguid: '531126d6-e717-415c-9320-3d9aa6981239', name: 'Dashlane key' });
    await el.refresh();
    await waitUntil(() => el.shadowRoot!.querySelector('img[part~="provider-logo"]'), 'no logo');
    expect(loadedModules()).to.have.members(['table.ts', 'icons/dashlane.ts']);

    // Another provider's passkey: its logo comes too, and the table is not fetched again.
    changeStored(mock, dashlane.id, { aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d' });
    await el.refresh();
    expect(loadedModules()).to.have.members(['table.ts', 'icons/dashlane.ts', 'icons/1password.ts']);
  });
});
