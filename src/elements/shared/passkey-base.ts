import { LitElement, type PropertyDeclarations } from 'lit';
import { ClientCore } from '../../client/client-core.ts';
import type { PasskeyClient, PasskeyClientOptions } from '../../client/index.ts';
import english from '../../i18n/en-common.ts';
import type { PasskeyStrings } from '../../i18n/index.ts';
import { onConfigure, pageConfig } from './config.ts';
import { LocalizeController } from './localize-controller.ts';
import { tokens } from './tokens.styles.ts';

/**
 * What every element of the kit has: the contract's common properties, the client, the strings of the
 * person's language, `reset()`, and the theming below. The ceremony elements build on it through `PasskeyElement`;
 * `<passkey-manager>` directly.
 *
 * Properties set on an element before its tag is defined (a framework that renders first and imports the kit
 * later) are kept: Lit takes them over when the element upgrades.
 *
 * @cssprop --passkey-color-accent - Global token: the main button's background.
 * @cssprop --passkey-color-on-accent - Global token: text on the accent colour.
 * @cssprop --passkey-color-text - Global token: text.
 * @cssprop --passkey-color-muted - Global token: hints, secondary text and a disabled button's background.
 * @cssprop --passkey-color-surface - Global token: the element's background.
 * @cssprop --passkey-color-field - Global token: the background of text inputs.
 * @cssprop --passkey-color-border - Global token: the border of text inputs.
 * @cssprop --passkey-color-danger - Global token: error messages and a refused field's border.
 * @cssprop --passkey-color-success - Global token: success messages.
 * @cssprop --passkey-color-focus - Global token: the focus ring.
 * @cssprop --passkey-radius - Global token: corner radius.
 * @cssprop --passkey-font-family - Global token: the typeface.
 * @cssprop --passkey-font-size - Global token: the base font size.
 * @cssprop --passkey-spacing - Global token: the unit of padding and gaps.
 * @cssprop [--passkey-button-background=var(--passkey-color-accent)] - This element's main button: its background.
 * @cssprop [--passkey-button-color=var(--passkey-color-on-accent)] - This element's main button: its text.
 * @cssprop [--passkey-button-radius=var(--passkey-radius)] - This element's main button: its corners.
 * @cssprop [--passkey-input-background=var(--passkey-color-field)] - This element's text inputs: their background.
 * @cssprop [--passkey-input-color=var(--passkey-color-text)] - This element's text inputs: their text.
 * @cssprop [--passkey-input-border-color=var(--passkey-color-border)] - This element's text inputs: their border.
 * @cssprop [--passkey-input-radius=var(--passkey-radius)] - This element's text inputs: their corners.
 * @cssprop [--passkey-gap=calc(var(--passkey-spacing) * 0.75)] - Space between the fields, the button and the message.
 * @cssprop [--passkey-padding=var(--passkey-spacing)] - Space around the content.
 */
export abstract class PasskeyBase extends LitElement {
  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    recoveryUrl: { attribute: 'recovery-url' },
    credentials: {},
    client: { attribute: false },
    locale: {},
    disabled: { type: Boolean, reflect: true },
    strings: { converter: { fromAttribute: (value: string | null) => parseStrings(value) } },
    colorScheme: { attribute: 'color-scheme', reflect: true },
  };
  static override styles = [tokens];
  /** The English the element shows: en-common.ts, and an element's own part of English where it has one. */
  protected static english: Partial<PasskeyStrings> = english;

  /** An attribute that only a framework setting an object on a not-yet-defined element produces: see `attributeChangedCallback`. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'client'];
  }

  /**
   * Base URL of your passkey endpoints (attribute `api-url`). Default: `configure({ apiUrl })`, else `/api/passkey`.
   * Ignored when `client` is set. Security-critical like a form's `action`: never take it from page input.
   */
  declare apiUrl: string | undefined;
  /** Base URL of `/recovery/send` (attribute `recovery-url`). Default: `configure({ recoveryUrl })`, else `/api/auth` on the origin of `apiUrl`. */
  declare recoveryUrl: string | undefined;
  /**
   * fetch's cookie mode: `include`, `same-origin` or `omit`. Default: `configure({ credentials })`, else `include`
   * for an API on another origin than the page and `same-origin` for the page's own.
   */
  declare credentials: RequestCredentials | undefined;
  /**
   * The `PasskeyClient` to talk to your backend with: pass one for a custom `fetch`, `headers`, `timeout`, or an
   * `onRequest` hook that adds headers or body fields to every request. Default: `configure({ client })`, else one
   * made from `apiUrl`, `recoveryUrl` and `credentials`.
   */
  declare client: PasskeyClient | undefined;
  /** A BCP 47 tag such as `de` or `pt-BR`. Default: `configure({ locale })`, else the closest `lang` attribute, else English. */
  declare locale: string | undefined;
  /** Turns the element off: nothing starts, from its buttons or from its methods. */
  declare disabled: boolean;
  /** Overrides single strings in every locale, e.g. `{ loginButton: 'Continue' }`; as an attribute, JSON. */
  declare strings: Partial<PasskeyStrings> | undefined;
  /** `light` or `dark` forces a colour scheme; unset follows the system's. */
  declare colorScheme: 'light' | 'dark' | undefined;

  protected readonly localize = new LocalizeController(this, (this.constructor as typeof PasskeyBase).english);
  #ownClient: { key: string; client: ClientCore } | undefined;
  #stopListening: (() => void) | undefined;

  constructor() {
    super();
    this.disabled = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopListening = onConfigure(() => this.requestUpdate());
    document.addEventListener('passkey-signed-out', this.#handleSignedOut);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
    document.removeEventListener('passkey-signed-out', this.#handleSignedOut);
  }

  /**
   * Forgets what the last person left on screen: what they typed and every message, as after a sign-out on a shared
   * computer. Each element says what it clears. The element does this by itself when the page dispatches
   * `passkey-signed-out` on `document`: `document.dispatchEvent(new Event('passkey-signed-out'))`.
   */
  reset(): void {
    this.requestUpdate();
  }

  readonly #handleSignedOut = (): void => this.reset();

  /**
   * A `client` attribute is an object a framework could not set as a property because the tag was not defined yet
   * (React and Vue set unknown names as attributes): say how to fix it rather than drop the client silently.
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'client') {
      if (value !== null) console.warn(`<${this.localName}>: "client" was set as an attribute (${value.slice(0, 40)}); set it as a property, or with configure({ client }).`);
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  /** Waits for the locale's strings before each render, so even the first paint is in the person's language. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.localize.load();
    super.scheduleUpdate();
  }

  /**
   * Puts `value` into the input `#id` of the shadow root where the two differ; the elements call it after each
   * render for the inputs that show a property. What lit's `live()` does for `.value`, without its directive code.
   */
  protected syncInput(id: string, value: string): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
    if (input && input.value !== value) input.value = value;
  }

  /** The page's client: the element's `client`, else the page-wide `configure({ client })`. */
  protected get givenClient(): PasskeyClient | undefined {
    return this.client ?? pageConfig().client;
  }

  /**
   * The client to use when the page gave none (`givenClient`): one of our own, made with `Client` from the element's
   * settings (its attributes, else the page-wide configuration), and kept while they stay. An element that needs
   * only a few calls passes `ClientCore` and imports the functions it runs on it, so its bundle carries only those;
   * with a page's client, it calls its methods, which the page may have wrapped.
   */
  protected ownClient<C extends ClientCore>(Client: new (options: PasskeyClientOptions) => C): C {
    const config = pageConfig();
    const options: PasskeyClientOptions = {
      apiUrl: this.apiUrl || config.apiUrl,
      recoveryUrl: this.recoveryUrl || config.recoveryUrl,
      credentials: this.credentials || config.credentials,
    };
    const key = JSON.stringify(options);
    if (this.#ownClient?.key !== key || !(this.#ownClient.client instanceof Client)) {
      this.#ownClient = { key, client: new Client(options) };
    }
    return this.#ownClient.client as C;
  }
}

/** The `strings` attribute: a JSON object of strings. Anything else is refused aloud, not taken as strings. */
function parseStrings(value: string | null): Partial<PasskeyStrings> | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter(([, text]) => typeof text === 'string')) as Partial<PasskeyStrings>;
    }
  } catch {
    // reported below
  }
  console.warn(`passkey-elements: the "strings" attribute must be a JSON object (got ${value.slice(0, 40)}); set it as a property, or as JSON.`);
  return undefined;
}
