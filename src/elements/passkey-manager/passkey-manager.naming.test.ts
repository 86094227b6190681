/**
 * Telling passkeys apart: default names of provider and minute, providers' logos and their own names in each language,
 * a new passkey opened to be named, and renaming's rough edges (a suggested name never frozen, an unsaved name kept).
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.ts';
import type { RegistrationResult } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, message } from '../../../test/helpers/element.ts';
import {
  aliceSignedIn,
  focusedIn,
  loaded,
  nameInput,
  names,
  openManager,
  row,
  rowButton,
  rows,
  rowText,
  spyClient,
  changeStored,
  storeCredential,
  storedCredential,
} from '../../../test/helpers/manager.ts';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const ONE_PASSWORD = 'bada5566-a7aa-401f-bd96-45619a55120d';
const ZERO = '00000000-0000-0000-0000-000000000000';

/** A date in the past at a given minute: two passkeys made the same day, minutes apart. */
const at = (hours: number, minutes: number) => new Date(Date.UTC(2026, 11, 1, hours, minutes)).toISOString();
const moment = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

describe('<passkey-manager> naming', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let alice: RegistrationResult;

  beforeEach(async () => {
    ({ mock, authenticator, alice } = await aliceSignedIn());
  });
  afterEach(() => VirtualAuthenticator.removeAll());

  /** alice's first passkey becomes an unnamed iCloud Keychain one of Dec 1, 14:03 UTC. */
  function firstIsICloud() {
    changeStored(mock, alice.credentialId, { aaguid: ICLOUD, createdAt: at(14, 3) });
  }

  it('names unnamed passkeys after their provider and the minute they were made, so two of one day read differently', async () => {
    firstIsICloud();
    storeCredential(mock, alice.userId, { aaguid: ICLOUD, createdAt: at(18, 40) });
    storeCredential(mock, alice.userId, { aaguid: GOOGLE.toUpperCase(), name: 'My phone', createdAt: at(19, 0) });
    storeCredential(mock, alice.userId, { aaguid: ZERO, createdAt: at(9, 15) });
    const el = await openManager();

    expect(names(el)).to.deep.equal([
      `Passkey, ${moment('en', at(9, 15))}`,
      `iCloud Keychain, ${moment('en', at(14, 3))}`,
      `iCloud Keychain, ${moment('en', at(18, 40))}`,
      'My phone',
    ]);
    // The delete question names which one.
    await click(rowButton(rows(el)[2]!, 'Delete'));
    expect(rowText(rows(el)[2]!, 'confirm-text')).to.equal(`Delete “iCloud Keychain, ${moment('en', at(18, 40))}”? You will no longer be able to sign in with it.`);
  });

  it("shows each provider's logo, light or dark with the colour scheme, and the passkey glyph for an unknown provider", async () => {
    firstIsICloud();
    storeCredential(mock, alice.userId, { aaguid: ONE_PASSWORD, name: 'Work' });
    storeCredential(mock, alice.userId, { aaguid: ZERO });
    const el = await openManager(html`<passkey-manager color-scheme="light"></passkey-manager>`);
    const shown = () =>
      rows(el).map((r) => {
        const logos = [...r.querySelectorAll<HTMLImageElement>('[part~="provider-logo"]')].filter((img) => getComputedStyle(img).display !== 'none');
        return logos.map((img) => `${img.dataset.scheme ?? 'any'}:${img.src.startsWith('data:image/svg+xml,') && img.naturalWidth > 0}`).join() || r.querySelector('svg[part~="provider-icon"]')?.localName;
      });
    await waitUntil(() => [...el.shadowRoot!.querySelectorAll('img')].every((img) => img.complete), 'the logos did not load');
    // iCloud's logo is one for both schemes; 1Password has one per scheme.
    expect(shown()).to.deep.equal(['any:true', 'light:true', 'svg']);
    expect([...el.shadowRoot!.querySelectorAll('img')].map((img) => img.alt)).to.deep.equal(['', '', '']);

    el.colorScheme = 'dark';
    await el.updateComplete;
    expect(shown()).to.deep.equal(['any:true', 'dark:true', 'svg']);
    await expect(el).to.be.accessible();
  });

  it("calls providers what their vendors call them in the person's language", async () => {
    firstIsICloud();
    storeCredential(mock, alice.userId, { aaguid: GOOGLE, createdAt: at(15, 0) });
    storeCredential(mock, alice.userId, { aaguid: ONE_PASSWORD, createdAt: at(16, 0) });
    const el = await openManager(html`<passkey-manager locale="de"></passkey-manager>`);
    expect(names(el)).to.deep.equal([
      `iCloud-Schlüsselbund vom ${moment('de', at(14, 3))}`,
      `Google Passwortmanager vom ${moment('de', at(15, 0))}`,
      `1Password vom ${moment('de', at(16, 0))}`,
    ]);
    el.locale = 'ja';
    await el.updateComplete;
    expect(names(el).slice(0, 2)).to.deep.equal([`iCloud キーチェーン（${moment('ja', at(14, 3))}）`, `Google パスワード マネージャー（${moment('ja', at(15, 0))}）`]);
  });

  it('keeps a suggested name a suggestion: saving it untouched sends nothing, and it still follows the language', async () => {
    firstIsICloud();
    const { client, requests } = spyClient();
    const el = await openManager(html`<passkey-manager .client=${client}></passkey-manager>`);
    const suggested = `iCloud Keychain, ${moment('en', at(14, 3))}`;
    await click(rowButton(row(el, suggested), 'Rename'));
    expect(nameInput(row(el, suggested)).value).to.equal(suggested);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    expect(requests.includes('credentials/rename')).to.equal(false);
    expect(storedCredential(mock, alice.credentialId)!.name).to.equal(undefined);
    expect(focusedIn(el)).to.equal(`${suggested} › Rename`);
    el.locale = 'fr';
    await el.updateComplete;
    expect(names(el)).to.deep.equal([`Trousseau iCloud du ${moment('fr', at(14, 3))}`]);
  });

  it('opens a passkey just added to be named: typing replaces the suggestion, Enter saves it', async () => {
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
    const { client, requests } = spyClient();
    const el = await openManager(html`<passkey-manager .client=${client}></passkey-manager>`);
    await authenticator.remove();
    await VirtualAuthenticator.add({ transport: 'usb' });
    await click(button(el, 'Add a passkey'));
    await waitUntil(() => rows(el).length === 2 && el.shadowRoot!.activeElement?.localName === 'input', 'the new passkey did not open to be named');

    await sendKeys({ type: 'Blue key' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el)[1] === 'Blue key', 'not named');
    expect(requests.filter((endpoint) => endpoint === 'credentials/rename')).to.have.length(1);
    expect(message(el)).to.equal('Passkey renamed to “Blue key”.');
  });

  it('keeps an unsaved name when Delete opens on another row', async () => {
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
    storeCredential(mock, alice.userId, { name: 'Phone' });
    const el = await openManager();
    await click(rowButton(row(el, 'Laptop'), 'Rename'));
    await sendKeys({ type: 'Work lap' });

    await click(rowButton(row(el, 'Phone'), 'Delete'));
    expect(rowText(row(el, 'Phone'), 'confirm-text')).to.match(/^Delete “Phone”\?/);
    expect(nameInput(row(el, 'Laptop')).value).to.equal('Work lap');
    await click(rowButton(row(el, 'Phone'), 'Cancel'));
    expect(nameInput(row(el, 'Laptop')).value).to.equal('Work lap');

    nameInput(row(el, 'Laptop')).focus();
    await sendKeys({ type: 'top' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => names(el)[0] === 'Work laptop', 'not renamed');
    expect(storedCredential(mock, alice.credentialId)!.name).to.equal('Work laptop');
  });

  it('keeps Save and Cancel beside the field when it says what is wrong', async () => {
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
    const el = await openManager();
    await click(rowButton(row(el, 'Laptop'), 'Rename'));
    const laptop = row(el, 'Laptop');
    const places = () => [nameInput(laptop), rowButton(laptop, 'Save'), rowButton(laptop, 'Cancel')].map((node) => node.getBoundingClientRect());
    const before = places().map(({ top, left }) => [top, left]);
    const [input, save, cancel] = places();
    expect(Math.abs(save!.top - input!.top) < 4 && Math.abs(cancel!.top - input!.top) < 4, 'on the field’s line').to.equal(true);

    nameInput(laptop).select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rowText(laptop, 'error-text')).to.equal('Enter a name.');
    expect(places().map(({ top, left }) => [top, left]), 'nothing moved').to.deep.equal(before);
  });

  it('clears unsaved names and messages on reset(), as after a sign-out', async () => {
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
    storeCredential(mock, alice.userId, { name: 'Phone' });
    const el = await openManager();
    await click(rowButton(row(el, 'Phone'), 'Delete'));
    await click(rowButton(row(el, 'Phone'), 'Delete passkey'));
    await waitUntil(() => message(el) !== '', 'no message');
    await click(rowButton(row(el, 'Laptop'), 'Rename'));
    await sendKeys({ type: 'Secret name' });

    document.dispatchEvent(new Event('passkey-signed-out'));
    await loaded(el);
    expect([message(el), el.shadowRoot!.querySelector('[part~="rename-form"]') === null]).to.deep.equal(['', true]);
    expect(names(el)).to.deep.equal(['Laptop']);
  });
});
