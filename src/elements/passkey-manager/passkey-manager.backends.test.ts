/**
 * Backends as they are: the implementation guide's, without the optional `GET /session` and `PATCH /credentials/:id`;
 * a browser without WebAuthn; and stored passkeys whose fields a hostile party chose.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.ts';
import { PasskeyClient, type RegistrationResult } from '../../client/index.ts';
import en from '../../i18n/en.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, message, part, record } from '../../../test/helpers/element.ts';
import {
  aliceSignedIn,
  focusedIn,
  listen,
  names,
  openManager,
  row,
  rowButton,
  rows,
  rowText,
  spyClient,
  changeStored,
  deleteStored,
  listAlso,
  storeCredential,
  storedIds,
  withoutEndpoint,
} from '../../../test/helpers/manager.ts';

describe('<passkey-manager> on other backends and browsers', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let alice: RegistrationResult;

  beforeEach(async () => {
    ({ mock, authenticator, alice } = await aliceSignedIn());
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
  });
  afterEach(() => VirtualAuthenticator.removeAll());

  for (const status of [404, 405] as const) {
    it(`adds a passkey for the username attribute's account where GET /session answers ${status}`, async () => {
      withoutEndpoint(mock, 'session', status);
      const el = await openManager(html`<passkey-manager username="alice"></passkey-manager>`);
      await authenticator.remove();
      await VirtualAuthenticator.add({ transport: 'usb' });
      const registered = record(el, 'passkey-registered');
      await click(button(el, 'Add a passkey'));
      await waitUntil(() => rows(el).length === 2, 'the new passkey is not listed');
      expect(registered[0]!.detail).to.deep.include({ username: 'alice', userId: alice.userId });
      expect(storedIds(mock, alice.userId)).to.have.length(2);
    });
  }

  it('says there is no account to add to, without a prompt, where neither GET /session nor the username attribute names one', async () => {
    withoutEndpoint(mock, 'session', 404);
    const { client, requests } = spyClient();
    const el = await openManager(html`<passkey-manager .client=${client}></passkey-manager>`);
    const errors = record(el, 'passkey-error');
    await click(button(el, 'Add a passkey'));
    await waitUntil(() => errors.length === 1, 'no passkey-error');
    await el.updateComplete;
    expect(errors[0]!.detail).to.include({ code: 'unauthorized', phase: 'manage' });
    expect(errors[0]!.detail.message).to.match(/username/);
    expect(message(el)).to.equal(en.errorUnauthorized);
    expect(part(el, 'message')!.dataset.tone).to.equal('error');
    expect(requests.filter((endpoint) => endpoint.startsWith('register/'))).to.deep.equal([]);
  });

  for (const status of [404, 405] as const) {
    it(`stops offering Rename, for that client, once PATCH /credentials/:id answers ${status} for a listed passkey`, async () => {
      storeCredential(mock, alice.userId, { name: 'Phone' });
      withoutEndpoint(mock, 'credentials/rename', status);
      const { client } = spyClient();
      const el = await openManager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const errors = listen('passkey-error');
      try {
        await click(rowButton(row(el, 'Laptop'), 'Rename'));
        await sendKeys({ type: 'Work laptop' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => rowText(row(el, 'Laptop'), 'row-message') !== '', 'no word in the row');

        expect(rowText(row(el, 'Laptop'), 'row-message')).to.equal('Passkeys cannot be renamed on this site.');
        expect(el.shadowRoot!.querySelectorAll('[part~="rename-button"]'), 'Rename is gone from every row').to.have.length(0);
        expect(names(el)).to.deep.equal(['Laptop', 'Phone']);
        expect(focusedIn(el)).to.equal('Laptop › Delete');
        expect(errors.events[0]!.detail).to.include({ code: 'server', phase: 'manage', status });
      } finally {
        errors.stop();
      }
      const again = await openManager(html`<passkey-manager .client=${client}></passkey-manager>`);
      expect(again.shadowRoot!.querySelectorAll('[part~="rename-button"]'), 'remembered for the client').to.have.length(0);
      const other = await openManager(html`<passkey-manager .client=${new PasskeyClient()}></passkey-manager>`);
      expect(other.shadowRoot!.querySelectorAll('[part~="rename-button"]'), 'another client asks again').to.have.length(2);
    });
  }

  it('keeps Rename when the 404 was for a passkey deleted elsewhere, and drops that passkey', async () => {
    const [phone] = [storeCredential(mock, alice.userId, { name: 'Phone' })];
    const el = await openManager();
    deleteStored(mock, phone!.id);
    await click(rowButton(row(el, 'Phone'), 'Rename'));
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' 2' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 1, 'the passkey deleted elsewhere is still listed');
    expect(names(el)).to.deep.equal(['Laptop']);
    expect(rowButton(row(el, 'Laptop'), 'Rename')).to.exist;
  });

  describe('in a browser without WebAuthn', () => {
    let restore: () => void;
    beforeEach(() => {
      const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
      Reflect.deleteProperty(window, 'PublicKeyCredential');
      restore = () => Object.defineProperty(window, 'PublicKeyCredential', original);
    });
    afterEach(() => restore());

    it('offers no Add button but says why, and still renames and deletes', async () => {
      storeCredential(mock, alice.userId, { name: 'Phone' });
      const el = await openManager();
      expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.not.include('Add a passkey');
      expect(rowText(el.shadowRoot!.querySelector('[part~="base"]')!, 'not-supported')).to.equal(en.notSupported);
      await expect(el).to.be.accessible();

      await click(rowButton(row(el, 'Phone'), 'Rename'));
      await sendKeys({ press: 'End' });
      await sendKeys({ type: ' 2' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => names(el)[1] === 'Phone 2', 'not renamed');
      await click(rowButton(row(el, 'Phone 2'), 'Delete'));
      await click(rowButton(row(el, 'Phone 2'), 'Delete passkey'));
      await waitUntil(() => rows(el).length === 1, 'not deleted');
    });
  });

  it('shows and deletes passkeys whose fields are hostile: unknown transports are ignored, nothing throws', async () => {
    // What an intruder who can write the store might leave, hoping the manager hides their passkey.
    listAlso(mock, [
      {
        id: 'intruder',
        name: { toString: 'not a string' },
        transports: ['constructor', '__proto__', 'toString', 42, null, {}, ['usb'], 'cable', ...Array.from({ length: 200_000 }, () => 'nfc')],
        aaguid: '__proto__',
        createdAt: { not: 'a date' },
        lastUsedAt: 'yesterday-ish',
        backedUp: 'yes',
        deviceType: 'constructor',
      },
      { id: '__proto__', name: '__proto__', transports: ['constructor'], aaguid: 'constructor' },
      { id: 'constructor', name: 'hasOwnProperty', transports: 'usb', createdAt: 1e20 },
    ]);
    const errors = listen('passkey-error');
    try {
      const el = await openManager();
      expect(el.state).to.equal('ready');
      expect(names(el)).to.deep.equal(['Laptop', 'Passkey', '__proto__', 'hasOwnProperty']);
      const intruder = rows(el)[1]!;
      // 'cable' is the old name of hybrid; the 200,000 entries after it are not all read.
      expect(rowText(intruder, 'transports')).to.equal('Connection: phone nearby, NFC');
      expect(rowText(intruder, 'dates')).to.equal('');
      // (Booleans: a failing chai comparison of DOM nodes can take the browser down.)
      expect(intruder.querySelector('[part~="sync"]') === null, 'a device type of "constructor" says nothing').to.equal(true);
      expect(row(el, '__proto__').querySelector('[part~="transports"]') === null, 'no transport to show').to.equal(true);

      for (const name of ['Passkey', '__proto__', 'hasOwnProperty']) {
        await click(rowButton(row(el, name), 'Delete'));
        await click(rowButton(row(el, name), 'Delete passkey'));
        await waitUntil(() => !names(el).includes(name), `"${name}" was not deleted`);
      }
      expect(names(el)).to.deep.equal(['Laptop']);
      expect(errors.events).to.deep.equal([]);
    } finally {
      errors.stop();
    }
  });
});
