import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { detectPasskeySupport, PasskeyClient } from '../../client/index.ts';
import { ERROR_MESSAGE_KEYS, type PasskeyStrings } from '../../i18n/index.ts';
import { CeremonyController, type CeremonyState } from './ceremony-controller.ts';
import { formStyles } from './form.styles.ts';
import { errorIcon, passkeyIcon, spinnerIcon, successIcon } from './icons.ts';
import { LocalizeController } from './localize-controller.ts';
import { tokens } from './tokens.styles.ts';

/**
 * What the kit's ceremony elements share: the contract's common properties, the client, the strings, and
 * the ceremony state with its live region. Subclasses render their form and say what to run.
 */
export abstract class PasskeyElement<R> extends LitElement {
  static override properties: PropertyDeclarations = {
    apiUrl: { attribute: 'api-url' },
    client: { attribute: false },
    locale: {},
    disabled: { type: Boolean, reflect: true },
    strings: { attribute: false },
    colorScheme: { attribute: 'color-scheme', reflect: true },
  };
  static override styles = [tokens, formStyles];

  /** Base URL of your passkey endpoints (attribute `api-url`). Ignored when `client` is set. */
  declare apiUrl: string;
  /**
   * The `PasskeyClient` to talk to your backend with: pass one for a custom `fetch`, `headers`, cookie mode,
   * `timeout`, or an `onRequest` hook that adds headers or body fields to every request. Default: one made from `apiUrl`.
   */
  declare client: PasskeyClient | undefined;
  /** A BCP 47 tag such as `de` or `pt-BR`. Default: the closest `lang` attribute, else English. */
  declare locale: string | undefined;
  /** Turns the element off: no ceremony starts, from the button or from `start()`. */
  declare disabled: boolean;
  /** Overrides single strings in every locale, e.g. `{ loginButton: 'Continue' }`. */
  declare strings: Partial<PasskeyStrings> | undefined;
  /** `light` or `dark` forces a colour scheme; unset follows the system's. */
  declare colorScheme: 'light' | 'dark' | undefined;

  protected readonly localize = new LocalizeController(this);
  protected readonly ceremony: CeremonyController<R> = new CeremonyController(this, (result) => this.successEvent(result));
  #supported = true;
  #ownClient: { apiUrl: string; client: PasskeyClient } | undefined;

  constructor() {
    super();
    this.apiUrl = '/api/passkey';
    this.disabled = false;
  }

  /** `idle`, `busy`, `success` or `error`; also the `state` attribute, for CSS: `passkey-login[state='busy']`. */
  get state(): CeremonyState {
    return this.ceremony.state;
  }

  /** Runs the ceremony exactly as the button does. Does nothing while one runs, or while `disabled`. */
  abstract start(): Promise<void>;

  protected abstract successEvent(result: R): Event;
  protected abstract renderForm(): TemplateResult;
  /** What the live region says while the ceremony runs. */
  protected abstract progressText(): string;
  /** What the live region says once it succeeded. */
  protected abstract successText(result: R): string;

  override connectedCallback(): void {
    super.connectedCallback();
    void detectPasskeySupport().then(({ webauthn }) => {
      if (webauthn === this.#supported) return;
      this.#supported = webauthn;
      this.requestUpdate();
    });
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

  protected handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.start();
  }

  protected override render(): TemplateResult {
    const { locale, dir, t } = this.localize;
    return html`<div part="base" lang=${locale} dir=${dir ?? nothing}>
      ${this.#supported
        ? [this.renderForm(), this.#renderStatus()]
        : html`<p part="not-supported">${errorIcon}<span>${t('notSupported')}</span></p>`}
    </div>`;
  }

  /**
   * The submit button. While busy it stays focusable (`aria-disabled`, not `disabled`), so a keyboard or
   * screen reader user keeps their place; a second press is ignored by the ceremony controller.
   */
  protected renderButton(label: string): TemplateResult {
    const busy = this.ceremony.busy;
    return html`<button part="button" type="submit" ?disabled=${this.disabled} aria-disabled=${busy ? 'true' : nothing}
      aria-busy=${busy ? 'true' : nothing}>${busy ? spinnerIcon : passkeyIcon}<span part="button-label">${label}</span></button>`;
  }

  /** The polite live region: progress while busy, then the result. Empty when idle, and after a dismissed prompt. */
  #renderStatus(): TemplateResult {
    const { state, result, error } = this.ceremony;
    let content: TemplateResult | typeof nothing = nothing;
    if (state === 'busy') content = html`<span>${this.progressText()}</span>`;
    else if (state === 'success') content = html`${successIcon}<span>${this.successText(result as R)}</span>`;
    else if (state === 'error' && error && error.code !== 'cancelled') {
      content = html`${errorIcon}<span>${this.localize.t(ERROR_MESSAGE_KEYS[error.code])}</span>`;
    }
    return html`<p part="message" role="status">${content}</p>`;
  }
}
