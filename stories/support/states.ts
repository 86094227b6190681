import type { Args, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { MockFault } from 'passkey-elements-mock';
import type { PasskeyErrorCode } from '../../src/client/index.ts';
import type { PasskeyLocale, PasskeyStrings } from '../../src/elements/index.ts';
import en from '../../src/i18n/en.ts';
import ar from '../../src/i18n/ar.ts';
import de from '../../src/i18n/de.ts';
import es from '../../src/i18n/es.ts';
import fr from '../../src/i18n/fr.ts';
import ja from '../../src/i18n/ja.ts';
import ptBR from '../../src/i18n/pt-BR.ts';
import zhHans from '../../src/i18n/zh-Hans.ts';
import type { MockParameters } from './mock.ts';
import { lastDetail, message, rendered, untilState, type CeremonyElement, type Rendered } from './play.ts';

/** What a person does to start the element's ceremony, in a play function; resolves with the element. */
export type Start = (canvasElement: HTMLElement) => Promise<Rendered<CeremonyElement>>;

const otherSite = 'bank.example';
const challenge = 'c3Rvcnlib29rLWNoYWxsZW5nZS0xMjM0NTY3ODkw';

/** How real backends and networks fail, as the mock backend forces them. */
export const FAULTS = {
  /** A framework's or proxy's HTML error page instead of JSON. */
  serverErrorPage: {
    status: 500,
    headers: { 'content-type': 'text/html' },
    body: '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>',
  },
  /** FastAPI's validation error. */
  fastApiDetail: { status: 422, body: { detail: 'username: field required' } },
  networkDown: { networkError: true },
  neverAnswers: { delay: 'infinite' },
  notSignedIn: { status: 401, body: { error: 'Not signed in' } },
  malformedJson: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge": "abc", ' },
  verificationFailed: { status: 400, body: { error: 'The signature could not be verified', code: 'verification-failed' } },
  /** Options for another site's relying party: the browser refuses them with a SecurityError. */
  otherSiteRegistration: {
    status: 200,
    body: {
      rp: { id: otherSite, name: 'Bank' },
      user: { id: 'dXNlci0x', name: 'ada@example.com', displayName: 'Ada' },
      challenge,
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      attestation: 'none',
    },
  },
  otherSiteAuthentication: { status: 200, body: { rpId: otherSite, challenge, allowCredentials: [], userVerification: 'preferred' } },
} satisfies Record<string, MockFault>;

/**
 * A failure a person can meet: the story's mock backend misbehaves, the person starts the ceremony, and the
 * element shows `shows` while the page hears `passkey-error` with `code`.
 */
export function failure(start: Start, mock: MockParameters, code: PasskeyErrorCode, shows: string, args: Args = {}): StoryObj {
  return {
    args,
    parameters: { mock },
    async play({ canvasElement, args: { onPasskeyError } }) {
      const view = await start(canvasElement);
      await untilState(view.element, 'error');
      await expect(message(view)).toBe(shows);
      await expect(view.element.getAttribute('state')).toBe('error');
      await expect(lastDetail(onPasskeyError)).toMatchObject({ code });
    },
  };
}

const STRINGS: Record<Exclude<PasskeyLocale, 'en'>, PasskeyStrings> = { de, fr, es, ja, 'pt-BR': ptBR, 'zh-Hans': zhHans, ar };

/**
 * The element in one of the shipped languages: its main button reads in that language, in its direction. Without a
 * `mock` of its own it also shows on the docs page (which shares one backend among its stories).
 */
export function inLocale(tag: keyof HTMLElementTagNameMap, locale: Exclude<PasskeyLocale, 'en'>, button: keyof PasskeyStrings, mock?: MockParameters): StoryObj {
  const strings = STRINGS[locale];
  const direction = locale === 'ar' ? 'rtl' : 'ltr';
  return {
    ...(mock ? {} : { tags: ['autodocs'] }),
    args: { locale },
    parameters: { mock },
    async play({ canvasElement }) {
      const { element, shadow } = await rendered(canvasElement, tag);
      await expect(await shadow.findByRole('button', { name: strings[button] })).toBeVisible();
      const base = element.shadowRoot!.querySelector('[part~="base"]')!;
      await expect([base.getAttribute('lang'), getComputedStyle(base).direction]).toEqual([locale, direction]);
    },
  };
}

/**
 * `beforeEach` of the not-supported stories, the one place a story changes the browser instead of the backend:
 * it hides `window.PublicKeyCredential`, as an old browser lacks it, while the element connects, and puts it
 * back when the story ends.
 */
function withoutWebAuthn(): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
  Reflect.deleteProperty(window, 'PublicKeyCredential');
  return () => {
    if (original) Object.defineProperty(window, 'PublicKeyCredential', original);
  };
}

/** In a browser without WebAuthn: the element explains, and offers no button that could not work. */
export function notSupported(tag: keyof HTMLElementTagNameMap): StoryObj {
  return {
    beforeEach: withoutWebAuthn,
    async play({ canvasElement }) {
      const { shadow } = await rendered(canvasElement, tag);
      await expect(await shadow.findByText(en.notSupported)).toBeVisible();
      await expect(shadow.queryByRole('button')).toBeNull();
    },
  };
}

/** With `disabled`: the main button and the field cannot be used, and look it. */
export function disabled(tag: keyof HTMLElementTagNameMap, button: keyof PasskeyStrings): StoryObj {
  return {
    tags: ['autodocs'],
    args: { disabled: true },
    async play({ canvasElement }) {
      const { element, shadow } = await rendered(canvasElement, tag);
      await expect(element).toHaveAttribute('disabled');
      await expect(shadow.getByRole('button', { name: en[button] })).toBeDisabled();
      const field = shadow.queryByRole('textbox', { name: en.usernameLabel });
      if (field) {
        await expect(field).toBeDisabled();
        // Greyed and dashed, unlike an input that takes text.
        await expect([getComputedStyle(field).borderStyle, getComputedStyle(field).cursor]).toEqual(['dashed', 'not-allowed']);
      }
    },
  };
}

/** With `color-scheme="dark"`; `loaded` waits for what the element shows first (the manager's list). */
export function dark(tag: keyof HTMLElementTagNameMap, mock?: MockParameters, loaded?: (canvasElement: HTMLElement) => Promise<unknown>): StoryObj {
  return {
    tags: ['autodocs'],
    args: { colorScheme: 'dark' },
    parameters: { mock },
    async play({ canvasElement }) {
      await loaded?.(canvasElement);
      const { element } = await rendered(canvasElement, tag);
      await expect(element).toHaveAttribute('color-scheme', 'dark');
      await expect(getComputedStyle(element).colorScheme).toBe('dark');
    },
  };
}

/**
 * A story whose element gets a `client` with a short `timeout`, which markup cannot say: "Show code" gives the script
 * that sets it.
 */
export function withClientSource(story: StoryObj, tag: string): StoryObj {
  const code = `<${tag}></${tag}>
<script type="module">
  import { PasskeyClient } from 'passkey-elements';
  document.querySelector('${tag}').client = new PasskeyClient({ timeout: 1000 });
</script>`;
  return { ...story, parameters: { ...story.parameters, docs: { source: { code } } } };
}
