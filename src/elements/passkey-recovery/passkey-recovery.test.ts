import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.ts';
import type { PasskeyRecovery } from './passkey-recovery.ts';
import type { PasskeyRegister } from '../passkey-register/passkey-register.ts';
import { PasskeyClient, type PasskeyEndpoint } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { button, click, field, focused, message, part, record, type, untilShownBusy, untilState } from '../../../test/helpers/element.ts';
import { gate } from '../../../test/helpers/manager.ts';
import { freshMock, signOut } from '../../../test/helpers/mock.ts';

const USERNAME = 'Username or email';
const SEND = 'Send a recovery link';
const CREATE = 'Create a passkey';
const SENT = (username: string) => `If an account exists for ${username}, we sent it a link to create a new passkey. Check your email.`;
const REFUSED = 'This recovery link has expired, was already used, or is not for this account. Ask for a new one below.';

describe('<passkey-recovery>', () => {
  let mock: BrowserMock;
  let alice: { userId: string };

  beforeEach(async () => {
    mock = await freshMock();
    await VirtualAuthenticator.add();
    alice = await new PasskeyClient().register({ username: 'alice' });
    await signOut();
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  async function ask(el: PasskeyRecovery, username: string): Promise<void> {
    const input = field(el, USERNAME);
    input.select();
    await type(input, username);
    await click(button(el, SEND));
    await untilState(el, 'success');
  }

  /** The recovery link's page: the element with the link's token, on a new device (the old passkey is lost). */
  async function followLink(token: string, username = 'alice'): Promise<{ el: PasskeyRecovery; register: PasskeyRegister }> {
    await VirtualAuthenticator.removeAll();
    await VirtualAuthenticator.add();
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery token=${token} username=${username}></passkey-recovery>`);
    const register = el.shadowRoot!.querySelector('passkey-register')!;
    await register.updateComplete;
    return { el, register };
  }

  it('answers the same for a known and an unknown account, and only the known one gets a link', async () => {
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery></passkey-recovery>`);
    const sent = record(el, 'passkey-recovery-sent');
    await ask(el, 'alice');
    const known = message(el);
    await ask(el, 'nobody@example.com');
    const unknown = message(el);

    expect([known, unknown]).to.deep.equal([SENT('alice'), SENT('nobody@example.com')]);
    expect(sent.map((event) => event.detail)).to.deep.equal([{ username: 'alice' }, { username: 'nobody@example.com' }]);
    expect(sent[0]!.bubbles && sent[0]!.composed).to.equal(true);
    expect(mock.outbox.map((mail) => mail.to)).to.deep.equal(['alice']);
    expect(mock.outbox[0]!.link).to.match(new RegExp(`^${location.origin}/recovery\\?token=[\\w-]+$`));
    expect(el.getAttribute('state')).to.equal('success');
    await expect(el).to.be.accessible();
  });

  it('asks with Enter from the field, and trims the name', async () => {
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery></passkey-recovery>`);
    const sent = record(el, 'passkey-recovery-sent');
    await type(field(el, USERNAME), '  alice ');
    await sendKeys({ press: 'Enter' });
    await untilState(el, 'success');
    expect(sent[0]!.detail).to.deep.equal({ username: 'alice' });
    expect(mock.outbox).to.have.length(1);
  });

  it('says the username is missing instead of asking, and puts the cursor there', async () => {
    const requests: PasskeyEndpoint[] = [];
    const client = new PasskeyClient({ onRequest: (request) => void requests.push(request.endpoint) });
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery .client=${client}></passkey-recovery>`);
    await click(button(el, SEND));
    await el.updateComplete;
    expect(part(el, 'error-text')!.textContent).to.equal('Enter a username or email first.');
    expect(field(el, USERNAME).getAttribute('aria-describedby')).to.equal('hint username-problem');
    expect(focused(el)).to.equal(USERNAME);
    expect([requests, el.state]).to.deep.equal([[], 'idle']);
    await expect(el).to.be.accessible();
  });

  it('shows progress while it asks, and a second press asks nothing more', async () => {
    const held = gate();
    const requests: PasskeyEndpoint[] = [];
    const client = new PasskeyClient({
      onRequest: (request) => void requests.push(request.endpoint),
      fetch: async (input, init) => {
        await held.opened;
        return fetch(input, init);
      },
    });
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery username="alice" .client=${client}></passkey-recovery>`);
    await click(button(el, SEND));
    await untilShownBusy(el);
    const send = button(el, SEND);
    expect([send.getAttribute('aria-busy'), send.getAttribute('aria-disabled')]).to.deep.equal(['true', 'true']);
    expect(message(el)).to.equal('Asking for a recovery link…');
    expect(field(el, USERNAME).readOnly).to.equal(true);
    await expect(el).to.be.accessible();
    await click(send);
    held.open();
    await untilState(el, 'success');
    expect(requests).to.deep.equal(['recovery/send']);
  });

  for (const [name, fault, code, shows] of [
    ['a server error', { status: 500, body: { error: 'Mail server down' } }, 'server', 'Something went wrong on the server. Please try again in a moment.'],
    ['a network error', { networkError: true }, 'network', 'The server cannot be reached. Check your connection and try again.'],
  ] as const) {
    it(`shows ${name} in the recovery phase, and works when tried again`, async () => {
      mock.faults.force('recovery/send', { ...fault, times: 1 });
      const el = await fixture<PasskeyRecovery>(html`<passkey-recovery username="alice"></passkey-recovery>`);
      const errors = record(el, 'passkey-error');
      const sent = record(el, 'passkey-recovery-sent');
      await click(button(el, SEND));
      await untilState(el, 'error');
      expect(message(el)).to.equal(shows);
      expect(errors[0]!.detail).to.include({ code, phase: 'recovery' });
      expect([sent.length, mock.outbox.length]).to.deep.equal([0, 0]);
      await expect(el).to.be.accessible();

      await click(button(el, SEND));
      await untilState(el, 'success');
      expect(mock.outbox).to.have.length(1);
    });
  }

  it('from the link, creates a new passkey for the account once, and only once', async () => {
    await new PasskeyClient().requestRecovery('alice');
    const { token } = mock.outbox[0]!;

    const first = await followLink(token);
    expect(part(first.el, 'intro')!.textContent).to.equal('Create a new passkey for your account.');
    expect(field(first.register, USERNAME).value, 'prefilled with the account').to.equal('alice');
    await expect(first.el).to.be.accessible();
    const registered = record(first.el, 'passkey-registered');
    await click(button(first.register, CREATE));
    await untilState(first.register, 'success');
    expect(registered[0]!.detail).to.include({ userId: alice.userId, username: 'alice' });
    expect(await mock.store.listCredentials(alice.userId)).to.have.length(2);

    // The same link again, on yet another device: refused, with the way to ask for a new one.
    await signOut();
    const second = await followLink(token);
    const errors = record(second.el, 'passkey-error');
    await click(button(second.register, CREATE));
    await waitUntil(() => part(second.el, 'link-invalid'), 'the used link was not refused');
    expect(part(second.el, 'link-invalid')!.textContent!.trim()).to.equal(REFUSED);
    expect(part(second.el, 'link-invalid')!.getAttribute('role')).to.equal('alert');
    expect(errors[0]!.detail).to.include({ phase: 'options', status: 400, message: 'This recovery link is invalid or has expired' });
    expect(await mock.store.listCredentials(alice.userId)).to.have.length(2);
    expect(second.el.shadowRoot!.querySelector('passkey-register')).to.equal(null);
    expect([field(second.el, USERNAME).value, focused(second.el)]).to.deep.equal(['alice', USERNAME]);
    await expect(second.el).to.be.accessible();

    await click(button(second.el, SEND));
    await untilState(second.el, 'success');
    expect(mock.outbox).to.have.length(2);
  });

  it('refuses a link that expired (15 minutes)', async () => {
    await new PasskeyClient().requestRecovery('alice');
    const { token } = mock.outbox[0]!;
    mock.clock.advance(15 * 60_000 + 1);

    const { el, register } = await followLink(token);
    await click(button(register, CREATE));
    await waitUntil(() => part(el, 'link-invalid'), 'the expired link was not refused');
    expect(part(el, 'link-invalid')!.textContent!.trim()).to.equal(REFUSED);
    expect(await mock.store.listCredentials(alice.userId)).to.have.length(1);
  });

  it('shows the link step for a new token, without the last answer, in the language and colour scheme of the element', async () => {
    await new PasskeyClient().requestRecovery('alice');
    const { token } = mock.outbox[0]!;
    const el = await fixture<PasskeyRecovery>(html`<passkey-recovery locale="de" color-scheme="dark"></passkey-recovery>`);
    expect(button(el, 'Wiederherstellungslink senden')).to.exist;
    expect(part(el, 'hint')!.textContent).to.equal('Passkey verloren? Wir senden Ihnen per E-Mail einen Link, mit dem Sie einen neuen erstellen können.');

    await type(field(el, 'Benutzername oder E-Mail-Adresse'), 'alice');
    await click(button(el, 'Wiederherstellungslink senden'));
    await untilState(el, 'success');
    el.token = token;
    await el.updateComplete;
    expect([message(el), el.state], "the request's answer is gone with the new step").to.deep.equal(['', 'idle']);
    const register = el.shadowRoot!.querySelector('passkey-register')!;
    await register.updateComplete;
    expect(part(el, 'intro')!.textContent).to.equal('Erstellen Sie einen neuen Passkey für Ihr Konto.');
    expect(button(register, 'Passkey erstellen')).to.exist;
    expect(register.getAttribute('color-scheme')).to.equal('dark');
    expect(getComputedStyle(button(register, 'Passkey erstellen')).backgroundColor).to.equal('rgb(68, 147, 248)');
    await expect(el).to.be.accessible();

    // The nested element's parts are the page's to style, under `register-` names.
    const style = Object.assign(document.createElement('style'), { textContent: 'passkey-recovery::part(register-button) { background: rgb(1, 2, 3); }' });
    document.head.append(style);
    try {
      expect(getComputedStyle(button(register, 'Passkey erstellen')).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });
});
