/**
 * How the list looks and reads: on a phone (375 px) in English, German and Arabic nothing spills out, the name keeps its
 * width and the buttons go under the details; on a desktop they sit beside; names chosen by people keep their own
 * direction in Arabic; lists, dates and numbers follow the locale.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './define.ts';
import type { RegistrationResult } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { click, part } from '../../../test/helpers/element.ts';
import { aliceSignedIn, changeStored, nameInput, openManager, press, row, rowButton, rows, rowText, storeCredential } from '../../../test/helpers/manager.ts';
import type { PasskeyManager } from './passkey-manager.ts';

const LONG_EMAIL = 'ada.lovelace+passkeys@analytical-engine.example.com';
const LONG_NAME = 'Work laptop on the third floor, by the window';

/** Where `inner` spills out of `outer`, in pixels (0.5 px of rounding allowed); empty when it does not. */
function spills(inner: Element, outer: Element): string[] {
  const a = inner.getBoundingClientRect();
  const b = outer.getBoundingClientRect();
  const out: [string, number][] = [['left', b.left - a.left], ['right', a.right - b.right], ['top', b.top - a.top], ['bottom', a.bottom - b.bottom]];
  return out.filter(([, by]) => by > 0.5).map(([side, by]) => `${inner.getAttribute('part') ?? inner.localName} ${side} by ${by.toFixed(1)}`);
}

/** Everything wrong with the layout of the list now, as a person would see it. */
function problems(el: PasskeyManager): string[] {
  const found: string[] = [];
  if (document.documentElement.scrollWidth > window.innerWidth) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  for (const r of rows(el)) {
    const name = r.querySelector('[part~="name"]')!;
    const label = name.textContent!.slice(0, 20);
    if (r.scrollWidth > r.clientWidth) found.push(`${label}: row content ${r.scrollWidth} px in ${r.clientWidth}`);
    if (name.getBoundingClientRect().width < 160) found.push(`${label}: name only ${name.getBoundingClientRect().width.toFixed(0)} px wide`);
    for (const piece of r.querySelectorAll('button, input, [part~="details"], [part~="actions"], [part~="rename-form"], [part~="confirm"]')) {
      if (piece.getClientRects().length === 0) continue; // not shown (the buttons while the editor is open)
      found.push(...spills(piece, r).map((problem) => `${label}: ${problem}`));
    }
    const actions = r.querySelector('[part~="actions"]:not([hidden])');
    const details = r.querySelector('[part~="details"]')!.getBoundingClientRect();
    if (actions && actions.getBoundingClientRect().top < details.bottom - 1) found.push(`${label}: the buttons are beside the details, not under`);
  }
  return found;
}

describe('<passkey-manager> layout and reading', () => {
  let mock: BrowserMock;
  let alice: RegistrationResult;

  beforeEach(async () => {
    ({ mock, alice } = await aliceSignedIn());
    changeStored(mock, alice.credentialId, { aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd', backedUp: true, transports: ['internal', 'hybrid'] });
    storeCredential(mock, alice.userId, { name: LONG_NAME, transports: ['usb', 'nfc', 'ble'], lastUsedAt: new Date(Date.now() - 86_400_000).toISOString() });
    storeCredential(mock, alice.userId, { name: LONG_EMAIL, transports: ['hybrid'] });
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await VirtualAuthenticator.removeAll();
  });

  for (const locale of ['en', 'de', 'ar']) {
    it(`fits a phone (375 px) in ${locale}: nothing spills out, names keep 160 px, buttons go under the details`, async () => {
      await setViewport({ width: 375, height: 800 });
      const el = await openManager(html`<passkey-manager locale=${locale}></passkey-manager>`);
      expect(rows(el)).to.have.length(3);
      expect(problems(el)).to.deep.equal([]);

      // With an editor open (and saying what is wrong) and a question open on another row.
      const [first, second] = rows(el);
      await click(first!.querySelector('[part~="rename-button"]')!);
      nameInput(first!).select();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await click(second!.querySelector('[part~="delete-button"]')!);
      await el.updateComplete;
      expect(first!.querySelector('[part~="error-text"]') !== null && second!.querySelector('[part~="confirm"]') !== null).to.equal(true);
      expect(problems(el)).to.deep.equal([]);
    });
  }

  it('puts the buttons beside the details on a desktop, on the reading side of the language', async () => {
    await setViewport({ width: 1280, height: 800 });
    for (const [locale, beside] of [['en', 'right'], ['ar', 'left']] as const) {
      const el = await openManager(html`<passkey-manager locale=${locale}></passkey-manager>`);
      for (const r of rows(el)) {
        const details = r.querySelector('[part~="details"]')!.getBoundingClientRect();
        const actions = r.querySelector('[part~="actions"]')!.getBoundingClientRect();
        const side = actions.left >= details.right ? 'right' : actions.right <= details.left ? 'left' : 'under';
        expect(side, `${locale}: ${r.querySelector('[part~="name"]')!.textContent}`).to.equal(beside);
      }
      expect(problems(el).filter((problem) => !problem.includes('beside the details'))).to.deep.equal([]);
    }
  });

  it('keeps names in their own direction in Arabic: the name, the field and the sentences that quote it', async () => {
    const el = await openManager(html`<passkey-manager locale="ar"></passkey-manager>`);
    expect(getComputedStyle(part(el, 'base')!).direction).to.equal('rtl');
    const work = row(el, LONG_NAME);
    expect(work.querySelector('[part~="name"]')!.getAttribute('dir')).to.equal('auto');

    await click(rowButton(work, 'حذف'));
    const question = work.querySelector('[part~="confirm-text"]')!;
    expect([...question.querySelectorAll('bdi')].map((bdi) => bdi.textContent)).to.deep.equal([LONG_NAME]);
    expect(question.textContent).to.equal(`هل تريد حذف «${LONG_NAME}»؟ لن تتمكن بعد ذلك من تسجيل الدخول به.`);
    await click(rowButton(work, 'إلغاء'));

    await click(rowButton(work, 'إعادة التسمية'));
    expect(nameInput(work).getAttribute('dir')).to.equal('auto');
    nameInput(work).select();
    await sendKeys({ type: '+1 555 0100 (old)' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'message')!.querySelector('bdi')?.textContent === '+1 555 0100 (old)', 'the message does not isolate the name');
  });

  it('lists transports, dates and numbers the way each language does', async () => {
    const zh = await openManager(html`<passkey-manager locale="zh-Hans"></passkey-manager>`);
    expect(rowText(row(zh, LONG_NAME), 'transports')).to.equal('连接方式：蓝牙、NFC、USB');
    expect(rowText(rows(zh)[0]!, 'created')).to.equal('创建时间：刚刚');
    const ja = await openManager(html`<passkey-manager locale="ja"></passkey-manager>`);
    expect(rowText(row(ja, LONG_NAME), 'transports')).to.equal('接続: Bluetooth、NFC、USB');
    const fr = await openManager(html`<passkey-manager locale="fr"></passkey-manager>`);
    // Exact text (rowText makes every space a plain one): French puts a no-break space before the colon.
    const exact = (r: Element, name: string) => r.querySelector(`[part~="${name}"]`)!.textContent;
    expect([exact(rows(fr)[0]!, 'created'), exact(row(fr, LONG_NAME), 'last-used')]).to.deep.equal(['Créée\u00A0: à l’instant', 'Dernière utilisation\u00A0: hier']);
    const en = await openManager();
    expect([rowText(rows(en)[0]!, 'created'), rowText(row(en, LONG_NAME), 'transports')]).to.deep.equal(['Created: just now', 'Connection: Bluetooth, NFC, USB']);

    // The name's limit in the person's digits.
    const ar = await openManager(html`<passkey-manager locale="ar"></passkey-manager>`);
    await press(rowButton(row(ar, LONG_NAME), 'إعادة التسمية')); // scrolled to: four lists are above it
    await ar.updateComplete;
    const digits = new Intl.NumberFormat('ar');
    expect(rowText(row(ar, LONG_NAME), 'counter')).to.equal(`${digits.format(LONG_NAME.length)}/${digits.format(64)}`);
  });
});
