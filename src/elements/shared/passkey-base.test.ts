import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../passkey-login/define.ts';
import '../passkey-register/define.ts';
import { PasskeyLogin } from '../passkey-login/passkey-login.ts';
import { PasskeyRegister } from '../passkey-register/passkey-register.ts';
import { PasskeyClient, type PasskeyRequest } from '../../client/index.ts';
import { registerLocale } from '../../i18n/index.ts';
import { configure } from './config.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, message, untilState } from '../../../test/helpers/element.ts';
import { freshMock } from '../../../test/helpers/mock.ts';

/** A fetch that records each request's URL and cookie mode, and lets it through to the mock. */
function recordingFetch() {
  const seen: { url: string; credentials: RequestCredentials | undefined }[] = [];
  const pass = window.fetch;
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    seen.push({ url: String(input), credentials: init.credentials });
    return pass(input, init);
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

/** Captures console.warn while `run` runs. */
async function warnings(run: () => Promise<void> | void): Promise<string[]> {
  const said: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void said.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return said;
}

let tags = 0;
/** A fresh tag for a subclass, defined only when the test says so: the upgrade happens then. */
const lateTag = (name: string) => `${name}-late-${++tags}`;

describe('what every element shares', () => {
  let mock: BrowserMock;

  beforeEach(async () => {
    mock = await freshMock();
    await VirtualAuthenticator.add();
  });

  afterEach(() => {
    configure({ apiUrl: undefined, recoveryUrl: undefined, credentials: undefined, client: undefined, locale: undefined });
    return VirtualAuthenticator.removeAll();
  });

  describe('late definition (a framework renders first, the kit is imported later)', () => {
    it('keeps the strings and the client set as properties before the tag was defined', async () => {
      const tag = lateTag('passkey-login');
      const requests: PasskeyRequest['endpoint'][] = [];
      const client = new PasskeyClient({ onRequest: (request) => void requests.push(request.endpoint) });
      const el = document.createElement(tag) as PasskeyLogin;
      Object.assign(el, { strings: { loginButton: 'Continue with a passkey' }, client });
      document.body.append(el);
      customElements.define(tag, class extends PasskeyLogin {});
      try {
        await el.updateComplete;
        await new PasskeyClient().register({ username: 'ada' });
        await click(button(el, 'Continue with a passkey'));
        await untilState(el, 'success');
        expect(requests).to.deep.equal(['authenticate/options', 'authenticate/verify']);
      } finally {
        el.remove();
      }
    });

    it('takes strings as JSON in the attribute, and says so when the attribute is not JSON', async () => {
      const el = await fixture<PasskeyLogin>(html`<passkey-login strings='{"loginButton":"Weiter","bogus":3}'></passkey-login>`);
      expect(button(el, 'Weiter')).to.exist;
      expect(el.strings).to.deep.equal({ loginButton: 'Weiter' });
      const said = await warnings(async () => {
        el.setAttribute('strings', '[object Object]');
        await el.updateComplete;
      });
      expect(said.join()).to.contain('"strings" attribute must be a JSON object');
      expect(button(el, 'Sign in with a passkey')).to.exist;
    });

    it('does not drop a client that a framework could only set as an attribute without saying how to fix it', async () => {
      const said = await warnings(async () => {
        await fixture(html`<passkey-login client="[object Object]"></passkey-login>`);
      });
      expect(said.join()).to.contain('"client" was set as an attribute');
    });
  });

  describe('configure(): page-wide defaults', () => {
    it('gives every element its apiUrl, credentials and client; an element\'s own attribute wins', async () => {
      const { seen, fetch } = recordingFetch();
      configure({ credentials: 'include', client: undefined });
      const [configured, own] = [
        await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`),
        await fixture<PasskeyLogin>(html`<passkey-login credentials="omit"></passkey-login>`),
      ];
      // The elements' own clients use the page's fetch: watch it.
      const original = window.fetch;
      window.fetch = fetch;
      try {
        await new PasskeyClient().register({ username: 'ada' });
        await click(button(configured, 'Sign in with a passkey'));
        await untilState(configured, 'success');
        await click(button(own, 'Sign in with a passkey'));
        await untilState(own, 'success');
      } finally {
        window.fetch = original;
      }
      const modes = seen.filter(({ url }) => url.endsWith('/authenticate/options')).map(({ credentials }) => credentials);
      expect(modes).to.deep.equal(['include', 'omit']);
    });

    it('a configured client is used by elements that have none, even those already on the page', async () => {
      const el = await fixture<PasskeyRegister>(html`<passkey-register username="ada"></passkey-register>`);
      const requests: string[] = [];
      configure({ client: new PasskeyClient({ onRequest: (request) => void requests.push(request.endpoint) }) });
      await el.start();
      expect(el.state).to.equal('success');
      expect(requests).to.deep.equal(['register/options', 'register/verify']);
      expect(mock.store.snapshot().users.map((user) => user.username)).to.deep.equal(['ada']);
    });

    it('sets the locale of every element; an element\'s locale attribute wins, and elements re-render', async () => {
      const [plain, german] = [
        await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`),
        await fixture<PasskeyLogin>(html`<passkey-login locale="de"></passkey-login>`),
      ];
      configure({ locale: 'fr' });
      await waitUntil(() => plain.shadowRoot!.textContent!.includes('Se connecter avec une clé d’accès'), 'French never showed');
      expect(german.shadowRoot!.textContent).to.contain('Mit Passkey anmelden');
    });
  });

  describe('languages', () => {
    it('a registered language shows with its direction, even under <html dir="ltr">', async () => {
      registerLocale('he', { dir: 'rtl', loginButton: 'כניסה עם מפתח גישה' });
      document.documentElement.dir = 'ltr';
      try {
        const el = await fixture<PasskeyLogin>(html`<passkey-login locale="he"></passkey-login>`);
        expect(button(el, 'כניסה עם מפתח גישה')).to.exist;
        expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('dir')).to.equal('rtl');
        // Strings it lacks come from English.
        expect(el.shadowRoot!.textContent).to.contain('Username or email');
      } finally {
        document.documentElement.removeAttribute('dir');
      }
    });

    it('registerLocale("en", …) changes English strings too', async () => {
      registerLocale('en', { loginButton: 'Continue with a passkey' });
      try {
        const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
        expect(button(el, 'Continue with a passkey')).to.exist;
        expect(el.shadowRoot!.textContent).to.contain('Username or email');
      } finally {
        registerLocale('en', {});
      }
    });

    it('Arabic asked for by name lays out right to left under a left-to-right page; inherited, it follows the page', async () => {
      document.documentElement.dir = 'ltr';
      try {
        const named = await fixture<PasskeyLogin>(html`<passkey-login locale="ar"></passkey-login>`);
        const inherited = await fixture<PasskeyLogin>(html`<div lang="ar" dir="ltr"><passkey-login></passkey-login></div>`);
        const base = (el: Element) => el.shadowRoot!.querySelector('[part=base]')!;
        expect(base(named).getAttribute('dir')).to.equal('rtl');
        expect(getComputedStyle(base(named)).direction).to.equal('rtl');
        expect(base(inherited.querySelector('passkey-login')!).hasAttribute('dir')).to.equal(false);
      } finally {
        document.documentElement.removeAttribute('dir');
      }
    });
  });

  describe('attributes for your own API', () => {
    it('recovery-url and credentials reach the requests the element makes', async () => {
      const { seen, fetch } = recordingFetch();
      const original = window.fetch;
      window.fetch = fetch;
      try {
        const el = await fixture(html`<passkey-recovery recovery-url="/api/auth" credentials="omit"></passkey-recovery>`);
        await import('../passkey-recovery/define.ts');
        await customElements.whenDefined('passkey-recovery');
        (el as HTMLElement & { username: string }).username = 'ada';
        await (el as HTMLElement & { start(): Promise<void> }).start();
        expect(message(el)).to.contain('ada');
      } finally {
        window.fetch = original;
      }
      expect(seen).to.deep.equal([{ url: '/api/auth/recovery/send', credentials: 'omit' }]);
    });
  });
});
