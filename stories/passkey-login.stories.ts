import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../src/elements/passkey-login/define.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { PasskeyClient } from '../src/client/index.ts';
import { format } from '../src/i18n/index.ts';
import en from '../src/i18n/en.ts';
import { passkeyOnThisDevice, type AuthenticatorParameters, type MockParameters } from './support/mock.ts';
import { CEREMONY, lastDetail, message, rendered, untilState } from './support/play.ts';
import { dark, disabled, FAULTS, failure, inLocale, notSupported, withClientSource } from './support/states.ts';

const meta = {
  title: 'Elements/passkey-login',
  component: 'passkey-login',
  // The docs page shows the playground and the looks below tagged `autodocs`; the states need their play function.
  tags: ['!autodocs'],
  args: { onPasskeyAuthenticated: fn(), onPasskeyError: fn() },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const USERNAME = 'ada@example.com';
const LONG_EMAIL = `${'a'.repeat(108)}@example.com`;
const signedUp: MockParameters = { seed: passkeyOnThisDevice(USERNAME) };

/** The person types `username` (or leaves the field empty, to pick a passkey) and presses "Sign in with a passkey". */
async function signIn(canvasElement: HTMLElement, username?: string) {
  const view = await rendered(canvasElement, 'passkey-login');
  if (username) await userEvent.type(view.shadow.getByRole('textbox', { name: en.usernameLabel }), username);
  await userEvent.click(view.shadow.getByRole('button', { name: en.loginButton }));
  return view;
}

/** Every attribute, property, event, slot, part and custom property, from custom-elements.json: try them in Controls. */
export const Playground: Story = { tags: ['autodocs'] };

export const Idle: Story = {
  tags: ['autodocs'],
  async play({ canvasElement }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-login');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveAccessibleDescription(en.loginHint);
    await expect(shadow.getByRole('button', { name: en.loginButton })).toBeEnabled();
    await expect(element.getAttribute('state')).toBe('idle');
  },
};

/** The page remembers who signed in last time. */
export const Prefilled: Story = {
  tags: ['autodocs'],
  args: { username: USERNAME },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-login');
    await expect(shadow.getByRole('textbox', { name: en.usernameLabel })).toHaveValue(USERNAME);
  },
};

/**
 * The page's own `<input slot="username">` instead of the built-in one, so password managers see it. Unlabelled,
 * it gets the built-in label's text as its accessible name.
 */
export const OwnInput: Story = {
  tags: ['autodocs'],
  render: ({ locale, colorScheme }) =>
    html`<passkey-login locale=${ifDefined(locale)} color-scheme=${ifDefined(colorScheme)}>
      <input slot="username" name="email" type="email" autocomplete="email" />
    </passkey-login>`,
  async play({ canvasElement }) {
    await rendered(canvasElement, 'passkey-login');
    const own = canvasElement.querySelector('input[slot="username"]');
    await expect(own).toHaveAccessibleName(en.usernameLabel);
    await expect(own).toHaveAccessibleDescription(en.loginHint);
  },
};

/**
 * A slow backend: the button spins until the server answers. The live region asks to follow the browser's prompt
 * only once the prompt opens, which here it never does.
 */
export const Busy: Story = {
  parameters: { mock: { faults: { 'authenticate/options': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await signIn(canvasElement, USERNAME);
    await untilState(view.element, 'busy');
    // Shown once the ceremony has run for a moment (100 ms): a quicker answer would only flash it.
    await waitFor(() => expect(view.shadow.getByRole('button', { name: en.loginButton })).toHaveAttribute('aria-busy', 'true'));
    await expect(view.element.shadowRoot!.querySelector('[part~="spinner"]')).toBeVisible();
    await expect(message(view)).toBe('');
  },
};

/** The server answered the options: the browser's prompt is open, and the live region says to follow it. */
export const FollowThePrompt: Story = {
  parameters: { mock: { ...signedUp, faults: { 'authenticate/verify': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await signIn(canvasElement, USERNAME);
    await waitFor(() => expect(message(view)).toBe(en.authenticating), CEREMONY);
    await expect(view.element.state).toBe('busy');
  },
};

/** Signs in with the passkey of the username typed in: options, the browser's prompt, verification. */
export const Success: Story = {
  parameters: { mock: signedUp },
  async play({ canvasElement, args }) {
    const view = await signIn(canvasElement, USERNAME);
    await untilState(view.element, 'success', CEREMONY);
    await expect(message(view)).toBe(format(en.authenticated, { username: USERNAME }));
    await expect(lastDetail(args.onPasskeyAuthenticated)).toMatchObject({ username: USERNAME });
  },
};

/** The field left empty: the browser lists the person's passkeys for this site (a discoverable credential). */
export const UsernameLess: Story = {
  parameters: { mock: signedUp },
  async play({ canvasElement, args }) {
    const view = await signIn(canvasElement);
    await untilState(view.element, 'success', CEREMONY);
    await expect(message(view)).toBe(format(en.authenticated, { username: USERNAME }));
    await expect(lastDetail(args.onPasskeyAuthenticated)).toMatchObject({ username: USERNAME });
  },
};

/**
 * `autofill`: the browser offers the person's passkeys in the username field's autofill (conditional mediation).
 * Focus the field and pick one; the test run's virtual authenticator picks at once.
 */
export const Autofill: Story = {
  args: { autofill: true },
  parameters: { mock: signedUp },
  async play({ canvasElement, args }) {
    const view = await rendered(canvasElement, 'passkey-login');
    const field = view.shadow.getByRole('textbox', { name: en.usernameLabel });
    await expect(field).toHaveAttribute('autocomplete', 'username webauthn');
    field.focus();
    await untilState(view.element, 'success', CEREMONY);
    await expect(lastDetail(args.onPasskeyAuthenticated)).toMatchObject({ username: USERNAME });
  },
};

/** The person closed the browser's prompt without naming an account: no error to show, the element is ready again. */
export const Cancelled: Story = {
  // The test run's virtual authenticator fails user verification, which is how a dismissed prompt reaches the page.
  parameters: { mock: signedUp, authenticator: { userVerified: false } satisfies AuthenticatorParameters },
  async play({ canvasElement, args }) {
    const view = await signIn(canvasElement);
    await waitFor(() => expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'cancelled' }), CEREMONY);
    await untilState(view.element, 'idle');
    await expect(message(view)).toBe('');
  },
};

/**
 * A username was typed in, and no passkey came back: the prompt was closed, or this device has no passkey for the
 * account (browsers report both alike, so nobody learns whether the account exists). The element suggests another
 * device and links to recovery: `recovery-href`, or your own link in the `recovery` slot.
 */
export const NoPasskeyHere: Story = {
  args: { recoveryHref: '/recovery' },
  parameters: { mock: signedUp, authenticator: { userVerified: false } satisfies AuthenticatorParameters },
  async play({ canvasElement, args }) {
    const view = await signIn(canvasElement, USERNAME);
    await waitFor(() => expect(message(view)).toBe(en.signInTrouble), CEREMONY);
    await expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'cancelled' });
    await expect(view.shadow.getByRole('link', { name: en.lostPasskey })).toHaveAttribute('href', '/recovery');
  },
};

/** A 120-character email stays inside the card: it breaks where it must, in its own direction. */
export const LongEmail: Story = {
  parameters: { mock: { seed: passkeyOnThisDevice(LONG_EMAIL) } satisfies MockParameters },
  async play({ canvasElement }) {
    const view = await signIn(canvasElement, LONG_EMAIL);
    await untilState(view.element, 'success', CEREMONY);
    await expect(message(view)).toBe(format(en.authenticated, { username: LONG_EMAIL }));
    await expect(view.element.scrollWidth).toBeLessThanOrEqual(view.element.clientWidth);
  },
};

/** The passkey on this device was removed from the account on the server. */
export const UnknownCredential = failure(
  signIn,
  {
    async seed(backend: BrowserMock) {
      await passkeyOnThisDevice(USERNAME)();
      for (const { userId, id } of [...backend.store.credentials.values()]) await backend.store.deleteCredential(userId, id);
    },
  },
  'unknown-credential',
  en.errorUnknownCredential,
);
export const ServerErrorPage = failure(signIn, { faults: { 'authenticate/options': FAULTS.serverErrorPage } }, 'server', en.errorServer);
export const ServerErrorDetail = failure(signIn, { faults: { 'authenticate/options': FAULTS.fastApiDetail } }, 'server', en.errorRefused);
export const NetworkDown = failure(signIn, { faults: { 'authenticate/options': FAULTS.networkDown } }, 'network', en.errorNetwork);
export const Timeout = withClientSource(
  failure(signIn, { faults: { 'authenticate/options': FAULTS.neverAnswers } }, 'timeout', en.errorTimeout, {
    client: new PasskeyClient({ timeout: 1_000 }),
  }),
  'passkey-login',
);
export const Unauthorized = failure(signIn, { faults: { 'authenticate/options': FAULTS.notSignedIn } }, 'unauthorized', en.errorUnauthorized);
export const InvalidResponse = failure(signIn, { faults: { 'authenticate/options': FAULTS.malformedJson } }, 'invalid-response', en.errorInvalidResponse);
export const VerificationFailed = failure(
  signIn,
  { ...signedUp, faults: { 'authenticate/verify': FAULTS.verificationFailed } },
  'verification-failed',
  en.errorVerificationFailed,
);
export const WrongSite = failure(signIn, { faults: { 'authenticate/options': FAULTS.otherSiteAuthentication } }, 'security', en.errorSecurity);

/** A browser without WebAuthn gets an explanation instead of a form. */
export const NotSupported = notSupported('passkey-login');

export const Disabled = disabled('passkey-login', 'loginButton');

export const Dark = dark('passkey-login');

export const German = inLocale('passkey-login', 'de', 'loginButton');
export const French = inLocale('passkey-login', 'fr', 'loginButton');
export const Spanish = inLocale('passkey-login', 'es', 'loginButton');
export const Japanese = inLocale('passkey-login', 'ja', 'loginButton');
export const BrazilianPortuguese = inLocale('passkey-login', 'pt-BR', 'loginButton');
export const SimplifiedChinese = inLocale('passkey-login', 'zh-Hans', 'loginButton');
export const ArabicRightToLeft = inLocale('passkey-login', 'ar', 'loginButton');

/** Global `--passkey-*` tokens on the page, this element's own custom properties, and `::part()` for the rest. */
export const Theming: Story = {
  tags: ['autodocs'],
  render: ({ colorScheme }) => html`
    <style>
      .brand {
        --passkey-color-accent: #0f766e;
        --passkey-radius: 0;
        --passkey-spacing: 1.25rem;
      }
      .brand passkey-login {
        --passkey-button-color: #f0fdfa;
      }
      .brand passkey-login::part(hint) {
        font-style: italic;
      }
      .brand passkey-login::part(button) {
        width: 100%;
        justify-content: center;
      }
    </style>
    <div class="brand"><passkey-login color-scheme=${ifDefined(colorScheme)}></passkey-login></div>
  `,
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-login');
    const button = getComputedStyle(shadow.getByRole('button', { name: en.loginButton }));
    await expect([button.backgroundColor, button.color, button.borderTopLeftRadius]).toEqual(['rgb(15, 118, 110)', 'rgb(240, 253, 250)', '0px']);
  },
};
