import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/elements/passkey-register/define.ts';
import { PasskeyClient } from '../src/client/index.ts';
import { format } from '../src/i18n/index.ts';
import en from '../src/i18n/en.ts';
import { accountElsewhere, type AuthenticatorParameters, type MockParameters } from './support/mock.ts';
import { CEREMONY, lastDetail, message, rendered, untilState } from './support/play.ts';
import { dark, disabled, FAULTS, failure, inLocale, notSupported, withClientSource } from './support/states.ts';

const meta = {
  title: 'Elements/passkey-register',
  component: 'passkey-register',
  // The docs page shows the playground and the looks below tagged `autodocs`; the states need their play function.
  tags: ['!autodocs'],
  args: { onPasskeyRegistered: fn(), onPasskeyError: fn() },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const USERNAME = 'ada@example.com';

/** The person types a username and presses "Create a passkey". */
async function signUp(canvasElement: HTMLElement, username = USERNAME) {
  const view = await rendered(canvasElement, 'passkey-register');
  await userEvent.type(view.shadow.getByRole('textbox', { name: en.usernameLabel }), username);
  await userEvent.click(view.shadow.getByRole('button', { name: en.registerButton }));
  return view;
}

/** Every attribute, property, event, slot, part and custom property, from custom-elements.json: try them in Controls. */
export const Playground: Story = { tags: ['autodocs'] };

export const Idle: Story = {
  tags: ['autodocs'],
  async play({ canvasElement }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-register');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveValue('');
    await expect(shadow.getByRole('button', { name: en.registerButton })).toBeEnabled();
    await expect(element.getAttribute('state')).toBe('idle');
  },
};

/** The page knows the username (say, from the sign-up form before): the field shows it. */
export const Prefilled: Story = {
  tags: ['autodocs'],
  args: { username: USERNAME },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-register');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveValue(USERNAME);
  },
};

/** `hide-username`: the page already knows who this is, so the element is just the button. */
export const UsernameHidden: Story = {
  tags: ['autodocs'],
  args: { username: USERNAME, hideUsername: true },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-register');
    await expect(shadow.queryByRole('textbox')).toBeNull();
    await expect(shadow.getByRole('button', { name: en.registerButton })).toBeVisible();
  },
};

/** `ask-display-name`: a second field for the name the passkey prompt shows. */
export const AsksForDisplayName: Story = {
  tags: ['autodocs'],
  args: { askDisplayName: true },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-register');
    await expect(shadow.getByRole('textbox', { name: en.displayNameLabel })).toBeVisible();
  },
};

/** The person pressed the button with the field empty: the element says so and puts the cursor there. */
export const UsernameMissing: Story = {
  async play({ canvasElement, args }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-register');
    await userEvent.click(shadow.getByRole('button', { name: en.registerButton }));
    const field = shadow.getByRole('textbox', { name: en.usernameLabel });
    await expect(field).toHaveAccessibleDescription(en.usernameRequired);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(element.shadowRoot!.activeElement).toBe(field);
    await expect(args.onPasskeyError).not.toHaveBeenCalled();
  },
};

/**
 * A slow backend: the button spins until the server answers. The live region asks to follow the browser's prompt
 * only once the prompt opens, which here it never does.
 */
export const Busy: Story = {
  parameters: { mock: { faults: { 'register/options': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await signUp(canvasElement);
    await untilState(view.element, 'busy');
    const button = view.shadow.getByRole('button', { name: en.registerButton });
    // Shown once the ceremony has run for a moment (100 ms): a quicker answer would only flash it.
    await waitFor(() => expect(button).toHaveAttribute('aria-busy', 'true'));
    await expect(view.element.shadowRoot!.querySelector('[part~="spinner"]')).toBeVisible();
    await expect(view.shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveAttribute('readonly');
    await expect(message(view)).toBe('');
  },
};

/** The server answered the options: the browser's prompt is open, and the live region says to follow it. */
export const FollowThePrompt: Story = {
  parameters: { mock: { faults: { 'register/verify': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await signUp(canvasElement);
    await waitFor(() => expect(message(view)).toBe(en.registering), CEREMONY);
    await expect(view.element.state).toBe('busy');
  },
};

/** A username with an invisible character (here a zero-width space) is refused before anything is sent. */
export const UsernameRefused: Story = {
  args: { username: 'ada\u200b@example.com' },
  async play({ canvasElement, args }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-register');
    await userEvent.click(shadow.getByRole('button', { name: en.registerButton }));
    const field = shadow.getByRole('textbox', { name: en.usernameLabel });
    await waitFor(() => expect(field).toHaveAccessibleDescription(en.usernameInvalid));
    await expect(element.shadowRoot!.activeElement).toBe(field);
    await expect(args.onPasskeyError).not.toHaveBeenCalled();
  },
};

/** The whole ceremony: options, the browser's passkey prompt, verification by the mock's @simplewebauthn/server. */
export const Success: Story = {
  async play({ canvasElement, args }) {
    const view = await signUp(canvasElement);
    await untilState(view.element, 'success', CEREMONY);
    await expect(message(view)).toBe(format(en.registered, { username: USERNAME }));
    await expect(lastDetail(args.onPasskeyRegistered)).toMatchObject({ username: USERNAME, credentialId: expect.any(String) });
  },
};

/** The person closed the browser's prompt: no error to show, the element is ready again. */
export const Cancelled: Story = {
  // The test run's virtual authenticator fails user verification, which is how a dismissed prompt reaches the page.
  parameters: { authenticator: { userVerified: false } satisfies AuthenticatorParameters },
  async play({ canvasElement, args }) {
    const view = await signUp(canvasElement);
    await waitFor(() => expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'cancelled' }), CEREMONY);
    await untilState(view.element, 'idle');
    await expect(message(view)).toBe('');
  },
};

export const AlreadyRegistered = failure(signUp, { seed: accountElsewhere(USERNAME) }, 'already-registered', en.errorAlreadyRegistered);
export const ServerErrorPage = failure(signUp, { faults: { 'register/options': FAULTS.serverErrorPage } }, 'server', en.errorServer);
export const ServerErrorDetail = failure(signUp, { faults: { 'register/options': FAULTS.fastApiDetail } }, 'server', en.errorRefused);
export const NetworkDown = failure(signUp, { faults: { 'register/options': FAULTS.networkDown } }, 'network', en.errorNetwork);
export const Timeout = withClientSource(
  failure(signUp, { faults: { 'register/options': FAULTS.neverAnswers } }, 'timeout', en.errorTimeout, {
    client: new PasskeyClient({ timeout: 1_000 }),
  }),
  'passkey-register',
);
export const Unauthorized = failure(signUp, { faults: { 'register/options': FAULTS.notSignedIn } }, 'unauthorized', en.errorUnauthorized);
export const InvalidResponse = failure(signUp, { faults: { 'register/options': FAULTS.malformedJson } }, 'invalid-response', en.errorInvalidResponse);
export const VerificationFailed = failure(
  signUp,
  { faults: { 'register/verify': FAULTS.verificationFailed } },
  'verification-failed',
  en.errorVerificationFailed,
);
export const WrongSite = failure(signUp, { faults: { 'register/options': FAULTS.otherSiteRegistration } }, 'security', en.errorSecurity);

/** A browser without WebAuthn gets an explanation instead of a form. */
export const NotSupported = notSupported('passkey-register');

export const Disabled = disabled('passkey-register', 'registerButton');

export const Dark = dark('passkey-register');

export const German = inLocale('passkey-register', 'de', 'registerButton');
export const French = inLocale('passkey-register', 'fr', 'registerButton');
export const Spanish = inLocale('passkey-register', 'es', 'registerButton');
export const Japanese = inLocale('passkey-register', 'ja', 'registerButton');
export const BrazilianPortuguese = inLocale('passkey-register', 'pt-BR', 'registerButton');
export const SimplifiedChinese = inLocale('passkey-register', 'zh-Hans', 'registerButton');
export const ArabicRightToLeft = inLocale('passkey-register', 'ar', 'registerButton');

/** Global `--passkey-*` tokens on the page, this element's own custom properties, and `::part()` for the rest. */
export const Theming: Story = {
  tags: ['autodocs'],
  render: (args) => html`
    <style>
      .brand {
        --passkey-color-accent: #7c3aed;
        --passkey-radius: 1.25rem;
        --passkey-font-family: Georgia, serif;
      }
      .brand passkey-register {
        --passkey-input-border-color: #7c3aed;
      }
      .brand passkey-register::part(button) {
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      .brand passkey-register::part(label) {
        font-weight: 700;
      }
    </style>
    <div class="brand"><passkey-register color-scheme=${ifDefined(args.colorScheme)}></passkey-register></div>
  `,
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-register');
    const button = getComputedStyle(shadow.getByRole('button', { name: en.registerButton }));
    await expect([button.backgroundColor, button.borderTopLeftRadius, button.textTransform]).toEqual(['rgb(124, 58, 237)', '20px', 'uppercase']);
  },
};
