/**
 * What the three ceremony elements share, as a person meets it: sign-out clears them, the username check runs
 * before any request, and names of any length and direction stay inside the card and in their own order.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../passkey-login/define.ts';
import '../passkey-recovery/define.ts';
import '../passkey-register/define.ts';
import { PasskeyClient, type PasskeyEndpoint } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, field, focused, message, part, record, type, untilShownBusy, untilState } from '../../../test/helpers/element.ts';
import { freshMock, signOut } from '../../../test/helpers/mock.ts';

type Ceremony = HTMLElement & { state: string; username: string; start(): Promise<void>; reset(): void; updateComplete: Promise<boolean> };

/** Each ceremony element with the name of its button, in a page whose client records every request. */
function subjects(requests: PasskeyEndpoint[] = []) {
  const client = new PasskeyClient({ onRequest: (request) => void requests.push(request.endpoint) });
  return [
    { tag: 'passkey-register', button: 'Create a passkey', make: (attributes = '') => render(`<passkey-register ${attributes}></passkey-register>`, client) },
    { tag: 'passkey-login', button: 'Sign in with a passkey', make: (attributes = '') => render(`<passkey-login ${attributes}></passkey-login>`, client) },
    { tag: 'passkey-recovery', button: 'Send a recovery link', make: (attributes = '') => render(`<passkey-recovery ${attributes}></passkey-recovery>`, client) },
  ];
}

/** `markup` (one element) in the page, with `client`. */
async function render(markup: string, client: PasskeyClient): Promise<Ceremony> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = markup;
  const el = wrapper.firstElementChild as Ceremony & { client: PasskeyClient };
  el.client = client;
  await el.updateComplete;
  return el;
}

const USERNAME = 'Username or email';

/** The first text node in `element` (Lit puts comment markers around what it renders). */
const firstText = (element: Element): Text => [...element.childNodes].find((node): node is Text => node instanceof Text && node.data.trim() !== '')!;
/** 120 characters, without a single break opportunity. */
const LONG_EMAIL = `${'a'.repeat(108)}@example.com`;

describe('the ceremony elements', () => {
  let mock: BrowserMock;

  beforeEach(async () => {
    mock = await freshMock();
    await VirtualAuthenticator.add();
  });
  afterEach(async () => {
    await VirtualAuthenticator.removeAll();
    await setViewport({ width: 800, height: 600 });
  });

  describe('sign-out', () => {
    it('clears what each element shows when the page dispatches passkey-signed-out on document', async () => {
      const pages = await Promise.all(subjects().map((subject) => subject.make()));
      for (const el of pages) {
        await type(field(el, USERNAME), 'ada@example.com');
        await el.start();
        await untilState(el as never, 'success');
        expect(message(el), el.localName).to.include('ada@example.com');
        await signOut(); // signed up first, then signs in with that passkey
      }

      document.dispatchEvent(new Event('passkey-signed-out'));
      await Promise.all(pages.map((el) => el.updateComplete));
      for (const el of pages) {
        expect([el.localName, el.state, el.username, field(el, USERNAME).value, message(el)]).to.deep.equal([el.localName, 'idle', '', '', '']);
      }
    });

    it('reset() empties the display name and the page\'s own input too, and forgets a refusal', async () => {
      const register = await render('<passkey-register ask-display-name></passkey-register>', new PasskeyClient());
      await type(field(register, USERNAME), 'ada\u200B');
      await type(field(register, 'Your name (optional)'), 'Ada');
      await register.start();
      expect(part(register, 'error-text')).to.exist;
      register.reset();
      await register.updateComplete;
      expect([field(register, USERNAME).value, field(register, 'Your name (optional)').value, Boolean(part(register, 'error-text'))]).to.deep.equal(['', '', false]);
      expect(field(register, USERNAME).hasAttribute('aria-invalid')).to.equal(false);

      const login = await render('<passkey-login><input slot="username" /></passkey-login>', new PasskeyClient());
      const own = login.querySelector('input')!;
      await type(own, 'ada@example.com');
      login.reset();
      expect(own.value).to.equal('');
    });

    it('reset() during a ceremony cancels it quietly; the next one runs', async () => {
      mock.faults.force('register/options', { delay: 'infinite', times: 1 });
      const el = await render('<passkey-register username="ada"></passkey-register>', new PasskeyClient());
      const errors = record(el, 'passkey-error');
      const registered = record(el, 'passkey-registered');
      const running = el.start();
      await untilState(el as never, 'busy');
      el.reset();
      await running;
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect([el.state, message(el), errors.length, registered.length]).to.deep.equal(['idle', '', 0, 0]);

      await type(field(el, USERNAME), 'ada');
      await el.start();
      expect([el.state, registered.length]).to.deep.equal(['success', 1]);
    });
  });

  describe('the busy state', () => {
    /** The moments, after `start`, at which the element's button took or dropped `aria-busy`, however briefly. */
    function busyShown(el: Ceremony, start: number): number[] {
      const seen: number[] = [];
      new MutationObserver((records) => {
        for (const _ of records) seen.push(performance.now() - start);
      }).observe(el.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
      return seen;
    }

    it('a ceremony answered within a moment never shows busy, only says so in its state attribute', async () => {
      // A client that answers in 30 ms, without the browser or the network, so the timing is the test's own (its timer
      // runs out before the element's 100 ms one).
      const client = new (class extends PasskeyClient {
        override async register() {
          await new Promise((resolve) => setTimeout(resolve, 30));
          return { userId: 'u1', username: 'ada', credentialId: 'c1', response: { verified: true, userId: 'u1' } };
        }
      })();
      const el = await render('<passkey-register username="ada"></passkey-register>', client);
      const states: string[] = [];
      new MutationObserver(() => states.push(el.getAttribute('state')!)).observe(el, { attributes: true, attributeFilter: ['state'] });
      const seen = busyShown(el, performance.now());
      await el.start();
      await el.updateComplete;
      await new Promise(requestAnimationFrame);
      expect([states, seen, message(el)]).to.deep.equal([['busy', 'success'], [], 'Passkey created for ada. Next time, sign in with it.']);
    });

    it('a ceremony that takes a moment shows busy after 100 ms, and no longer once it ends', async () => {
      mock.faults.force('register/options', { delay: 400, times: 1 });
      const el = await render('<passkey-register username="ada"></passkey-register>', new PasskeyClient());
      const seen = busyShown(el, performance.now());
      const running = el.start();
      await untilShownBusy(el as never);
      expect(seen[0], 'shown busy before 100 ms').to.be.at.least(100);
      expect([Boolean(part(el, 'spinner')), field(el, USERNAME).readOnly]).to.deep.equal([true, true]);
      await running;
      await el.updateComplete;
      expect([el.state, Boolean(part(el, 'spinner')), field(el, USERNAME).readOnly]).to.deep.equal(['success', false, false]);
    });
  });

  describe('telling the page', () => {
    /** Starts `el` and notes, from a listener of `type`, the state then and the message once `updateComplete` settles. */
    async function heardBy(el: Ceremony, type: string): Promise<string[]> {
      const seen: string[] = [];
      const heard = new Promise<void>((resolve) => {
        el.addEventListener(type, async () => {
          seen.push(el.state, el.getAttribute('state')!);
          await el.updateComplete;
          seen.push(message(el));
          resolve();
        }, { once: true });
      });
      await el.start();
      await heard;
      return seen;
    }

    it('fires each outcome with the state already set, and a listener awaiting updateComplete sees it rendered', async () => {
      const [register, login] = subjects();
      expect(await heardBy(await register!.make('username="ada"'), 'passkey-registered')).to.deep.equal([
        'success', 'success', 'Passkey created for ada. Next time, sign in with it.',
      ]);
      await signOut();
      expect(await heardBy(await login!.make('username="ada"'), 'passkey-authenticated')).to.deep.equal(['success', 'success', 'Signed in as ada.']);

      mock.faults.force('register/verify', { status: 503, times: 1 });
      const failed = await heardBy(await register!.make('username="bob"'), 'passkey-error');
      expect(failed.slice(0, 2)).to.deep.equal(['error', 'error']);
      expect(failed[2], 'the error is on screen').to.not.equal('');
    });
  });

  describe('the username check, before any request', () => {
    const REFUSED = [
      { label: 'a zero-width space', value: 'ada\u200B', says: 'Remove invisible, control and direction-changing characters.' },
      { label: 'a right-to-left override', value: 'ada\u202Egnp.exe', says: 'Remove invisible, control and direction-changing characters.' },
      { label: 'an escape character', value: 'ada\u001b[31m', says: 'Remove invisible, control and direction-changing characters.' },
      { label: '257 characters', value: 'a'.repeat(257), says: 'This is too long: use at most 256 characters.' },
    ];
    for (const { label, value, says } of REFUSED) {
      it(`refuses ${label} in each element, says why under the field, and puts the cursor there`, async () => {
        const requests: PasskeyEndpoint[] = [];
        for (const subject of subjects(requests)) {
          const el = await subject.make();
          const heard = record(el, 'passkey-error');
          const input = field(el, USERNAME);
          input.value = value; // as a paste would: some of these cannot be typed
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          button(el, subject.button).click();
          await waitUntil(() => part(el, 'error-text'), `<${subject.tag}> said nothing`);

          expect([subject.tag, part(el, 'error-text')!.textContent]).to.deep.equal([subject.tag, says]);
          expect([input.getAttribute('aria-invalid'), input.getAttribute('aria-describedby')?.includes('username-problem')]).to.deep.equal(['true', true]);
          expect(focused(el)).to.equal(USERNAME);
          expect([el.state, heard.length]).to.deep.equal(['idle', 0]);
          await expect(el).to.be.accessible();

          await type(input, 'x');
          expect(Boolean(part(el, 'error-text')), 'typing takes the refusal away').to.equal(false);
        }
        expect(requests).to.deep.equal([]);
        expect(mock.store.snapshot().users).to.deep.equal([]);
      });
    }

    it('says it in the element\'s language, with the number written the way it reads there', async () => {
      const el = await render('<passkey-register locale="ar"></passkey-register>', new PasskeyClient());
      el.username = 'a'.repeat(300);
      await el.start();
      expect(part(el, 'error-text')!.textContent).to.equal(`هذا طويل جدًا. الحد الأقصى لعدد الأحرف: ${new Intl.NumberFormat('ar').format(256)}.`);
    });

    it('sends the name trimmed and normalised (NFC), as the server stores it', async () => {
      const requests: { endpoint: string; body: unknown }[] = [];
      const el = await render('<passkey-register></passkey-register>', new PasskeyClient({ onRequest: ({ endpoint, body }) => void requests.push({ endpoint, body }) }));
      el.username = '  Jose\u0301 ';
      await el.start();
      expect(requests[0]).to.deep.include({ endpoint: 'register/options', body: { username: 'José', displayName: 'José' } });
    });
  });

  describe('long names and both directions', () => {
    for (const locale of ['en', 'ar']) {
      it(`a 120-character email in the success message stays inside the card (${locale})`, async () => {
        expect([...LONG_EMAIL].length).to.equal(120);
        await setViewport({ width: 375, height: 800 });
        for (const subject of subjects()) {
          const el = await subject.make(`locale="${locale}" username="${LONG_EMAIL}"`);
          await el.start();
          await untilState(el as never, 'success');
          await el.updateComplete;
          const base = part(el, 'base')!;
          expect(message(el), subject.tag).to.include(LONG_EMAIL);
          expect([subject.tag, el.scrollWidth <= el.clientWidth, base.scrollWidth <= base.clientWidth]).to.deep.equal([subject.tag, true, true]);
          expect(part(el, 'message')!.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
          await signOut(); // signed up first, then signs in with that passkey
        }
      });
    }

    it('in an Arabic page, a phone-number username and a Latin email keep their order inside the Arabic sentence', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" dir="rtl"></div>`);
      for (const username of ['+1 555 0100', 'ada.lovelace@example.com']) {
        await new PasskeyClient().register({ username });
        await signOut();
        wrapper.innerHTML = `<passkey-login username="${username}"></passkey-login>`;
        const el = wrapper.firstElementChild as Ceremony;
        await el.start();
        await untilState(el as never, 'success');
        await el.updateComplete;
        const name = part(el, 'message')!.querySelector('bdi')!;
        expect(name.textContent).to.equal(username);
        // Each character of the name lies to the right of the one before it: read left to right, as written.
        const text = firstText(name);
        const lefts = [...username].map((_, index) => {
          const range = document.createRange();
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          return range.getBoundingClientRect().left;
        });
        const inOrder = lefts.every((left, index) => index === 0 || left > lefts[index - 1]!);
        expect([username, inOrder, getComputedStyle(part(el, 'message')!).direction]).to.deep.equal([username, true, 'rtl']);
        // And the sentence around it reads right to left: its first (Arabic) word is right of the name.
        const sentence = firstText(part(el, 'message')!.querySelector('span')!);
        const range = document.createRange();
        range.setStart(sentence, 0);
        range.setEnd(sentence, 1);
        expect(range.getBoundingClientRect().left).to.be.greaterThan(Math.max(...lefts));
        wrapper.innerHTML = '';
      }
    });

    it('Spanish buttons fit a 375-pixel phone', async () => {
      await setViewport({ width: 375, height: 800 });
      for (const subject of [...subjects()]) {
        const el = (await subject.make('locale="es"')) as Ceremony;
        const main = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
        expect([subject.tag, main.scrollWidth <= main.clientWidth, el.scrollWidth <= el.clientWidth, document.documentElement.scrollWidth <= 375]).to.deep.equal([
          subject.tag,
          true,
          true,
          true,
        ]);
      }
    });
  });
});
