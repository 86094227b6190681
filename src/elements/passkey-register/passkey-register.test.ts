import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import './define.ts';
import type { PasskeyRegister } from './passkey-register.ts';
import { PasskeyClient, PasskeyError, type PasskeyEndpoint, type RegisterInput } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, field, focused, message, part, record, type, untilShownBusy, untilState } from '../../../test/helpers/element.ts';
import { SERVER_FAILURES } from '../../../test/helpers/failures.ts';
import { api, freshMock } from '../../../test/helpers/mock.ts';

const USERNAME = 'Username or email';
const CREATE = 'Create a passkey';

/** A client that records every request it sends and every register() call the element makes. */
function spyClient(options: ConstructorParameters<typeof PasskeyClient>[0] = {}) {
  const requests: PasskeyEndpoint[] = [];
  const calls: { input: RegisterInput; outcome: Promise<unknown> }[] = [];
  const client = new PasskeyClient({ ...options, onRequest: (request) => void requests.push(request.endpoint) });
  const register = client.register.bind(client);
  client.register = (input) => {
    const outcome = register(input);
    calls.push({ input, outcome: outcome.catch((error: unknown) => error) });
    return outcome;
  };
  return { client, requests, calls };
}

describe('<passkey-register>', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  // The mock's sign-out. (Clearing document.cookie is not enough: MSW keeps its own copy of mocked cookies.)
  const signOut = () => fetch(api('session/end'), { method: 'DELETE' });

  async function signUp(el: PasskeyRegister, username: string): Promise<void> {
    await type(field(el, USERNAME), username);
    await click(button(el, CREATE));
  }

  it('creates a passkey for the username typed in, and says so', async () => {
    const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
    const registered = record(el, 'passkey-registered');
    await signUp(el, 'alice');
    await untilState(el, 'success');

    expect(message(el)).to.equal('Passkey created for alice. Next time, sign in with it.');
    expect(el.getAttribute('state')).to.equal('success');
    const { users, credentials } = mock.store.snapshot();
    expect(users.map((user) => [user.username, user.displayName])).to.deep.equal([['alice', 'alice']]);
    expect(registered).to.have.length(1);
    const [event] = registered;
    expect(event!.bubbles && event!.composed).to.equal(true);
    expect(event!.detail).to.deep.include({ userId: users[0]!.userId, username: 'alice', credentialId: credentials[0]!.id });
    expect(event!.detail.response).to.include({ verified: true, userId: users[0]!.userId });
    expect((await authenticator.credentials()).map((c) => c.credentialId)).to.have.length(1);
  });

  it('asks for a display name when told to, and sends it', async () => {
    const el = await fixture<PasskeyRegister>(html`<passkey-register ask-display-name></passkey-register>`);
    await type(field(el, 'Your name (optional)'), 'Alice Liddell');
    await signUp(el, 'alice');
    await untilState(el, 'success');
    expect(mock.store.snapshot().users[0]).to.include({ username: 'alice', displayName: 'Alice Liddell' });
  });

  it('prefills the username the page knows, or hides the field and uses it', async () => {
    const shown = await fixture<PasskeyRegister>(html`<passkey-register username="bob"></passkey-register>`);
    expect(field(shown, USERNAME).value).to.equal('bob');

    const hidden = await fixture<PasskeyRegister>(html`<passkey-register username="carol" hide-username></passkey-register>`);
    expect(part(hidden, 'field')!.hidden).to.equal(true);
    await click(button(hidden, CREATE));
    await untilState(hidden, 'success');
    expect(mock.store.snapshot().users.map((user) => user.username)).to.deep.equal(['carol']);
  });

  it('says the username is missing instead of starting, and puts the cursor there', async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyRegister>(html`<passkey-register hide-username .client=${client}></passkey-register>`);
    const errors = record(el, 'passkey-error');
    await el.start();

    const input = field(el, USERNAME);
    expect(part(el, 'field')!.hidden, 'a hidden field shows itself to be filled in').to.equal(false);
    expect(part(el, 'error-text')!.textContent).to.equal('Enter a username or email first.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(el)).to.equal(USERNAME);
    expect([requests, errors.length, el.state]).to.deep.equal([[], 0, 'idle']);
    await expect(el).to.be.accessible();

    await type(input, 'dan');
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('runs the ceremony from start() as from the button', async () => {
    const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
    const registered = record(el, 'passkey-registered');
    el.username = 'erin';
    await el.start();
    expect([el.state, registered[0]?.detail.username]).to.deep.equal(['success', 'erin']);
    expect(mock.store.snapshot().users.map((user) => user.username)).to.deep.equal(['erin']);
  });

  it('does nothing while disabled', async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyRegister>(html`<passkey-register disabled username="fay" .client=${client}></passkey-register>`);
    expect(button(el, CREATE).disabled).to.equal(true);
    expect(field(el, USERNAME).disabled).to.equal(true);
    await el.start();
    expect([requests, el.state]).to.deep.equal([[], 'idle']);
  });

  it('passes a recovery token, which adds a passkey to the existing account', async () => {
    await new PasskeyClient().register({ username: 'alice' });
    await signOut();
    await new PasskeyClient().requestRecovery('alice');
    const { token } = mock.outbox[0]!;
    // A new device: the old authenticator's passkey would be excluded.
    await VirtualAuthenticator.removeAll();
    await VirtualAuthenticator.add();

    const el = await fixture<PasskeyRegister>(html`<passkey-register username="alice" hide-username recovery-token=${token}></passkey-register>`);
    await click(button(el, CREATE));
    await untilState(el, 'success');
    const { users, credentials } = mock.store.snapshot();
    expect(users).to.have.length(1);
    expect(credentials.map((c) => c.userId)).to.deep.equal([users[0]!.userId, users[0]!.userId]);
  });

  describe('when it cannot create the passkey', () => {
    it('refuses a username someone already registered (the server answers 409)', async () => {
      await new PasskeyClient().register({ username: 'alice' });
      await signOut();
      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      const errors = record(el, 'passkey-error');
      await signUp(el, 'alice');
      await untilState(el, 'error');

      expect(message(el)).to.equal('This account already has a passkey. Sign in with it instead.');
      expect(errors[0]!.detail).to.include({ code: 'already-registered', phase: 'options', status: 409 });
      expect(mock.store.snapshot().credentials).to.have.length(1);
    });

    it('says so when this authenticator already holds a passkey of the signed-in account', async () => {
      await new PasskeyClient().register({ username: 'alice' });
      const el = await fixture<PasskeyRegister>(html`<passkey-register username="alice"></passkey-register>`);
      const errors = record(el, 'passkey-error');
      await click(button(el, CREATE));
      await untilState(el, 'error');

      expect(message(el)).to.equal('This account already has a passkey. Sign in with it instead.');
      expect(errors[0]!.detail).to.include({ code: 'already-registered', phase: 'ceremony' });
      expect((errors[0]!.detail.cause as Error).name).to.equal('InvalidStateError');
    });

    it('goes quietly back to idle when the person dismisses the prompt, and can try again', async () => {
      // The virtual authenticator failing user verification is what a dismissed prompt looks like: NotAllowedError.
      await authenticator.setUserVerified(false);
      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      const errors = record(el, 'passkey-error');
      await signUp(el, 'alice');
      await waitUntil(() => errors.length === 1, 'no passkey-error', { timeout: 10_000 });

      expect(errors[0]!.detail).to.include({ code: 'cancelled', phase: 'ceremony' });
      expect((errors[0]!.detail.cause as Error).name).to.equal('NotAllowedError');
      expect([el.state, message(el)]).to.deep.equal(['idle', '']);
      expect(mock.store.snapshot().users).to.deep.equal([]);

      await authenticator.setUserVerified(true);
      await click(button(el, CREATE));
      await untilState(el, 'success');
    });

    for (const failure of SERVER_FAILURES) {
      it(`shows what went wrong on ${failure.name} at ${failure.step}, then works again`, async () => {
        mock.faults.force(`register/${failure.step}`, { ...failure.fault, times: 1 });
        const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
        const errors = record(el, 'passkey-error');
        await signUp(el, 'alice');
        await untilState(el, 'error');

        expect(message(el)).to.equal(failure.shows);
        expect(errors[0]!.detail).to.deep.include({ code: failure.code, phase: failure.step, message: failure.detail });
        expect(errors[0]!.detail.status).to.equal(failure.status);
        expect(mock.store.snapshot().users).to.deep.equal([]);

        await click(button(el, CREATE));
        await untilState(el, 'success');
        expect(mock.store.snapshot().users.map((user) => user.username)).to.deep.equal(['alice']);
      });
    }

    it('gives up on a server that never answers, after the client timeout', async () => {
      mock.faults.force('register/options', { delay: 'infinite', times: 1 });
      const el = await fixture<PasskeyRegister>(html`<passkey-register .client=${new PasskeyClient({ timeout: 300 })}></passkey-register>`);
      const errors = record(el, 'passkey-error');
      await signUp(el, 'alice');
      await untilState(el, 'error');

      expect(message(el)).to.equal('The server took too long to answer. Please try again.');
      expect(errors[0]!.detail).to.include({ code: 'timeout', phase: 'options' });
      await click(button(el, CREATE));
      await untilState(el, 'success');
    });
  });

  describe('while busy', () => {
    it('shows a spinner, asks to follow the prompt once it opens, and a second click or Enter starts nothing', async () => {
      mock.faults.force('register/options', { delay: 500, times: 1 });
      mock.faults.force('register/verify', { delay: 500, times: 1 });
      const { client, requests } = spyClient();
      const el = await fixture<PasskeyRegister>(html`<passkey-register .client=${client}></passkey-register>`);
      const registered = record(el, 'passkey-registered');
      await signUp(el, 'alice');
      await untilShownBusy(el);

      const createButton = button(el, CREATE);
      expect(el.getAttribute('state')).to.equal('busy');
      expect(createButton.getAttribute('aria-busy')).to.equal('true');
      expect(createButton.getAttribute('aria-disabled')).to.equal('true');
      expect([Boolean(part(el, 'spinner')), Boolean(part(el, 'icon'))]).to.deep.equal([true, false]);
      expect(field(el, USERNAME).readOnly).to.equal(true);
      expect(message(el), 'no prompt to follow while the options are on their way').to.equal('');
      await expect(el).to.be.accessible();
      await waitUntil(() => message(el) !== '', 'the prompt was never announced');
      expect(message(el)).to.equal('Creating your passkey. Follow the prompt of your browser or device.');
      await waitUntil(() => requests.length === 2, 'the passkey was never sent to be verified');
      expect(requests).to.deep.equal(['register/options', 'register/verify']);
      expect(el.state, 'still busy while the server verifies').to.equal('busy');

      await click(createButton);
      field(el, USERNAME).focus();
      await sendKeys({ press: 'Enter' });
      await el.start();
      await untilState(el, 'success');
      expect(requests).to.deep.equal(['register/options', 'register/verify']);
      expect(registered).to.have.length(1);
      expect(await authenticator.credentials()).to.have.length(1);
      expect(createButton.hasAttribute('aria-busy')).to.equal(false);
    });

    it('turns its spinner while a ceremony takes its time, slowly for reduced motion', async () => {
      mock.faults.force('register/options', { delay: 1000, times: 2 });
      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      const turning = () => part(el, 'spinner')?.getAnimations()[0]?.effect?.getTiming().duration;
      await signUp(el, 'alice');
      await waitUntil(() => turning() === 800, 'the spinner never turns');
      await untilState(el, 'success');
      expect(part(el, 'spinner')).to.equal(null);

      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        await signUp(el, 'bob');
        await waitUntil(() => turning() === 2400, 'the spinner does not slow down for reduced motion');
        await untilState(el, 'success');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('aborts its ceremony when it leaves the page', async () => {
      await authenticator.setPresence(false); // nobody touches the authenticator: create() waits
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyRegister>(html`<passkey-register .client=${client}></passkey-register>`);
      const errors = record(el, 'passkey-error');
      await signUp(el, 'alice');
      await untilState(el, 'busy');
      el.remove();

      const outcome = await calls[0]!.outcome;
      expect(outcome).to.be.instanceOf(PasskeyError);
      expect(outcome).to.include({ code: 'aborted' });
      expect([errors.length, el.state]).to.deep.equal([0, 'idle']);
      expect(mock.store.snapshot().users).to.deep.equal([]);
    });
  });

  it('works with the keyboard alone: Tab to the field, type, Enter; Tab reaches the button', async () => {
    const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(USERNAME);
    await sendKeys({ type: 'gus' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(CREATE);
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    await untilState(el, 'success');
    expect(mock.store.snapshot().users.map((user) => user.username)).to.deep.equal(['gus']);
  });

  describe('language', () => {
    it('speaks the locale asked for, switches when it changes, and takes single strings from `strings`', async () => {
      const el = await fixture<PasskeyRegister>(html`<passkey-register locale="de"></passkey-register>`);
      await type(field(el, 'Benutzername oder E-Mail-Adresse'), 'alice');
      await click(button(el, 'Passkey erstellen'));
      await untilState(el, 'success');
      expect(message(el)).to.equal('Passkey für alice erstellt. Melden Sie sich künftig damit an.');
      expect(part(el, 'base')!.lang).to.equal('de');

      el.locale = 'fr';
      await el.updateComplete;
      expect(button(el, 'Créer une clé d’accès')).to.exist;
      el.strings = { registerButton: 'Sign up' };
      await el.updateComplete;
      expect(button(el, 'Sign up')).to.exist;
    });

    it('follows the closest lang attribute, and <html lang> when it changes', async () => {
      const wrapper = await fixture(html`<div lang="ja"><passkey-register></passkey-register></div>`);
      const inJapanese = wrapper.querySelector('passkey-register')!;
      await inJapanese.updateComplete;
      expect(button(inJapanese, 'パスキーを作成')).to.exist;

      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      const lang = document.documentElement.lang;
      try {
        document.documentElement.lang = 'es-MX';
        await waitUntil(() => el.shadowRoot!.textContent!.includes('Crear una llave de acceso'), 'did not switch to Spanish');
      } finally {
        document.documentElement.lang = lang;
      }
    });

    it('lays out right to left in Arabic', async () => {
      const wrapper = await fixture(html`<div dir="rtl" lang="ar"><passkey-register></passkey-register></div>`);
      const el = wrapper.querySelector('passkey-register')!;
      await el.updateComplete;
      button(el, 'إنشاء مفتاح مرور');
      expect(getComputedStyle(field(el, 'اسم المستخدم أو البريد الإلكتروني')).direction).to.equal('rtl');
      const icon = part(el, 'icon')!.getBoundingClientRect();
      const label = part(el, 'button-label')!.getBoundingClientRect();
      expect(icon.left, 'the icon comes first, on the right').to.be.greaterThan(label.left);

      const byLocale = await fixture<PasskeyRegister>(html`<passkey-register locale="ar"></passkey-register>`);
      expect(getComputedStyle(part(byLocale, 'input')!).direction).to.equal('rtl');
    });
  });

  describe('looks', () => {
    const background = (el: Element) => getComputedStyle(el).backgroundColor;
    const DARK = 'rgb(21, 27, 35)';
    const LIGHT = 'rgb(255, 255, 255)';

    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('follows the system colour scheme unless `color-scheme` forces one', async () => {
      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      const forcedLight = await fixture<PasskeyRegister>(html`<passkey-register color-scheme="light"></passkey-register>`);
      const forcedDark = await fixture<PasskeyRegister>(html`<passkey-register color-scheme="dark"></passkey-register>`);
      expect([background(el), background(forcedLight), background(forcedDark)]).to.deep.equal([LIGHT, LIGHT, DARK]);

      await emulateMedia({ colorScheme: 'dark' });
      expect([background(el), background(forcedLight), background(forcedDark)]).to.deep.equal([DARK, LIGHT, DARK]);
      await expect(el).to.be.accessible();
    });

    it('takes the global tokens, and element properties over them', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><passkey-register></passkey-register></div>`);
      const el = wrapper.querySelector('passkey-register')!;
      wrapper.style.setProperty('--passkey-color-accent', 'rgb(120, 20, 90)');
      expect(background(button(el, CREATE))).to.equal('rgb(120, 20, 90)');
      el.style.setProperty('--passkey-button-background', 'rgb(0, 90, 0)');
      expect(background(button(el, CREATE))).to.equal('rgb(0, 90, 0)');
    });
  });

  it('explains instead of showing a dead button where the browser has no WebAuthn', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    try {
      const el = await fixture<PasskeyRegister>(html`<passkey-register></passkey-register>`);
      await waitUntil(() => part(el, 'not-supported'), 'no explanation');
      expect(part(el, 'not-supported')!.textContent!.trim()).to.equal(
        'This browser cannot use passkeys. Update it, or continue in another browser or on another device.',
      );
      expect(el.shadowRoot!.querySelectorAll('button, input')).to.have.length(0);
      await expect(el).to.be.accessible();

      const errors = record(el, 'passkey-error');
      el.username = 'alice';
      await el.start();
      expect(errors[0]!.detail).to.include({ code: 'not-supported' });
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });

  it('has no accessibility violations when idle, succeeded or failed', async () => {
    mock.faults.force('register/options', { status: 500, body: { error: 'Down' }, times: 1 });
    const el = await fixture<PasskeyRegister>(html`<passkey-register ask-display-name></passkey-register>`);
    await expect(el).to.be.accessible();
    await signUp(el, 'alice');
    await untilState(el, 'error');
    await expect(el).to.be.accessible();
    await click(button(el, CREATE));
    await untilState(el, 'success');
    await expect(el).to.be.accessible();
  });
});
