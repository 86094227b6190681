import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './define.ts';
import '../passkey-login/define.ts';
import type { PasskeyManager } from './passkey-manager.ts';
import { PasskeyClient, type RegistrationResult } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, message, part, record } from '../../../test/helpers/element.ts';
import { expectPasskeyError } from '../../../test/helpers/expect-error.ts';
import {
  announced,
  base64url,
  focusedIn,
  gate,
  listen,
  loaded,
  nameInput,
  names,
  openManager as manager,
  press,
  row,
  rowButton,
  rows,
  rowText,
  rewriteSession,
  sessionWithoutUserHandle,
  spyClient,
  spySignals,
  changeStored,
  deleteStored,
  storeCredential,
  storedCredential,
  storedIds,
} from '../../../test/helpers/manager.ts';
import { api, freshMock, signOut } from '../../../test/helpers/mock.ts';

const ADD = 'Add a passkey';
const DAY = 86_400_000;

describe('<passkey-manager>', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let alice: RegistrationResult;

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    alice = await new PasskeyClient().register({ username: 'alice' }); // signed in as alice, with one passkey
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  /** Gives alice more passkeys, named and dated, straight in the store. */
  function more(...list: Parameters<typeof storeCredential>[2][]) {
    return list.map((fields) => storeCredential(mock, alice.userId, fields));
  }

  /** Names alice's first passkey, so a list reads predictably. */
  function nameFirst(name: string) {
    changeStored(mock, alice.credentialId, { name });
  }

  it('lists the passkeys of the person who signed in with <passkey-login>, with what it knows of each', async () => {
    await signOut();
    const page = await fixture(html`<div><passkey-login></passkey-login><passkey-manager></passkey-manager></div>`);
    const login = page.querySelector('passkey-login')!;
    const el = page.querySelector('passkey-manager')!;
    // A page refreshes the manager when someone signs in.
    page.addEventListener('passkey-authenticated', () => el.refresh());
    await loaded(el);
    expect(el.state).to.equal('unauthorized');

    await click(button(login, 'Sign in with a passkey'));
    await waitUntil(() => el.state === 'ready', 'the manager never listed');
    await loaded(el);

    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.passkeys.map((c) => c.id)).to.deep.equal([alice.credentialId]);
    const [only] = rows(el);
    const created = new Date(storedCredential(mock, alice.credentialId)!.createdAt);
    // Unnamed, from an authenticator without a known AAGUID: "Passkey" and when it was made, to the minute.
    const moment = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(created);
    expect(names(el)).to.deep.equal([`Passkey, ${moment}`]);
    expect(rowText(only!, 'created')).to.equal('Created: just now');
    expect(rowText(only!, 'last-used')).to.equal('Last used: just now');
    expect(rowText(only!, 'sync')).to.equal('Stored on one device');
    expect(rowText(only!, 'transports')).to.equal('Connection: built-in');
    expect(part(el, 'list')!.getAttribute('aria-label')).to.equal('Your passkeys');
    expect(rowButton(only!, 'Rename').getAttribute('aria-labelledby')).to.match(/^rename-button-\d+ name-\d+$/);
    expect(button(el, ADD)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows synced passkeys and their transports, in the order the server lists them', async () => {
    nameFirst('Laptop');
    more(
      { name: 'Phone', backedUp: true, deviceType: 'multiDevice', transports: ['hybrid', 'internal'] },
      { name: 'Security key', transports: ['usb', 'nfc', 'cable' as 'hybrid'] },
    );
    const el = await manager();
    expect(names(el)).to.deep.equal(['Laptop', 'Phone', 'Security key']);
    expect(rowText(row(el, 'Phone'), 'properties')).to.equal('Synced across your devices Connection: phone nearby, built-in');
    expect(row(el, 'Phone').querySelector('[part~="sync"]')!.getAttribute('data-synced')).to.equal('true');
    // In the server's order (the mock sorts them); "cable" is the old name of hybrid.
    expect(rowText(row(el, 'Security key'), 'transports')).to.equal('Connection: phone nearby, NFC, USB');
  });

  describe('adding a passkey', () => {
    it('registers another passkey for the signed-in account on another authenticator, and lists it', async () => {
      nameFirst('Laptop');
      const el = await manager();
      const registered = record(el, 'passkey-registered');
      // A security key: the laptop's authenticator already holds alice's passkey, which the server excludes.
      await authenticator.remove();
      const securityKey = await VirtualAuthenticator.add({ transport: 'usb' });

      await click(button(el, ADD));
      await waitUntil(() => rows(el).length === 2, 'the new passkey is not listed');
      await loaded(el);

      const added = registered[0]!.detail;
      expect(added).to.deep.include({ userId: alice.userId, username: 'alice' });
      expect(storedIds(mock, alice.userId)).to.have.members([alice.credentialId, added.credentialId]);
      expect((await securityKey.credentials()).map((c) => base64url(c.credentialId))).to.deep.equal([added.credentialId]);
      expect(rowText(rows(el)[1]!, 'transports')).to.equal('Connection: USB');
      expect(message(el)).to.equal('Passkey added.');
      // It opens to be named: its suggested name in the field, selected, so typing replaces it.
      const input = nameInput(rows(el)[1]!);
      expect(focusedIn(el)).to.match(/^Passkey, .+ › Passkey name$/);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, input.value.length]);
      expect(input.value).to.equal(rowText(rows(el)[1]!, 'name'));
      await expect(el).to.be.accessible();
    });

    it('says so when this device already holds a passkey of the account', async () => {
      const el = await manager();
      const errors = record(el, 'passkey-error');
      await click(button(el, ADD));
      await waitUntil(() => errors.length === 1, 'no passkey-error');
      await el.updateComplete;

      expect(errors[0]!.detail).to.include({ code: 'already-registered', phase: 'ceremony' });
      expect(message(el)).to.equal(
        'This device or password manager already holds a passkey for your account. Use another one to add a passkey.',
      );
      expect(part(el, 'message')!.dataset.tone).to.equal('error');
      expect(storedIds(mock, alice.userId)).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('uses the username the page sets where the backend has no GET /session', async () => {
      mock.faults.force('session', { status: 404, body: { error: 'Not found' } });
      const el = await manager(html`<passkey-manager username="alice"></passkey-manager>`);
      await authenticator.remove();
      await VirtualAuthenticator.add({ transport: 'usb' });
      const registered = record(el, 'passkey-registered');
      await click(button(el, ADD));
      await waitUntil(() => rows(el).length === 2, 'the new passkey is not listed');
      expect(registered[0]!.detail.username).to.equal('alice');
    });

    it('goes quietly back when the person dismisses the prompt', async () => {
      const el = await manager();
      await authenticator.remove();
      const other = await VirtualAuthenticator.add();
      await other.setUserVerified(false);
      const errors = record(el, 'passkey-error');
      await click(button(el, ADD));
      await waitUntil(() => errors.length === 1, 'no passkey-error');
      await el.updateComplete;
      expect(errors[0]!.detail.code).to.equal('cancelled');
      expect(message(el)).to.equal('');
      expect(button(el, ADD).hasAttribute('aria-busy')).to.equal(false);
    });
  });

  describe('renaming', () => {
    it('renames inline with the keyboard: Enter saves, and focus returns to Rename', async () => {
      nameFirst('Laptop');
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const renamed = record(el, 'passkey-credential-renamed');
      rowButton(row(el, 'Laptop'), 'Rename').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;

      const input = nameInput(row(el, 'Laptop'));
      expect(focusedIn(el)).to.equal('Laptop › Passkey name');
      expect([input.value, input.selectionStart, input.selectionEnd]).to.deep.equal(['Laptop', 0, 6]);
      expect(row(el, 'Laptop').querySelector<HTMLElement>('[part~="actions"]')!.hidden).to.equal(true);
      await sendKeys({ type: '  Work laptop  ' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => renamed.length === 1, 'no passkey-credential-renamed');
      await el.updateComplete;

      expect(renamed[0]!.detail).to.deep.equal({ credentialId: alice.credentialId, name: 'Work laptop' });
      expect(renamed[0]!.bubbles && renamed[0]!.composed).to.equal(true);
      expect(storedCredential(mock, alice.credentialId)!.name).to.equal('Work laptop');
      expect(names(el)).to.deep.equal(['Work laptop']);
      expect(focusedIn(el)).to.equal('Work laptop › Rename');
      expect(message(el)).to.equal('Passkey renamed to “Work laptop”.');
      expect(requests.filter((endpoint) => endpoint === 'credentials/rename')).to.have.length(1);
    });

    it('cancels with Escape or Cancel: nothing changes, and focus returns to Rename', async () => {
      nameFirst('Laptop');
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const renamed = record(el, 'passkey-credential-renamed');

      await click(rowButton(row(el, 'Laptop'), 'Rename'));
      await sendKeys({ type: 'Nope' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(focusedIn(el)).to.equal('Laptop › Rename');
      expect(el.shadowRoot!.querySelector('[part~="rename-form"]')).to.equal(null);

      await click(rowButton(row(el, 'Laptop'), 'Rename'));
      await sendKeys({ type: 'Nope' });
      await click(rowButton(row(el, 'Laptop'), 'Cancel'));
      await el.updateComplete;
      expect(focusedIn(el)).to.equal('Laptop › Rename');

      expect([names(el), renamed.length, requests.includes('credentials/rename')]).to.deep.equal([['Laptop'], 0, false]);
      expect(storedCredential(mock, alice.credentialId)!.name).to.equal('Laptop');
    });

    it('refuses an empty name and control characters, saying why next to the field; 64 characters is the limit, shown up front', async () => {
      nameFirst('Laptop');
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      await click(rowButton(row(el, 'Laptop'), 'Rename'));
      const input = nameInput(row(el, 'Laptop'));
      const said = (id: string) => el.shadowRoot!.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim();
      const problem = () => [input.getAttribute('aria-invalid'), rowText(row(el, 'Laptop'), 'error-text') || null];
      // The limit is there before anything is sent, read with the field, and counted as the person types.
      const [limitId] = input.getAttribute('aria-describedby')!.split(' ');
      expect(said(limitId!)).to.equal('Use at most 64 characters. 6/64');
      expect(input.maxLength).to.equal(64);

      await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: '   ' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(problem()).to.deep.equal(['true', 'Enter a name.']);
      expect(input.getAttribute('aria-describedby')!.split(' ').map(said)).to.include('Enter a name.');
      expect(focusedIn(el)).to.equal('Laptop › Passkey name');
      await expect(el).to.be.accessible();

      await sendKeys({ type: 'x'.repeat(70) });
      expect(problem(), 'typing clears the error').to.deep.equal([null, null]);
      expect(input.value, 'the field takes no more than 64').to.equal(`   ${'x'.repeat(61)}`);
      expect(rowText(row(el, 'Laptop'), 'counter')).to.equal('64/64');

      // A pasted tab (a text field drops line breaks by itself).
      input.value = 'Work\tlaptop';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(problem()).to.deep.equal(['true', 'Remove line breaks and other invisible control characters.']);

      expect(requests.includes('credentials/rename')).to.equal(false);
      await sendKeys({ press: 'Control+A' });
      await sendKeys({ type: 'x'.repeat(64) });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => names(el)[0] === 'x'.repeat(64), 'a 64-character name was not saved');
    });

    it('keeps the other rows usable while one saves, and shows a failure in its row', async () => {
      nameFirst('Laptop');
      more({ name: 'Phone' });
      const held = gate();
      const client = new PasskeyClient({
        fetch: async (input, init) => {
          if (init?.method === 'PATCH') await held.opened;
          return fetch(input, init);
        },
      });
      mock.faults.force('credentials/rename', { status: 500, body: { error: 'Database unavailable' }, times: 1 });
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const errors = record(el, 'passkey-error');
      await click(rowButton(row(el, 'Laptop'), 'Rename'));
      await sendKeys({ type: 'Work laptop' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => row(el, 'Laptop').getAttribute('aria-busy') === 'true', 'the row is not busy');

      const save = rowButton(row(el, 'Laptop'), 'Save');
      expect([save.getAttribute('aria-disabled'), save.getAttribute('aria-busy')]).to.deep.equal(['true', 'true']);
      expect(row(el, 'Phone').hasAttribute('aria-busy')).to.equal(false);
      expect(rowButton(row(el, 'Phone'), 'Rename').hasAttribute('aria-disabled')).to.equal(false);
      expect(button(el, ADD).hasAttribute('aria-disabled')).to.equal(false);
      await expect(el).to.be.accessible();

      held.open();
      await waitUntil(() => errors.length === 1, 'no passkey-error');
      await el.updateComplete;
      expect(errors[0]!.detail).to.include({ code: 'server', phase: 'manage', status: 500, message: 'Database unavailable' });
      expect(rowText(row(el, 'Laptop'), 'row-message')).to.equal('Something went wrong on the server. Please try again in a moment.');
      expect(announced(el)).to.equal('Something went wrong on the server. Please try again in a moment.');
      expect(focusedIn(el)).to.equal('Laptop › Passkey name');
      expect(row(el, 'Laptop').hasAttribute('aria-busy')).to.equal(false);

      await sendKeys({ press: 'Enter' }); // try again
      await waitUntil(() => names(el)[0] === 'Work laptop', 'the retry did not rename');
      expect(el.shadowRoot!.querySelector('[part~="row-message"]')).to.equal(null);
    });
  });

  describe('deleting', () => {
    it('asks first, deletes when confirmed, and moves focus to the next passkey', async () => {
      nameFirst('Laptop');
      const [phone, key] = more({ name: 'Phone' }, { name: 'Security key' });
      const el = await manager();
      const deleted = record(el, 'passkey-credential-deleted');

      await click(rowButton(row(el, 'Phone'), 'Delete'));
      await el.updateComplete;
      const confirm = row(el, 'Phone').querySelector('[part~="confirm"]')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      expect(rowText(row(el, 'Phone'), 'confirm-text')).to.equal('Delete “Phone”? You will no longer be able to sign in with it.');
      expect(focusedIn(el), 'the safe answer has focus').to.equal('Phone › Cancel');
      await expect(el).to.be.accessible();

      await click(rowButton(row(el, 'Phone'), 'Delete passkey'));
      await waitUntil(() => deleted.length === 1, 'no passkey-credential-deleted');
      await el.updateComplete;
      expect(deleted[0]!.detail).to.deep.equal({ credentialId: phone!.id });
      expect(storedCredential(mock, phone!.id)).to.equal(undefined);
      expect(names(el)).to.deep.equal(['Laptop', 'Security key']);
      expect(focusedIn(el)).to.equal('Security key › Rename');
      // Said, and shown: the row is gone, and the message under the list tells which one.
      expect(message(el)).to.equal('Passkey “Phone” deleted.');
      expect(part(el, 'message')!.dataset.tone).to.equal('success');

      // The last row: focus goes to the one before.
      await click(rowButton(row(el, 'Security key'), 'Delete'));
      await click(rowButton(row(el, 'Security key'), 'Delete passkey'));
      await waitUntil(() => deleted.length === 2, 'the second delete did not happen');
      await el.updateComplete;
      expect(deleted[1]!.detail.credentialId).to.equal(key!.id);
      expect(focusedIn(el)).to.equal('Laptop › Rename');
    });

    it('leaves everything as it was when the person cancels, with the button or Escape', async () => {
      nameFirst('Laptop');
      more({ name: 'Phone' });
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const deleted = record(el, 'passkey-credential-deleted');
      const before = mock.accounts();

      rowButton(row(el, 'Phone'), 'Delete').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await sendKeys({ press: 'Enter' }); // on Cancel
      await el.updateComplete;
      expect(focusedIn(el)).to.equal('Phone › Delete');
      expect(el.shadowRoot!.querySelector('[part~="confirm"]')).to.equal(null);

      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await sendKeys({ press: 'Shift+Tab' }); // to "Delete passkey"
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(focusedIn(el)).to.equal('Phone › Delete');

      expect([names(el), deleted.length, requests.includes('credentials/delete')]).to.deep.equal([['Laptop', 'Phone'], 0, false]);
      expect(mock.accounts()).to.deep.equal(before);
    });

    it('offers no delete of the only passkey: its Delete is off from the start, and says why', async () => {
      nameFirst('Laptop');
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager .client=${client}></passkey-manager>`);
      const deleteButton = rowButton(row(el, 'Laptop'), 'Delete');
      const why = 'This is your only passkey. Add another one before you delete it, or you will not be able to sign in.';
      // Before any click: marked off, and the reason on screen and read with the button (which stays focusable).
      expect(deleteButton.getAttribute('aria-disabled')).to.equal('true');
      expect(rowText(row(el, 'Laptop'), 'row-hint')).to.equal(why);
      expect(el.shadowRoot!.getElementById(deleteButton.getAttribute('aria-describedby')!)!.textContent).to.equal(why);

      await click(deleteButton);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="confirm"]')).to.equal(null);
      expect(requests.includes('credentials/delete')).to.equal(false);
      expect(storedIds(mock, alice.userId)).to.deep.equal([alice.credentialId]);
      await expect(el).to.be.accessible();

      // A second passkey, and it can go.
      more({ name: 'Phone' });
      await el.refresh();
      expect(rowButton(row(el, 'Laptop'), 'Delete').hasAttribute('aria-disabled')).to.equal(false);
      expect(row(el, 'Laptop').querySelector('[part~="row-hint"]') === null, 'no word against deleting').to.equal(true);
    });

    it('deletes the only passkey when the page allows it, then offers to add one', async () => {
      nameFirst('Laptop');
      const el = await manager(html`<passkey-manager allow-delete-last></passkey-manager>`);
      await click(rowButton(row(el, 'Laptop'), 'Delete'));
      await click(rowButton(row(el, 'Laptop'), 'Delete passkey'));
      await waitUntil(() => rows(el).length === 0, 'the passkey is still listed');
      await el.updateComplete;

      expect(storedIds(mock, alice.userId)).to.deep.equal([]);
      expect(part(el, 'empty')!.textContent).to.equal('You have no passkeys yet. Add one to sign in without a password.');
      expect(focusedIn(el)).to.equal(ADD);
      await expect(el).to.be.accessible();
    });

    /** Adds a second passkey through the element, on a second authenticator, and deletes it there. */
    async function addThenDelete(el: PasskeyManager): Promise<VirtualAuthenticator> {
      await authenticator.remove();
      const second = await VirtualAuthenticator.add();
      await click(button(el, ADD));
      await waitUntil(() => rows(el).length === 2, 'the second passkey is not listed');
      await loaded(el);
      const added = rowText(rows(el)[1]!, 'name');
      await click(rowButton(row(el, added), 'Cancel')); // the new passkey opened to be named
      await click(rowButton(row(el, added), 'Delete'));
      await click(rowButton(row(el, added), 'Delete passkey'));
      await waitUntil(() => rows(el).length === 1, 'the second passkey is still listed');
      return second;
    }

    it('a deleted passkey no longer signs in: the server answers unknown-credential', async () => {
      // A provider that ignores the Signal API keeps the passkey after the server forgot it: the signals are stubbed.
      const signals = spySignals();
      try {
        nameFirst('Laptop');
        const second = await addThenDelete(await manager());
        expect(await second.credentials()).to.have.length(1);
        await signOut();
        await expectPasskeyError(new PasskeyClient().authenticate(), { code: 'unknown-credential', phase: 'verify', status: 400 });
      } finally {
        signals.restore();
      }
    });
  });

  it("never lists or deletes another account's passkeys", async () => {
    await signOut();
    const bob = await new PasskeyClient().register({ username: 'bob' });
    await signOut();
    await new PasskeyClient().authenticate({ username: 'alice' });

    const el = await manager();
    expect(el.passkeys.map((c) => c.id)).to.deep.equal([alice.credentialId]);
    await expectPasskeyError(new PasskeyClient().deleteCredential(bob.credentialId), { code: 'server', phase: 'manage', status: 404 });
    await expectPasskeyError(new PasskeyClient().renameCredential(bob.credentialId, 'Mine'), { code: 'server', phase: 'manage', status: 404 });
    expect(storedCredential(mock, bob.credentialId)).to.include({ userId: bob.userId });
    expect(storedCredential(mock, bob.credentialId)!.name).to.equal(undefined);
  });

  describe('states', () => {
    it('shows placeholder rows while loading, marked busy', async () => {
      const held = gate();
      const client = new PasskeyClient({
        fetch: async (input, init) => {
          await held.opened;
          return fetch(input, init);
        },
      });
      const el = await fixture<PasskeyManager>(html`<passkey-manager .client=${client}></passkey-manager>`);
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('true');
      expect(el.shadowRoot!.querySelectorAll('[part~="skeleton"][aria-hidden="true"]')).to.have.length(3);
      expect(part(el, 'loading')!.textContent).to.equal('Loading your passkeys…');
      await expect(el).to.be.accessible();
      held.open();
      await loaded(el);
      expect(rows(el)).to.have.length(1);
    });

    it('says so when nobody is signed in, with an unauthorized passkey-error, not a broken list', async () => {
      await signOut();
      const errors = listen('passkey-error');
      try {
        const el = await manager();
        expect(el.state).to.equal('unauthorized');
        expect(errors.events[0]!.detail).to.include({ code: 'unauthorized', phase: 'manage', status: 401, message: 'Not signed in' });
        expect(part(el, 'unauthorized')!.textContent!.trim()).to.equal('Sign in to see and manage your passkeys.');
        expect([part(el, 'list'), part(el, 'add-button')]).to.deep.equal([null, null]);
        await expect(el).to.be.accessible();
      } finally {
        errors.stop();
      }
    });

    it('goes to the unauthorized state when the session ends while the list is open', async () => {
      nameFirst('Laptop');
      const el = await manager();
      await signOut();
      const errors = record(el, 'passkey-error');
      await click(rowButton(row(el, 'Laptop'), 'Rename'));
      await sendKeys({ type: 'Work' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.state === 'unauthorized', 'still listed');
      expect(errors[0]!.detail).to.include({ code: 'unauthorized', status: 401 });
      expect(rows(el)).to.have.length(0);
    });

    it('shows a server error with a retry that works', async () => {
      nameFirst('Laptop');
      mock.faults.force('credentials/list', { status: 503, body: 'Down for maintenance', times: 2 });
      const errors = listen('passkey-error');
      try {
        const el = await manager();
        expect(el.state).to.equal('error');
        expect(errors.events[0]!.detail).to.include({ code: 'server', phase: 'manage', status: 503, message: 'Down for maintenance' });
        const error = part(el, 'error')!;
        expect([error.getAttribute('role'), error.textContent!.trim()]).to.deep.equal([
          'alert',
          'Something went wrong on the server. Please try again in a moment.',
        ]);
        await expect(el).to.be.accessible();

        const retry = button(el, 'Try again');
        await click(retry);
        await loaded(el);
        expect(el.state, 'failed again').to.equal('error');
        expect(announced(el)).to.equal('Something went wrong on the server. Please try again in a moment.');

        await click(button(el, 'Try again'));
        await loaded(el);
        expect(el.state).to.equal('ready');
        expect(names(el)).to.deep.equal(['Laptop']);
        expect(focusedIn(el)).to.equal(ADD);
      } finally {
        errors.stop();
      }
    });

    it('shows a network failure of the list like any other, and refresh() loads it again', async () => {
      mock.faults.force('credentials/list', { networkError: true, times: 1 });
      const el = await manager();
      expect(part(el, 'error')!.textContent!.trim()).to.equal('The server cannot be reached. Check your connection and try again.');
      await el.refresh();
      expect(el.state).to.equal('ready');
    });

    it('turns every button off while disabled', async () => {
      nameFirst('Laptop');
      const { client, requests } = spyClient();
      const el = await manager(html`<passkey-manager disabled .client=${client}></passkey-manager>`);
      const buttons = [...el.shadowRoot!.querySelectorAll('button')];
      expect(buttons.map((b) => b.disabled)).to.deep.equal([true, true, true]);
      await click(rowButton(row(el, 'Laptop'), 'Delete'));
      expect([el.shadowRoot!.querySelector('[part~="confirm"]'), requests]).to.deep.equal([null, ['credentials/list', 'session']]);
    });
  });

  describe('the WebAuthn Signal API', () => {
    // The spies check the exact arguments (the static methods are replaced, then put back). Chromium's virtual
    // authenticator also acts on the calls, as a real provider does, which the end-to-end tests below check.
    let signals: ReturnType<typeof spySignals>;
    afterEach(() => signals.restore());

    it('tells the provider the accepted passkeys and the account name after a list, and after a delete', async () => {
      signals = spySignals();
      const [phone] = more({ name: 'Phone' });
      const { userHandle } = mock.store.users.get(alice.userId)!;
      const el = await manager();
      const rpId = location.hostname;
      await waitUntil(() => signals.calls.length === 2, 'no signals after the list');
      expect(signals.calls).to.deep.equal([
        { signal: 'signalAllAcceptedCredentials', options: { rpId, userId: userHandle, allAcceptedCredentialIds: [alice.credentialId, phone!.id] } },
        { signal: 'signalCurrentUserDetails', options: { rpId, userId: userHandle, name: 'alice', displayName: 'alice' } },
      ]);

      signals.calls.length = 0;
      await click(rowButton(row(el, 'Phone'), 'Delete'));
      await click(rowButton(row(el, 'Phone'), 'Delete passkey'));
      await waitUntil(() => signals.calls.length === 1, 'no signal after the delete');
      expect(signals.calls).to.deep.equal([
        { signal: 'signalAllAcceptedCredentials', options: { rpId, userId: userHandle, allAcceptedCredentialIds: [alice.credentialId] } },
      ]);
    });

    it('names only the deleted passkey when the session gives no user handle, and uses the rp-id attribute', async () => {
      sessionWithoutUserHandle(mock);
      signals = spySignals();
      const [phone] = more({ name: 'Phone' });
      const el = await manager(html`<passkey-manager rp-id="example.test"></passkey-manager>`);
      await click(rowButton(row(el, 'Phone'), 'Delete'));
      await click(rowButton(row(el, 'Phone'), 'Delete passkey'));
      await waitUntil(() => signals.calls.length === 1, 'no signal after the delete');
      expect(signals.calls).to.deep.equal([{ signal: 'signalUnknownCredential', options: { rpId: 'example.test', credentialId: phone!.id } }]);
    });

    for (const handle of [true, false]) {
      it(`makes Chromium's own provider forget a deleted passkey (${handle ? 'all accepted passkeys' : 'the unknown one'})`, async () => {
        // Chromium's virtual authenticator acts on signals like a real provider: no spy here.
        signals = spySignals();
        signals.restore();
        if (!handle) sessionWithoutUserHandle(mock);
        nameFirst('Laptop');
        await authenticator.remove();
        const second = await VirtualAuthenticator.add();
        const el = await manager();
        await click(button(el, ADD));
        await waitUntil(() => rows(el).length === 2, 'the second passkey is not listed');
        await loaded(el);
        expect(await second.credentials()).to.have.length(1);
        await click(rowButton(rows(el)[1]!, 'Cancel')); // the new passkey opened to be named
        await click(rowButton(rows(el)[1]!, 'Delete'));
        await click(el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="danger-button"]')!);
        await waitUntil(async () => (await second.credentials()).length === 0, 'the provider still offers the deleted passkey');
      });
    }

    it("updates the account's name in Chromium's own provider after a list", async () => {
      signals = spySignals();
      signals.restore();
      rewriteSession(mock, (session) => ({ ...session, displayName: 'Alice Liddell' }));
      await manager();
      await waitUntil(
        async () => ((await authenticator.credentials())[0] as { userDisplayName?: string } | undefined)?.userDisplayName === 'Alice Liddell',
        'the provider kept the old display name',
      );
    });

    it('works the same where the browser has no Signal API', async () => {
      signals = spySignals({ missing: true });
      more({ name: 'Phone' });
      const errors = listen('passkey-error');
      try {
        const el = await manager();
        await click(rowButton(row(el, 'Phone'), 'Delete'));
        await click(rowButton(row(el, 'Phone'), 'Delete passkey'));
        await waitUntil(() => rows(el).length === 1, 'not deleted');
        expect(errors.events).to.deep.equal([]);
      } finally {
        errors.stop();
      }
    });
  });

  it('renders 500 passkeys, and a rename or a delete touches only its own row', async () => {
    const start = Date.now() - 400 * DAY;
    nameFirst('Key 0');
    changeStored(mock, alice.credentialId, { createdAt: start });
    more(...Array.from({ length: 499 }, (_, i) => ({ name: `Key ${i + 1}`, createdAt: new Date(start + (i + 1) * 60_000).toISOString() })));
    const el = await manager();
    expect(rows(el)).to.have.length(500);

    /** Every change under `node` from now on, as MutationRecords. */
    const watch = (node: Node) => {
      const changes: MutationRecord[] = [];
      const observer = new MutationObserver((records) => changes.push(...records));
      observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
      return { changes: () => [...changes, ...observer.takeRecords()], stop: () => observer.disconnect() };
    };
    const watched = rows(el)[250]!;
    const other = watch(watched);
    const renamedRow = rows(el)[10]!;
    const renamed = watch(renamedRow);

    await press(rowButton(row(el, 'Key 10'), 'Rename'));
    await sendKeys({ type: 'Travel key' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el)[10] === 'Travel key', 'not renamed');
    await el.updateComplete;
    expect(renamed.changes().length, 'the renamed row changed').to.be.greaterThan(0);
    expect(rows(el)[10] === renamedRow, 'the renamed row is the same element').to.equal(true);
    expect(other.changes(), 'another row was not touched by the rename').to.have.length(0);

    await press(rowButton(row(el, 'Key 11'), 'Delete'));
    await press(rowButton(row(el, 'Key 11'), 'Delete passkey'));
    await waitUntil(() => rows(el).length === 499, 'not deleted');
    await el.updateComplete;
    expect(rows(el)[249] === watched, 'the other row is the same element, one up').to.equal(true);
    expect(other.changes(), 'another row was not touched by the delete').to.have.length(0);
    other.stop();
    renamed.stop();
  });

  it('reads as one list of all its passkeys, and keeps focus and an unsaved name in a row the server moved', async () => {
    // More passkeys than a group of rows holds (row-groups.ts): the rows are in more than one group.
    const start = Date.now() - 100 * DAY;
    nameFirst('Key 0');
    changeStored(mock, alice.credentialId, { createdAt: start });
    const added = more(...Array.from({ length: 39 }, (_, i) => ({ name: `Key ${i + 1}`, createdAt: new Date(start + (i + 1) * DAY).toISOString() })));
    const el = await manager();
    const list = part(el, 'list')!;
    expect([list.getAttribute('role'), list.querySelectorAll('[role="listitem"]').length]).to.deep.equal(['list', 40]);
    // Between the list and its items, only elements without a role of their own: each row is an item of that list.
    const between = rows(el).flatMap((r) => {
      const chain: Element[] = [];
      for (let node = r.parentElement; node && node !== list; node = node.parentElement) chain.push(node);
      return chain.filter((node) => node.localName !== 'div' || node.hasAttribute('role') || node.hasAttribute('part'));
    });
    expect(between, 'elements with a role between the list and its rows').to.deep.equal([]);
    await expect(el).to.be.accessible();

    const before = row(el, 'Key 36');
    await press(rowButton(before, 'Rename'));
    await sendKeys({ type: 'Spare key' });
    // Meanwhile the server came to list Key 35 first: Key 36 ends up in another group of rows, a row made again.
    changeStored(mock, added[34]!.id, { createdAt: start - DAY });
    await el.refresh();
    expect(names(el).slice(0, 2)).to.deep.equal(['Key 35', 'Key 0']);
    expect(row(el, 'Key 36') === before, 'the same element').to.equal(false);
    expect(focusedIn(el)).to.equal('Key 36 › Passkey name');
    expect(nameInput(row(el, 'Key 36')).value, 'the unsaved name').to.equal('Spare key');
  });

  it('keeps the rows (and focus) of the passkeys still listed across a refresh, in the order the server now lists them', async () => {
    nameFirst('Laptop');
    const [phone, key] = more({ name: 'Phone' }, { name: 'Security key' });
    const el = await manager();
    const [laptopRow, , keyRow] = rows(el);
    rowButton(keyRow!, 'Rename').focus();

    // Meanwhile, elsewhere: the phone's passkey was deleted, the key renamed, and a tablet's added with a date that
    // lists it first (the server lists oldest first); the laptop's date now lists it last.
    deleteStored(mock, phone!.id);
    changeStored(mock, key!.id, { name: 'YubiKey' });
    more({ name: 'Tablet', createdAt: new Date(Date.now() - 2 * DAY).toISOString() });
    changeStored(mock, key!.id, { createdAt: Date.now() - DAY });
    changeStored(mock, alice.credentialId, { createdAt: Date.now() });
    await el.refresh();

    expect(names(el)).to.deep.equal(['Tablet', 'YubiKey', 'Laptop']);
    expect([row(el, 'YubiKey') === keyRow, row(el, 'Laptop') === laptopRow], 'the same rows, moved').to.deep.equal([true, true]);
    expect(focusedIn(el)).to.equal('YubiKey › Rename');

    el.disabled = true;
    await el.updateComplete;
    expect(rows(el).flatMap((r) => [...r.querySelectorAll('button')].map((b) => b.disabled))).to.deep.equal([true, true, true, true, true, true]);
  });

  describe('dates', () => {
    beforeEach(() => {
      changeStored(mock, alice.credentialId, { name: 'Laptop', createdAt: Date.now() - 3 * DAY - 60_000, lastUsedAt: Date.now() - 2 * 3_600_000 - 60_000 });
    });

    it('shows when a passkey was created and last used, relative, with the exact date at hand', async () => {
      const el = await manager();
      const laptop = row(el, 'Laptop');
      expect([rowText(laptop, 'created'), rowText(laptop, 'last-used')]).to.deep.equal(['Created: 3 days ago', 'Last used: 2 hours ago']);
      const time = laptop.querySelector('time')!;
      const createdAt = new Date(storedCredential(mock, alice.credentialId)!.createdAt).toISOString();
      expect(time.dateTime).to.equal(createdAt);
      expect(time.title).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(createdAt)));
    });

    it('in the person’s language: German, and Japanese through <html lang>', async () => {
      const el = await manager(html`<passkey-manager locale="de"></passkey-manager>`);
      const laptop = row(el, 'Laptop');
      expect([rowText(laptop, 'created'), rowText(laptop, 'last-used')]).to.deep.equal(['Erstellt: vor 3 Tagen', 'Zuletzt verwendet: vor 2 Stunden']);
      expect(rowText(laptop, 'sync')).to.equal('Auf einem Gerät gespeichert');
      expect(button(el, 'Passkey hinzufügen')).to.exist;
      expect(rowButton(laptop, 'Umbenennen')).to.exist;

      const lang = document.documentElement.lang;
      try {
        document.documentElement.lang = 'ja';
        el.locale = undefined;
        await waitUntil(() => rowText(row(el, 'Laptop'), 'created') === '作成: 3 日前', `not in Japanese: ${rowText(row(el, 'Laptop'), 'created')}`);
        expect(rowText(row(el, 'Laptop'), 'last-used')).to.equal('最終使用: 2 時間前');
      } finally {
        document.documentElement.lang = lang;
      }
    });

    it('says "Not used yet" only when the server says never (null), and nothing when it does not say', async () => {
      const now = new Date().toISOString();
      mock.worker.use(
        http.get(`*${api('credentials/list')}`, () =>
          HttpResponse.json([
            { id: 'a', name: 'Never used', createdAt: now, lastUsedAt: null },
            { id: 'b', name: 'Unknown', createdAt: now },
          ]),
        ),
      );
      const el = await manager();
      expect(rowText(row(el, 'Never used'), 'last-used')).to.equal('Not used yet');
      expect(row(el, 'Unknown').querySelector('[part~="last-used"]')).to.equal(null);
    });
  });

  describe('looks', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('follows the colour scheme, and lays out right to left in Arabic', async () => {
      nameFirst('Laptop');
      const el = await manager(html`<passkey-manager color-scheme="dark" locale="ar"></passkey-manager>`);
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(21, 27, 35)');
      expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
      const laptop = row(el, 'Laptop');
      const icon = laptop.querySelector('[part~="provider-icon"]')!.getBoundingClientRect();
      const details = laptop.querySelector('[part~="details"]')!.getBoundingClientRect();
      expect(icon.left, 'the icon comes first, on the right').to.be.greaterThan(details.left);
      await expect(el).to.be.accessible();

      await emulateMedia({ colorScheme: 'dark' });
      const system = await manager();
      expect(getComputedStyle(system).backgroundColor).to.equal('rgb(21, 27, 35)');
      await expect(system).to.be.accessible();
    });
  });
});
