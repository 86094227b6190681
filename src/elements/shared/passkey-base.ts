import { LitElement, type PropertyDeclarations } from 'lit';
import { PasskeyClient } from '../../client/index.ts';
import type { PasskeyStrings } from '../../i18n/index.ts';
import { LocalizeController } from './localize-controller.ts';
import { tokens } from './tokens.styles.ts';

/**
 * What every element of the kit has: the contract's common properties, the client, and the strings of the
 * person's language. The ceremony elements build on it through `PasskeyElement`; `<passkey-manager>` directly.
 */
export abstract class PasskeyBase extends LitElement {
  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    client: { attribute: false },
    locale: {},
    disabled: { type: Boolean, reflect: true },
    strings: { attribute: false },
    colorScheme: { attribute: 'color-scheme', reflect: true },
  };
  static override styles = [tokens];

  /** Base URL of your passkey endpoints (attribute `api-url`). Ignored when `client` is set. */
  declare apiUrl: string;
  /**
   * The `PasskeyClient` to talk to your backend with: pass one for a custom `fetch`, `headers`, cookie mode,
   * `timeout`, or an `onRequest` hook that adds headers or body fields to every request. Default: one made from `apiUrl`.
   */
  declare client: PasskeyClient | undefined;
  /** A BCP 47 tag such as `de` or `pt-BR`. Default: the closest `lang` attribute, else English. */
  declare locale: string | undefined;
  /** Turns the element off: nothing starts, from its buttons or from its methods. */
  declare disabled: boolean;
  /** Overrides single strings in every locale, e.g. `{ loginButton: 'Continue' }`. */
  declare strings: Partial<PasskeyStrings> | undefined;
  /** `light` or `dark` forces a colour scheme; unset follows the system's. */
  declare colorScheme: 'light' | 'dark' | undefined;

  protected readonly localize = new LocalizeController(this);
  #ownClient: { apiUrl: string; client: PasskeyClient } | undefined;

  constructor() {
    super();
    this.apiUrl = '/api/passkey';
    this.disabled = false;
  }

  /** Waits for the locale's strings before each render, so even the first paint is in the person's language. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.localize.load();
    super.scheduleUpdate();
  }

  /** The client in use: `client`, else one of our own for `apiUrl`. */
  protected get passkeyClient(): PasskeyClient {
    if (this.client) return this.client;
    if (this.#ownClient?.apiUrl !== this.apiUrl) {
      this.#ownClient = { apiUrl: this.apiUrl, client: new PasskeyClient({ apiUrl: this.apiUrl }) };
    }
    return this.#ownClient.client;
  }
}
