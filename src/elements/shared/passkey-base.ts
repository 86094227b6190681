import { LitElement, type PropertyDeclarations } from 'lit';
import { ClientCore } from '../../client/client-core.ts';
import type { PasskeyClient, PasskeyClientOptions } from '../../client/index.ts';
import english from '../../i18n/en-common.ts';
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
  /** The English the element shows: en-common.ts, and an element's own part of English where it has one. */
  protected static english: Partial<PasskeyStrings> = english;

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

  protected readonly localize = new LocalizeController(this, (this.constructor as typeof PasskeyBase).english);
  #ownClient: { apiUrl: string; client: ClientCore } | undefined;

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

  /**
   * Puts `value` into the input `#id` of the shadow root where the two differ; the elements call it after each
   * render for the inputs that show a property. What lit's `live()` does for `.value`, without its directive code.
   */
  protected syncInput(id: string, value: string): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
    if (input && input.value !== value) input.value = value;
  }

  /**
   * The client to use when the page set no `client`: one of our own for `apiUrl`, made with `Client` and kept while
   * `apiUrl` stays. An element that needs only a few calls passes `ClientCore` and imports the functions it runs on
   * it, so its bundle carries only those; with a page's `client`, it calls its methods, which the page may have wrapped.
   */
  protected ownClient<C extends ClientCore>(Client: new (options: PasskeyClientOptions) => C): C {
    if (this.#ownClient?.apiUrl !== this.apiUrl || !(this.#ownClient.client instanceof Client)) {
      this.#ownClient = { apiUrl: this.apiUrl, client: new Client({ apiUrl: this.apiUrl }) };
    }
    return this.#ownClient.client as C;
  }
}
