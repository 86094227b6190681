/**
 * Usernames, display names and passkey names are data, never markup: whatever a person types or a server holds,
 * every element shows it as the exact text it is (a username in a `<bdi>` of its own), makes no element of it, and
 * runs none of it. And usernames with control, invisible or direction-changing characters are refused by the
 * elements before anything is sent.
 */
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { checkUsername, PasskeyClient, type PasskeyEndpoint, type PasskeyErrorDetail } from '../../src/client/index.ts';
import '../../src/index.ts';
import en from '../../src/i18n/en.ts';
import type { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../helpers/authenticator.ts';
import { field, part, untilState } from '../helpers/element.ts';
import { fill, HOSTILE, HUGE_NAME, injected, LONG_NAME, LONG_USERNAME, onlyText, onlyTextAndBdi, pwned } from '../helpers/hostile.ts';
import { announced, loaded, press, row, rowButton, rows, storeCredential } from '../helpers/manager.ts';
import { freshMock, signOut } from '../helpers/mock.ts';

type Ceremony = HTMLElement & { state: string; start(): Promise<void> };

/** Once the element has rendered what it was last told: what is on screen is final. */
const settled = (element: Element) => (element as Element & { updateComplete: Promise<unknown> }).updateComplete;

/** What a username may be (`checkUsername` refuses the direction-changing payload, tested below). */
const USERNAMES = [...HOSTILE, { label: 'a 256-character string of markup', value: LONG_USERNAME }].filter(({ value }) => checkUsername(value).ok);
/** What a person may name a passkey: the server refuses the invisible, control and direction-changing characters it refuses in usernames. */
const NAMES = [...HOSTILE, { label: 'a 64-character string of markup', value: LONG_NAME }].filter(({ value }) => checkUsername(value).ok);

/** The text of the ceremony elements' success message: the `<span>` after the icon, exactly as rendered. */
const messageSpan = (element: Element) => onlyTextAndBdi(part(element, 'message')?.querySelector(':scope > span'));
/** The exact name of each row, in order. */
const rowNames = (element: Element) => rows(element).map((r) => onlyText(r.querySelector('[part~="name"]')));

describe('hostile input renders as text', () => {
  let mock: BrowserMock;

  beforeEach(async () => {
    mock = await freshMock();
    delete (window as { __pwned?: unknown }).__pwned;
    await VirtualAuthenticator.add();
  });
  afterEach(async () => {
    // A bounded "nothing ran" window: an injected <img src=data:,…> fires its onerror well within it (the detector
    // test below waits for exactly that).
    await aTimeout(300);
    expect(pwned(), 'no payload ran').to.equal(undefined);
    await VirtualAuthenticator.removeAll();
  });

  it('the detector sees what rendering a payload as HTML would leave, and that it ran', async () => {
    // Proof that the checks below can fail: the same payloads, rendered as markup on purpose.
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const markup = HOSTILE.slice(0, 3).map((h) => h.value).join(''); // each <img> fails to load a data: URL, without a request
    render(html`<p><span>${unsafeHTML(markup)}</span></p>`, root);
    await waitUntil(() => pwned() !== undefined, 'the <img onerror> never ran', { timeout: 2000 });
    const found = injected(host.parentElement!);
    expect(found.some((f) => f.startsWith('<img')), found.join(' · ')).to.equal(true);
    expect(found.some((f) => f.startsWith('<script')), found.join(' · ')).to.equal(true);
    expect(found.some((f) => f.startsWith('<svg')), found.join(' · ')).to.equal(true);
    expect(onlyText(root.querySelector('span'))).to.match(/^\(holds elements/);
    delete (window as { __pwned?: unknown }).__pwned;
  });

  describe('<passkey-register>', () => {
    for (const { label, value } of USERNAMES) {
      it(`${label} as username and display name: the success message and the fields`, async () => {
        const el = await fixture<Ceremony>(html`<passkey-register ask-display-name .username=${value} .displayName=${value}></passkey-register>`);
        expect([field(el, 'Username or email').value, field(el, 'Your name (optional)').value]).to.deep.equal([value, value]);
        await el.start();
        await untilState(el as never, 'success');
        await settled(el);

        expect(messageSpan(el)).to.equal(fill(en.registered, { username: value }));
        expect(injected(el.shadowRoot!)).to.deep.equal([]);
        expect(injected(el.parentElement!)).to.deep.equal([]);
        const [user] = mock.store.snapshot().users;
        expect([user!.username, user!.displayName], 'stored as sent').to.deep.equal([value, value]);
      });
    }
  });

  describe('<passkey-login>', () => {
    for (const { label, value } of USERNAMES) {
      it(`${label} as username: the signed-in message (the username the server answers)`, async () => {
        await new PasskeyClient().register({ username: value, displayName: value });
        await signOut();
        const el = await fixture<Ceremony>(html`<passkey-login .username=${value}></passkey-login>`);
        expect(field(el, 'Username or email').value).to.equal(value);
        await el.start();
        await untilState(el as never, 'success');
        await settled(el);

        expect(messageSpan(el)).to.equal(fill(en.authenticated, { username: value }));
        expect(injected(el.shadowRoot!)).to.deep.equal([]);
        expect(injected(el.parentElement!)).to.deep.equal([]);
      });
    }
  });

  describe('<passkey-recovery>', () => {
    for (const { label, value } of USERNAMES) {
      it(`${label} as username: the "sent" message`, async () => {
        await new PasskeyClient().register({ username: value });
        await signOut();
        const el = await fixture<Ceremony>(html`<passkey-recovery .username=${value}></passkey-recovery>`);
        await el.start();
        await untilState(el as never, 'success');
        await settled(el);

        expect(messageSpan(el)).to.equal(fill(en.recoverySent, { username: value }));
        expect(injected(el.shadowRoot!)).to.deep.equal([]);
        expect(injected(el.parentElement!)).to.deep.equal([]);
        expect(mock.outbox.map((m) => m.to), 'the link went to the account').to.have.length(1);
      });
    }
  });

  describe('<passkey-manager>', () => {
    it('passkey names the server holds (and a hostile username and display name in the session) render as text, in rows, editor and confirmation', async () => {
      const hostileName = HOSTILE[0]!.value;
      const { userId, credentialId } = await new PasskeyClient().register({ username: LONG_USERNAME, displayName: hostileName });
      const stored = [...HOSTILE.map((h) => h.value), HUGE_NAME];
      mock.store.credentials.get(credentialId)!.name = stored[0];
      for (const name of stored.slice(1)) storeCredential(mock, userId, { name });
      const el = await fixture<PasskeyManager>(html`<passkey-manager></passkey-manager>`);
      await loaded(el);
      await settled(el);

      expect(el.state).to.equal('ready');
      expect(rowNames(el)).to.deep.equal(stored);
      // The session's username and display name are not shown: they appear nowhere as text either.
      expect(el.shadowRoot!.textContent!.includes('<i onmouseover')).to.equal(false);
      expect(injected(el.shadowRoot!)).to.deep.equal([]);

      // The editor's draft and the delete question carry the name as it is.
      for (const name of [stored[2]!, HUGE_NAME]) {
        await press(rowButton(row(el, name), 'Rename'));
        expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!.value).to.equal(name);
        await press(rowButton(row(el, name), 'Cancel'));
        await press(rowButton(row(el, name), 'Delete'));
        expect(onlyTextAndBdi(row(el, name).querySelector('[part~="confirm-text"]'))).to.equal(fill(en.deleteConfirm, { name }));
        await press(rowButton(row(el, name), 'Cancel'));
      }
      await press(rowButton(row(el, stored[1]!), 'Delete'));
      await press(rowButton(row(el, stored[1]!), 'Delete passkey'));
      await waitUntil(() => rows(el).length === stored.length - 1, 'not deleted');
      expect(announced(el)).to.equal(fill(en.deleted, { name: stored[1]! }));
      await settled(el);
      expect(injected(el.shadowRoot!)).to.deep.equal([]);
    });

    it('a credential id of markup and URL syntax is never rendered, and renames and deletes the right passkey', async () => {
      const { userId, credentialId } = await new PasskeyClient().register({ username: 'ada' });
      mock.store.credentials.get(credentialId)!.name = 'Laptop';
      const hostileId = '"><img src=x onerror=window.__pwned=1>/../%2e%2e?x=1#frag';
      storeCredential(mock, userId, { name: 'Odd', id: hostileId });
      const el = await fixture<PasskeyManager>(html`<passkey-manager></passkey-manager>`);
      await loaded(el);
      expect(rowNames(el)).to.deep.equal(['Laptop', 'Odd']);

      await press(rowButton(row(el, 'Odd'), 'Rename'));
      await sendKeys({ type: 'Renamed' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rowNames(el).includes('Renamed'), 'not renamed');
      expect([mock.store.credentials.get(hostileId)!.name, mock.store.credentials.get(credentialId)!.name]).to.deep.equal(['Renamed', 'Laptop']);

      await press(rowButton(row(el, 'Renamed'), 'Delete'));
      await press(rowButton(row(el, 'Renamed'), 'Delete passkey'));
      await waitUntil(() => rows(el).length === 1, 'not deleted');
      expect([...mock.store.credentials.keys()]).to.deep.equal([credentialId]);
      await settled(el);
      expect(injected(el.shadowRoot!)).to.deep.equal([]);
    });

    for (const { label, value } of NAMES) {
      it(`${label}, typed in as a new name: saved as typed, shown and announced as text`, async () => {
        const { credentialId } = await new PasskeyClient().register({ username: 'ada' });
        mock.store.credentials.get(credentialId)!.name = 'Laptop';
        const el = await fixture<PasskeyManager>(html`<passkey-manager></passkey-manager>`);
        await loaded(el);
        await press(rowButton(row(el, 'Laptop'), 'Rename'));
        // Set as a paste would: some of these characters cannot be typed by sendKeys.
        const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        // The event and the news, not the store: the store changes before the answer reaches the element.
        const renamed = oneEvent(el, 'passkey-credential-renamed');
        await sendKeys({ press: 'Enter' });
        expect((await renamed).detail).to.deep.equal({ credentialId, name: value });
        await waitUntil(() => announced(el) !== '', 'the rename was not announced');
        await settled(el);

        expect(mock.store.credentials.get(credentialId)!.name).to.equal(value);
        expect(rowNames(el)).to.deep.equal([value]);
        expect(announced(el)).to.equal(fill(en.renamed, { name: value }));
        expect(injected(el.shadowRoot!)).to.deep.equal([]);

        // And what the server now lists, loaded afresh.
        await el.refresh();
        expect(rowNames(el)).to.deep.equal([value]);
      });
    }
  });

  describe('usernames with control, invisible or direction-changing characters', () => {
    const REFUSED = [
      { label: 'a NUL', value: 'ada\u0000bob' },
      { label: 'an escape', value: 'ada\u001b[31mbob' },
      { label: 'a C1 next-line', value: 'ada\u0085bob' },
      { label: 'a line separator', value: 'ada\u2028bob' },
      { label: 'a zero-width joiner', value: 'ada\u200Dbob' },
      ...HOSTILE.filter(({ value }) => !checkUsername(value).ok),
    ];
    const subjects = [
      { tag: 'passkey-register', template: (username: string, client: PasskeyClient) => html`<passkey-register .username=${username} .client=${client}></passkey-register>` },
      { tag: 'passkey-login', template: (username: string, client: PasskeyClient) => html`<passkey-login .username=${username} .client=${client}></passkey-login>` },
      { tag: 'passkey-recovery', template: (username: string, client: PasskeyClient) => html`<passkey-recovery .username=${username} .client=${client}></passkey-recovery>` },
    ];

    it('the direction-changing payload is among them', () => {
      expect(REFUSED.map((r) => r.label)).to.include('right-to-left override characters');
    });

    for (const subject of subjects) {
      for (const { label, value } of REFUSED) {
        it(`<${subject.tag}> with ${label}: refused before any request, with a reason to read, and nothing stored`, async () => {
          await new PasskeyClient().register({ username: 'ada' });
          await signOut();
          const before = mock.store.snapshot();
          const requests: PasskeyEndpoint[] = [];
          const client = new PasskeyClient({ onRequest: (request) => void requests.push(request.endpoint) });
          const el = await fixture<Ceremony>(subject.template(value, client));
          const errors: PasskeyErrorDetail[] = [];
          el.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
          await el.start();

          expect([requests, errors, el.state]).to.deep.equal([[], [], 'idle']);
          expect(onlyText(part(el, 'error-text'))).to.equal(en.usernameInvalid);
          expect(field(el, 'Username or email').getAttribute('aria-invalid')).to.equal('true');
          expect(mock.store.snapshot()).to.deep.equal(before);
          expect(mock.outbox).to.deep.equal([]);
        });
      }
    }
  });
});
