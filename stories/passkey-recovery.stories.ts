import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import '../src/elements/passkey-recovery/define.ts';
import { PasskeyClient } from '../src/client/index.ts';
import { format } from '../src/i18n/index.ts';
import en from '../src/i18n/en.ts';
import { accountElsewhere, recoveryLink, type MockParameters } from './support/mock.ts';
import { CEREMONY, lastDetail, message, rendered, untilState } from './support/play.ts';
import { dark, disabled, FAULTS, failure, inLocale, withClientSource } from './support/states.ts';

const meta = {
  title: 'Elements/passkey-recovery',
  component: 'passkey-recovery',
  // The docs page shows the playground and the looks below tagged `autodocs`; the states need their play function.
  tags: ['!autodocs'],
  args: { onPasskeyRecoverySent: fn(), onPasskeyRegistered: fn(), onPasskeyError: fn() },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const USERNAME = 'ada@example.com';
const TOKEN = 'storybook-recovery-token';

/** The person types their username and presses "Send a recovery link". */
async function askForLink(canvasElement: HTMLElement, username = USERNAME) {
  const view = await rendered(canvasElement, 'passkey-recovery');
  await userEvent.type(view.shadow.getByRole('textbox', { name: en.usernameLabel }), username);
  await userEvent.click(view.shadow.getByRole('button', { name: en.recoveryButton }));
  return view;
}

/** The recovery link's page: the `<passkey-register>` inside, once it has rendered. */
async function linkPage(canvasElement: HTMLElement) {
  const { element } = await rendered(canvasElement, 'passkey-recovery');
  const register = await waitFor(() => {
    const base = element.shadowRoot!.querySelector('passkey-register')?.shadowRoot?.querySelector<HTMLElement>('[part~="base"]');
    if (!base) throw new Error('<passkey-register> has not rendered');
    return base;
  });
  return { element, register: within(register) };
}

/** Every attribute, property, event, slot, part and custom property, from custom-elements.json: try them in Controls. */
export const Playground: Story = { tags: ['autodocs'] };

export const Idle: Story = {
  tags: ['autodocs'],
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-recovery');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveAccessibleDescription(en.recoveryHint);
    await expect(shadow.getByRole('button', { name: en.recoveryButton })).toBeEnabled();
  },
};

export const Prefilled: Story = {
  tags: ['autodocs'],
  args: { username: USERNAME },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-recovery');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveValue(USERNAME);
  },
};

/** The person pressed the button with the field empty. */
export const UsernameMissing: Story = {
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-recovery');
    await userEvent.click(shadow.getByRole('button', { name: en.recoveryButton }));
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveAttribute('aria-invalid', 'true');
    await expect(shadow.getByText(en.usernameRequired)).toBeVisible();
  },
};

/** A slow backend: the button spins until the server answers. */
export const Busy: Story = {
  parameters: { mock: { faults: { 'recovery/send': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await askForLink(canvasElement);
    await untilState(view.element, 'busy');
    // Shown once the request has run for a moment (100 ms): a quicker answer would only flash it.
    await waitFor(() => expect(message(view)).toBe(en.recoverySending));
  },
};

/** The server took the request and emailed a link (the mock puts it in its outbox). */
export const Sent: Story = {
  parameters: { mock: { seed: accountElsewhere(USERNAME) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const view = await askForLink(canvasElement);
    await untilState(view.element, 'success');
    await expect(message(view)).toBe(format(en.recoverySent, { username: USERNAME }));
    await expect(lastDetail(args.onPasskeyRecoverySent)).toEqual({ username: USERNAME });
  },
};

/** No such account: the same answer, so nobody learns who has one. */
export const SentForUnknownAccount: Story = {
  async play({ canvasElement }) {
    const view = await askForLink(canvasElement, 'nobody@example.com');
    await untilState(view.element, 'success');
    await expect(message(view)).toBe(format(en.recoverySent, { username: 'nobody@example.com' }));
  },
};

export const ServerErrorPage = failure(askForLink, { faults: { 'recovery/send': FAULTS.serverErrorPage } }, 'server', en.errorServer);
export const NetworkDown = failure(askForLink, { faults: { 'recovery/send': FAULTS.networkDown } }, 'network', en.errorNetwork);
export const Timeout = withClientSource(
  failure(askForLink, { faults: { 'recovery/send': FAULTS.neverAnswers } }, 'timeout', en.errorTimeout, {
    client: new PasskeyClient({ timeout: 1_000 }),
  }),
  'passkey-recovery',
);

/** The page of the emailed link (`token`): creates a new passkey for the account. */
export const FromTheLink: Story = {
  args: { token: TOKEN, username: USERNAME },
  parameters: { mock: { seed: recoveryLink(USERNAME, TOKEN) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { register } = await linkPage(canvasElement);
    await userEvent.click(register.getByRole('button', { name: en.registerButton }));
    await waitFor(() => expect(lastDetail(args.onPasskeyRegistered)).toMatchObject({ username: USERNAME }), CEREMONY);
    // The username sits in a <bdi> of its own: match the live region's whole text.
    const said = register.getByRole('status');
    await expect(said).toBeVisible();
    await expect(said).toHaveTextContent(format(en.registered, { username: USERNAME }));
  },
};

/** A link that expired or was used already: an explanation, and the form to ask for a new one. */
export const LinkExpired: Story = {
  args: { token: 'an-expired-token', username: USERNAME },
  parameters: { mock: { seed: accountElsewhere(USERNAME) } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, register } = await linkPage(canvasElement);
    await userEvent.click(register.getByRole('button', { name: en.registerButton }));
    const { shadow } = await rendered(canvasElement, 'passkey-recovery');
    await expect(await shadow.findByRole('alert')).toHaveTextContent(en.recoveryLinkInvalid);
    await expect(shadow.getByRole('button', { name: en.recoveryButton })).toBeVisible();
    await expect(element.shadowRoot!.querySelector('passkey-register')).toBeNull();
  },
};

export const Disabled = disabled('passkey-recovery', 'recoveryButton');

export const Dark = dark('passkey-recovery');

export const German = inLocale('passkey-recovery', 'de', 'recoveryButton');
export const French = inLocale('passkey-recovery', 'fr', 'recoveryButton');
export const Spanish = inLocale('passkey-recovery', 'es', 'recoveryButton');
export const Japanese = inLocale('passkey-recovery', 'ja', 'recoveryButton');
export const BrazilianPortuguese = inLocale('passkey-recovery', 'pt-BR', 'recoveryButton');
export const SimplifiedChinese = inLocale('passkey-recovery', 'zh-Hans', 'recoveryButton');
export const ArabicRightToLeft = inLocale('passkey-recovery', 'ar', 'recoveryButton');

/** Global `--passkey-*` tokens on the page, this element's own custom properties, and `::part()` for the rest. */
export const Theming: Story = {
  tags: ['autodocs'],
  render: ({ colorScheme }) => html`
    <style>
      .brand {
        --passkey-color-accent: #be123c;
        --passkey-font-family: 'Trebuchet MS', sans-serif;
      }
      .brand passkey-recovery::part(hint) {
        font-style: italic;
      }
    </style>
    <div class="brand"><passkey-recovery color-scheme=${ifDefined(colorScheme)}></passkey-recovery></div>
  `,
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-recovery');
    const button = getComputedStyle(shadow.getByRole('button', { name: en.recoveryButton }));
    await expect(button.backgroundColor).toBe('rgb(190, 18, 60)');
    await expect(getComputedStyle(shadow.getByText(en.recoveryHint)).fontStyle).toBe('italic');
  },
};
