import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.ts';
import '../passkey-register/define.ts';
import type { PasskeyLogin } from './passkey-login.ts';
import { PasskeyClient, PasskeyError, type AuthenticateInput, type PasskeyRequest } from '../../client/index.ts';
import type { PasskeyAuthenticatedEvent, PasskeyErrorEvent } from '../shared/events.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { nextCredentialRequest, VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, field, focused, message, part, record, type, untilShownBusy, untilState } from '../../../test/helpers/element.ts';
import { SERVER_FAILURES } from '../../../test/helpers/failures.ts';
import { api, forgetPasskeys, freshMock, signOut } from '../../../test/helpers/mock.ts';

const USERNAME = 'Username or email';
const SIGN_IN = 'Sign in with a passkey';
const NO_PASSKEY = 'No passkey was used. Try again, or use a device that has your passkey.';
const INVALID = 'Remove invisible, control and direction-changing characters.';

/** A client that records every request it sends and every authenticate() call the element makes. */
function spyClient(options: ConstructorParameters<typeof PasskeyClient>[0] = {}) {
  const requests: Pick<PasskeyRequest, 'endpoint' | 'body'>[] = [];
  const calls: { input: AuthenticateInput; outcome: Promise<unknown> }[] = [];
  const client = new PasskeyClient({ ...options, onRequest: ({ endpoint, body }) => void requests.push({ endpoint, body }) });
  const authenticate = client.authenticate.bind(client);
  client.authenticate = (input = {}) => {
    const outcome = authenticate(input);
    calls.push({ input, outcome: outcome.catch((error: unknown) => error) });
    return outcome;
  };
  return { client, requests, calls };
}

describe('<passkey-login>', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let alice: { userId: string };

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    alice = await new PasskeyClient().register({ username: 'alice' });
    await fetch(api('session/end'), { method: 'DELETE' }); // signed out, with alice's passkey on the authenticator
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  it('signs in with the username typed in', async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}></passkey-login>`);
    const authenticated = record(el, 'passkey-authenticated');
    await type(field(el, USERNAME), 'alice');
    await click(button(el, SIGN_IN));
    await untilState(el, 'success');

    expect(message(el)).to.equal('Signed in as alice.');
    expect(requests[0]).to.deep.equal({ endpoint: 'authenticate/options', body: { username: 'alice' } });
    expect(authenticated).to.have.length(1);
    const [event] = authenticated;
    expect(event!.bubbles && event!.composed).to.equal(true);
    expect(event!.detail).to.include({ userId: alice.userId, username: 'alice' });
    expect(event!.detail.response).to.include({ verified: true });
    expect(mock.store.snapshot().credentials[0]!.lastUsedAt).to.be.a('number');
  });

  it('signs in username-less when the field is left empty', async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}></passkey-login>`);
    const authenticated = record(el, 'passkey-authenticated');
    await click(button(el, SIGN_IN));
    await untilState(el, 'success');

    expect(requests[0]).to.deep.equal({ endpoint: 'authenticate/options', body: {} });
    expect(authenticated[0]!.detail).to.include({ userId: alice.userId, username: 'alice' });
    expect(message(el)).to.equal('Signed in as alice.');
  });

  it('signs in with a passkey just created in <passkey-register>', async () => {
    const page = await fixture(html`<div><passkey-register></passkey-register><passkey-login></passkey-login></div>`);
    const register = page.querySelector('passkey-register')!;
    const login = page.querySelector('passkey-login')!;
    const authenticated = record(login, 'passkey-authenticated');
    await type(field(register, USERNAME), 'bob');
    await click(button(register, 'Create a passkey'));
    await untilState(register, 'success');
    await fetch(api('session/end'), { method: 'DELETE' });

    await type(field(login, USERNAME), 'bob');
    await click(button(login, SIGN_IN));
    await untilState(login, 'success');
    const bob = mock.store.snapshot().users.find((user) => user.username === 'bob')!;
    expect(authenticated[0]!.detail).to.include({ userId: bob.userId, username: 'bob' });
  });

  it('prefills the username the page knows, and signs in with it', async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyLogin>(html`<passkey-login username="alice" .client=${client}></passkey-login>`);
    expect(field(el, USERNAME).value).to.equal('alice');
    await el.start();
    expect(requests[0]).to.deep.equal({ endpoint: 'authenticate/options', body: { username: 'alice' } });
    expect([el.state, message(el)]).to.deep.equal(['success', 'Signed in as alice.']);
  });

  it('for a username with no account, finds no passkey and says what a dismissed prompt says, revealing nothing', async () => {
    const el = await fixture<PasskeyLogin>(html`<passkey-login recovery-href="/recovery"></passkey-login>`);
    const errors = record(el, 'passkey-error');
    const before = mock.accounts();
    await type(field(el, USERNAME), 'nobody');
    await click(button(el, SIGN_IN));
    // A ceremony's time, as untilState allows it: on a busy machine the browser takes over a second to find no passkey.
    await waitUntil(() => errors.length === 1, 'no passkey-error', { timeout: 10_000 });
    await el.updateComplete;

    // The server answered with a made-up credential; no authenticator holds it, which the browser reports as it
    // reports a dismissed prompt.
    expect(errors[0]!.detail).to.include({ code: 'cancelled', phase: 'ceremony' });
    const nobody = [el.state, message(el), part(el, 'recovery')?.textContent?.trim()];
    expect(nobody).to.deep.equal(['idle', NO_PASSKEY, 'Lost your passkey?']);
    expect(mock.accounts()).to.deep.equal(before);

    // alice exists, and dismisses the prompt: the same words.
    await authenticator.setUserVerified(false);
    const other = await fixture<PasskeyLogin>(html`<passkey-login recovery-href="/recovery"></passkey-login>`);
    await type(field(other, USERNAME), 'alice');
    await click(button(other, SIGN_IN));
    await waitUntil(() => message(other) !== '', 'nothing said', { timeout: 10_000 });
    expect([other.state, message(other), part(other, 'recovery')?.textContent?.trim()]).to.deep.equal(nobody);
  });

  it('says a passkey the server no longer knows is unknown', async () => {
    await forgetPasskeys(mock);
    const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
    const errors = record(el, 'passkey-error');
    await click(button(el, SIGN_IN));
    await untilState(el, 'error');
    expect(message(el)).to.equal('This passkey is not known here. It may have been removed: try another one, or create a new one.');
    expect(errors[0]!.detail).to.include({ code: 'unknown-credential', phase: 'verify', status: 400 });
  });

  describe('autofill', () => {
    it('asks for conditional mediation when connected, and signs in when the person picks a passkey', async () => {
      const { client, calls } = spyClient();
      const authenticated: PasskeyAuthenticatedEvent[] = [];
      // The virtual authenticator answers a conditional request at once, as a person picking the passkey would.
      const el = await fixture<PasskeyLogin>(
        html`<passkey-login autofill .client=${client} @passkey-authenticated=${(e: PasskeyAuthenticatedEvent) => authenticated.push(e)}></passkey-login>`,
      );
      await untilState(el, 'success');

      expect(calls.map((call) => call.input)).to.deep.equal([
        { mediation: 'conditional', verifyBrowserAutofillInput: false, signal: calls[0]!.input.signal },
      ]);
      expect(field(el, USERNAME).autocomplete).to.equal('username webauthn');
      expect(authenticated.map((e) => e.detail.userId)).to.deep.equal([alice.userId]);
      expect(message(el)).to.equal('Signed in as alice.');
    });

    it("offers passkeys in the page's own slotted input, which it labels and marks for autofill", async () => {
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyLogin>(
        html`<passkey-login autofill .client=${client}><input slot="username" name="email" autocomplete="email" /></passkey-login>`,
      );
      const input = el.querySelector('input')!;
      expect(input.getAttribute('autocomplete')).to.equal('email webauthn');
      expect(input.getAttribute('aria-label')).to.equal(USERNAME);
      expect(part(el, 'label')!.hidden, 'the built-in label still shows').to.equal(false);
      await click(part(el, 'label')!);
      expect(document.activeElement === input, 'clicking the label focuses the input').to.equal(true);
      await untilState(el, 'success');
      // The client checked `document` for an autofill input and found the page's one.
      expect(calls[0]!.input).to.include({ mediation: 'conditional', verifyBrowserAutofillInput: true });
    });

    it('gives way to the button: the autofill request is aborted and the modal ceremony runs', async () => {
      await authenticator.setPresence(false); // nobody picks from autofill: the conditional request waits
      const { client, calls, requests } = spyClient();
      const requested = nextCredentialRequest();
      const el = await fixture<PasskeyLogin>(html`<passkey-login autofill .client=${client}></passkey-login>`);
      const authenticated = record(el, 'passkey-authenticated');
      const errors = record(el, 'passkey-error');
      await waitUntil(() => requests.length === 1, 'autofill never asked for options');
      await requested; // the conditional navigator.credentials.get() waits in the browser
      expect(el.state).to.equal('idle');

      await authenticator.setPresence(true);
      await type(field(el, USERNAME), 'alice');
      await click(button(el, SIGN_IN));
      await untilState(el, 'success');

      expect(await calls[0]!.outcome).to.be.instanceOf(PasskeyError).and.include({ code: 'aborted' });
      expect(calls[1]!.input).to.include({ username: 'alice' });
      expect(authenticated).to.have.length(1);
      expect(errors, 'the aborted autofill is not an error').to.have.length(0);
      await aTimeout(200); // a bounded window in which nothing may happen
      expect(calls, 'signed in: no new autofill request').to.have.length(2);
    });

    it('offers autofill again after a button ceremony that did not sign in', async () => {
      await authenticator.setPresence(false);
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login autofill .client=${client}></passkey-login>`);
      const errors = record(el, 'passkey-error');
      await waitUntil(() => calls.length === 1, 'no autofill');

      await authenticator.setPresence(true);
      await authenticator.setUserVerified(false); // the person dismisses the modal prompt
      await click(button(el, SIGN_IN));
      await waitUntil(() => calls.length === 3, 'autofill was not restarted');

      expect(calls.map((call) => call.input.mediation)).to.deep.equal(['conditional', undefined, 'conditional']);
      expect(errors[0]!.detail).to.include({ code: 'cancelled', phase: 'ceremony' });
      expect([el.state, message(el)]).to.deep.equal(['idle', '']);
    });

    it('keeps autofill failures to the page until the person picks a passkey, then shows them', async () => {
      mock.faults.force('authenticate/options', { status: 500, body: { error: 'Down' }, times: 1 });
      const errors: PasskeyErrorEvent[] = [];
      const el = await fixture<PasskeyLogin>(
        html`<passkey-login autofill @passkey-error=${(e: PasskeyErrorEvent) => errors.push(e)}></passkey-login>`,
      );
      await waitUntil(() => errors.length === 1, 'the page was not told');
      expect(errors[0]!.detail).to.include({ code: 'server', phase: 'options', status: 500 });
      expect([el.state, message(el)]).to.deep.equal(['idle', '']);

      mock.faults.force('authenticate/verify', { status: 500, body: { error: 'Down' }, times: 1 });
      el.autofill = false;
      await el.updateComplete;
      el.autofill = true; // offered again; the virtual authenticator picks the passkey at once
      await untilState(el, 'error');
      expect(errors[1]!.detail).to.include({ code: 'server', phase: 'verify' });
      expect(message(el)).to.equal('Something went wrong on the server. Please try again in a moment.');
    });

    it('does not disturb a running sign-in when its settings change', async () => {
      await authenticator.setPresence(false);
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login autofill .client=${client}></passkey-login>`);
      await waitUntil(() => calls.length === 1, 'no autofill');
      await click(button(el, SIGN_IN));
      await untilState(el, 'busy');
      el.apiUrl = '/api/passkey/'; // an update that re-checks autofill
      await el.updateComplete;
      await authenticator.setPresence(true);
      expect(calls.map((call) => call.input.mediation)).to.deep.equal(['conditional', undefined]);
      el.remove(); // ends the waiting modal ceremony
      expect(await calls[1]!.outcome).to.include({ code: 'aborted', message: 'The element left the page' });
    });

    it('stops when disabled or removed from the page', async () => {
      await authenticator.setPresence(false);
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login autofill .client=${client}></passkey-login>`);
      await waitUntil(() => calls.length === 1, 'no autofill');
      el.disabled = true;
      expect(await calls[0]!.outcome).to.include({ code: 'aborted' });

      el.disabled = false;
      await waitUntil(() => calls.length === 2, 'no autofill after enabling');
      el.remove();
      expect(await calls[1]!.outcome).to.include({ code: 'aborted' });
    });
  });

  it("signs in on Enter in the page's own input", async () => {
    const { client, requests } = spyClient();
    const el = await fixture<PasskeyLogin>(
      html`<passkey-login .client=${client}><label slot="username">Email <input autocomplete="username" /></label></passkey-login>`,
    );
    const input = el.querySelector('input')!;
    expect(input.hasAttribute('aria-label'), 'labelled by its own <label>').to.equal(false);
    expect(part(el, 'label')!.hidden, 'the built-in label makes way').to.equal(true);
    await type(input, 'alice');
    await sendKeys({ press: 'Enter' });
    await untilState(el, 'success');
    expect(requests[0]).to.deep.equal({ endpoint: 'authenticate/options', body: { username: 'alice' } });
  });

  describe('when it cannot sign in', () => {
    for (const failure of SERVER_FAILURES) {
      it(`shows what went wrong on ${failure.name} at ${failure.step}, then works again`, async () => {
        mock.faults.force(`authenticate/${failure.step}`, { ...failure.fault, times: 1 });
        const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
        const errors = record(el, 'passkey-error');
        await click(button(el, SIGN_IN));
        await untilState(el, 'error');

        expect(message(el)).to.equal(failure.shows);
        expect(errors[0]!.detail).to.deep.include({ code: failure.code, phase: failure.step, message: failure.detail });
        expect(errors[0]!.detail.status).to.equal(failure.status);

        await click(button(el, SIGN_IN));
        await untilState(el, 'success');
        expect(message(el)).to.equal('Signed in as alice.');
      });
    }

    it('gives up on a server that never answers, after the client timeout', async () => {
      mock.faults.force('authenticate/verify', { delay: 'infinite', times: 1 });
      const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${new PasskeyClient({ timeout: 300 })}></passkey-login>`);
      const errors = record(el, 'passkey-error');
      await click(button(el, SIGN_IN));
      await untilState(el, 'error');
      expect(message(el)).to.equal('The server took too long to answer. Please try again.');
      expect(errors[0]!.detail).to.include({ code: 'timeout', phase: 'verify' });
    });
  });

  describe('while busy', () => {
    it('shows progress, and a double click runs exactly one ceremony', async () => {
      mock.faults.force('authenticate/options', { delay: 400, times: 1 });
      mock.faults.force('authenticate/verify', { delay: 400, times: 1 });
      const { client, requests } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}></passkey-login>`);
      const authenticated = record(el, 'passkey-authenticated');
      const signIn = button(el, SIGN_IN);
      await click(signIn);
      await click(signIn);
      await untilShownBusy(el);
      expect([el.state, signIn.getAttribute('aria-busy'), Boolean(part(el, 'spinner'))]).to.deep.equal(['busy', 'true', true]);
      expect(message(el), 'no prompt to follow while the options are on their way').to.equal('');
      await expect(el).to.be.accessible();
      await waitUntil(() => message(el) !== '', 'the prompt was never announced');
      expect(message(el)).to.equal('Waiting for your passkey. Follow the prompt of your browser or device.');

      await untilState(el, 'success');
      expect(requests.map((request) => request.endpoint)).to.deep.equal(['authenticate/options', 'authenticate/verify']);
      expect(authenticated).to.have.length(1);
    });

    it('aborts its ceremony when it leaves the page', async () => {
      await authenticator.setPresence(false);
      const { client, calls } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}></passkey-login>`);
      const errors = record(el, 'passkey-error');
      await click(button(el, SIGN_IN));
      await untilState(el, 'busy');
      el.remove();
      expect(await calls[0]!.outcome).to.be.instanceOf(PasskeyError).and.include({ code: 'aborted' });
      expect(errors).to.have.length(0);
    });
  });

  describe('after a sign-in that found no passkey', () => {
    it('shows the server\'s "unknown passkey" and the recovery link of `recovery-href`; the next sign-in takes them away', async () => {
      await forgetPasskeys(mock);
      const el = await fixture<PasskeyLogin>(html`<passkey-login recovery-href="/account/recovery?from=login"></passkey-login>`);
      await click(button(el, SIGN_IN));
      await untilState(el, 'error');
      expect(message(el)).to.equal('This passkey is not known here. It may have been removed: try another one, or create a new one.');
      const link = part(el, 'recovery-link') as HTMLAnchorElement;
      expect([link.textContent, link.getAttribute('href')]).to.deep.equal(['Lost your passkey?', '/account/recovery?from=login']);
      await expect(el).to.be.accessible();

      // The element told the authenticator to forget the unknown passkey (the Signal API): a new one signs in.
      await new PasskeyClient().register({ username: 'carol' });
      await signOut();
      await click(button(el, SIGN_IN));
      await untilState(el, 'success');
      expect([message(el), Boolean(part(el, 'recovery'))]).to.deep.equal(['Signed in as carol.', false]);
    });

    it("shows the page's own link from the `recovery` slot, and only then", async () => {
      await authenticator.setUserVerified(false);
      const el = await fixture<PasskeyLogin>(html`<passkey-login username="alice" recovery-href="/unused"><a slot="recovery" href="/help">Can't sign in?</a></passkey-login>`);
      const own = el.querySelector('a')!;
      expect(own.assignedSlot?.name, 'hidden before any sign-in').to.equal(undefined);
      await click(button(el, SIGN_IN));
      await waitUntil(() => message(el) === NO_PASSKEY, 'no hint');
      expect(own.assignedSlot?.name).to.equal('recovery');
      expect(own.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(part(el, 'recovery-link')!.checkVisibility(), 'the slot replaces the built-in link').to.equal(false);
    });

    it('says nothing after a dismissed username-less prompt, and makes no link of a `javascript:` URL', async () => {
      await authenticator.setUserVerified(false);
      const el = await fixture<PasskeyLogin>(html`<passkey-login recovery-href="javascript:alert(1)"></passkey-login>`);
      const errors = record(el, 'passkey-error');
      await click(button(el, SIGN_IN));
      await waitUntil(() => errors.length === 1, 'no passkey-error', { timeout: 10_000 });
      await el.updateComplete;
      expect([el.state, message(el), Boolean(part(el, 'recovery'))]).to.deep.equal(['idle', '', false]);

      await type(field(el, USERNAME), 'alice');
      await click(button(el, SIGN_IN));
      await waitUntil(() => message(el) === NO_PASSKEY, 'no hint');
      expect([part(el, 'recovery')!.textContent!.trim(), el.shadowRoot!.querySelectorAll('a').length]).to.deep.equal(['', 0]);
    });
  });

  describe("the page's own input", () => {
    it('is described by the hint and labelled in the language of the element, which it follows', async () => {
      const el = await fixture<PasskeyLogin>(html`<passkey-login><input slot="username" autocomplete="username" /></passkey-login>`);
      const input = el.querySelector('input')!;
      expect([input.getAttribute('aria-label'), input.getAttribute('aria-description')]).to.deep.equal([USERNAME, 'Leave it empty to choose one of your saved passkeys.']);
      el.locale = 'de';
      await el.updateComplete;
      expect([input.getAttribute('aria-label'), input.getAttribute('aria-description')]).to.deep.equal([
        'Benutzername oder E-Mail-Adresse',
        'Leer lassen, um einen Ihrer gespeicherten Passkeys auszuwählen.',
      ]);
    });

    it("keeps the page's own label and description", async () => {
      const el = await fixture<PasskeyLogin>(
        html`<passkey-login><input slot="username" aria-label="Email" aria-describedby="own-hint" /></passkey-login><p id="own-hint">Work email</p>`,
      );
      el.locale = 'fr';
      await el.updateComplete;
      const input = el.querySelector('input')!;
      expect([input.getAttribute('aria-label'), input.hasAttribute('aria-description')]).to.deep.equal(['Email', false]);
    });

    it('refuses a username with a direction-changing character, says why in its description, and takes the focus', async () => {
      const { client, requests } = spyClient();
      const el = await fixture<PasskeyLogin>(html`<passkey-login .client=${client}><input slot="username" /></passkey-login>`);
      const input = el.querySelector('input')!;
      input.value = 'alice\u202Eevil';
      await el.start();
      expect(requests).to.deep.equal([]);
      expect(part(el, 'error-text')!.textContent).to.equal(INVALID);
      expect(input.getAttribute('aria-description')).to.equal(INVALID);
      expect(document.activeElement === input, 'the input has the focus').to.equal(true);
    });
  });

  it('works with the keyboard alone: Tab to the field, type, Enter; Tab reaches the button', async () => {
    const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(USERNAME);
    await sendKeys({ type: 'alice' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(SIGN_IN);
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    await untilState(el, 'success');
    expect(message(el)).to.equal('Signed in as alice.');
  });

  it('speaks the language of the page, matched to the closest locale, with strings overridden', async () => {
    const wrapper = await fixture(html`<div lang="pt-PT"><passkey-login></passkey-login></div>`);
    const el = wrapper.querySelector('passkey-login')!;
    await el.updateComplete;
    expect(field(el, 'Nome de usuário ou e-mail')).to.exist;
    el.locale = 'zh-CN';
    el.strings = { loginButton: '继续' };
    await el.updateComplete;
    expect(part(el, 'hint')!.textContent).to.equal('留空即可从已保存的通行密钥中选择。');
    await click(button(el, '继续'));
    await untilState(el, 'success');
    expect(message(el)).to.equal('已以 alice 的身份登录。');
  });

  it('explains instead of showing a dead button where the browser has no WebAuthn', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    try {
      const errors: Event[] = [];
      const el = await fixture<PasskeyLogin>(
        html`<passkey-login autofill locale="fr" @passkey-error=${(e: Event) => errors.push(e)}></passkey-login>`,
      );
      await waitUntil(() => part(el, 'not-supported'), 'no explanation');
      expect(part(el, 'not-supported')!.textContent!.trim()).to.equal(
        'Ce navigateur ne peut pas utiliser de clés d’accès. Mettez-le à jour, ou continuez dans un autre navigateur ou sur un autre appareil.',
      );
      expect(el.shadowRoot!.querySelectorAll('button, input')).to.have.length(0);
      await expect(el).to.be.accessible();
      expect([el.state, errors.length], 'autofill is only unavailable: no error').to.deep.equal(['idle', 0]);
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });

  it('has no accessibility violations when idle, succeeded or failed', async () => {
    mock.faults.force('authenticate/verify', { status: 500, body: 'Down', times: 1 });
    const el = await fixture<PasskeyLogin>(html`<passkey-login></passkey-login>`);
    await expect(el).to.be.accessible();
    await click(button(el, SIGN_IN));
    await untilState(el, 'error');
    await expect(el).to.be.accessible();
    await click(button(el, SIGN_IN));
    await untilState(el, 'success');
    await expect(el).to.be.accessible();
  });
});
