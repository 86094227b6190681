import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { authenticate } from '../../client/authenticate.ts';
import { ClientCore } from '../../client/client-core.ts';
import type { AuthenticateInput, AuthenticationResult } from '../../client/index.ts';
import { PasskeyAuthenticatedEvent } from '../shared/events.ts';
import { PasskeyElement } from '../shared/passkey-element.ts';
import { labelIfUnlabelled, offerPasskeysIn } from './slotted-input.ts';

/**
 * Signs in with a passkey: for the username typed in, username-less when the field is left empty (the
 * browser lists the person's passkeys for this site), and, with `autofill`, from the browser's autofill
 * of the username field (conditional mediation).
 *
 * @summary Sign in with a passkey.
 *
 * @slot username - Your own `<input>`, or a `<label>` wrapping one, in place of the built-in input. Password
 * managers and Safari's autofill do not look into shadow roots, so with `autofill` prefer this. The input gets
 * `webauthn` added to its `autocomplete` while `autofill` is on. Without a `<label>` of its own, it keeps the
 * built-in label and gets the same text as `aria-label`.
 *
 * @fires passkey-authenticated - `{ userId, username, response }`: the server verified the passkey; the person is signed in.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: the ceremony failed. With `cancelled` (the person closed the prompt) the element just returns to idle.
 *
 * @csspart base - Everything the element shows.
 * @csspart form - The form.
 * @csspart field - The label, the input and the hint.
 * @csspart label - The field's label.
 * @csspart input - The built-in username input.
 * @csspart hint - The text under the field.
 * @csspart button - The "Sign in with a passkey" button.
 * @csspart button-label - The button's text.
 * @csspart icon - The passkey icon in the button.
 * @csspart spinner - The spinner in the button while busy.
 * @csspart message - The polite live region: progress, then the result.
 * @csspart message-icon - The success or error icon in the message.
 * @csspart not-supported - The explanation shown instead of the form where the browser has no WebAuthn.
 *
 * @cssprop --passkey-color-accent - Global token: the button. Likewise `--passkey-color-on-accent`, `-text`, `-muted`, `-surface`, `-field`, `-border`, `-danger`, `-success`, `-focus`.
 * @cssprop --passkey-radius - Global token: corner radius.
 * @cssprop --passkey-font-family - Global token.
 * @cssprop --passkey-font-size - Global token.
 * @cssprop --passkey-spacing - Global token: the unit of padding and gaps.
 * @cssprop [--passkey-button-background=var(--passkey-color-accent)] - This element's button.
 * @cssprop [--passkey-button-color=var(--passkey-color-on-accent)]
 * @cssprop [--passkey-button-radius=var(--passkey-radius)]
 * @cssprop [--passkey-input-background=var(--passkey-color-field)]
 * @cssprop [--passkey-input-color=var(--passkey-color-text)]
 * @cssprop [--passkey-input-border-color=var(--passkey-color-border)]
 * @cssprop [--passkey-input-radius=var(--passkey-radius)]
 * @cssprop [--passkey-gap=calc(var(--passkey-spacing) * 0.75)] - Space between the field, the button and the message.
 * @cssprop [--passkey-padding=var(--passkey-spacing)] - Space around the content.
 */
export class PasskeyLogin extends PasskeyElement<AuthenticationResult> {
  static override properties: PropertyDeclarations = {
    username: {},
    autofill: { type: Boolean, reflect: true },
  };

  /** The username to sign in as; prefills the built-in field and follows what the person types. Empty: username-less. */
  declare username: string;
  /**
   * Offers passkeys in the browser's autofill of the username field while the element is on the page and idle
   * (conditional mediation). The button still works: it cancels the autofill request, which restarts unless
   * the person signed in.
   */
  declare autofill: boolean;

  constructor() {
    super();
    this.username = '';
    this.autofill = false;
    this.addEventListener('keydown', this.#handleKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The ceremony controller aborted autofill when the element left the page; moved back in, offer it again.
    if (this.hasUpdated) this.#offerAutofill();
  }

  override async start(): Promise<void> {
    if (this.disabled || this.ceremony.busy) return;
    const username = (this.#slottedInput?.value ?? this.username).trim();
    await this.ceremony.run((signal) => this.#authenticate({ username, signal }));
    // Signed in: nothing left to offer. Otherwise the person may still pick a passkey from autofill.
    if (this.ceremony.state !== 'success') this.#offerAutofill();
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.syncInput('username', this.username);
    if (changed.has('autofill') || changed.has('disabled') || changed.has('client') || changed.has('apiUrl') || changed.has('credentials')) this.#offerAutofill();
  }

  protected override successEvent(result: AuthenticationResult): Event {
    return new PasskeyAuthenticatedEvent(result);
  }

  protected override progressText(): string {
    return this.localize.t('authenticating');
  }

  protected override successText({ username }: AuthenticationResult): string {
    return username ? this.localize.t('authenticated', { username }) : this.localize.t('authenticatedNoName');
  }

  protected override renderForm(): TemplateResult {
    const { t } = this.localize;
    return html`<form part="form">
      <div part="field">
        <label part="label" for="username" ?hidden=${Boolean(this.#slottedInput?.labels?.length)} @click=${this.#handleLabelClick}
          >${t('usernameLabel')}</label
        >
        <slot name="username" @slotchange=${this.#handleSlotChange}>
          <input part="input" id="username" name="username" type="text" autocomplete="username webauthn"
            autocapitalize="none" spellcheck="false" aria-describedby="hint"
            ?readonly=${this.ceremony.busy} ?disabled=${this.disabled} @input=${this.#handleInput} />
        </slot>
        <p part="hint" id="hint">${t('loginHint')}</p>
      </div>
      ${this.renderButton(t('loginButton'))}
    </form>`;
  }

  /** The page's own input in the `username` slot, if there is one. */
  get #slottedInput(): HTMLInputElement | undefined {
    const slotted = this.querySelector<HTMLElement>(':scope > [slot="username"]');
    return (slotted instanceof HTMLInputElement ? slotted : slotted?.querySelector('input')) ?? undefined;
  }

  /** Keeps a conditional-mediation request open while `autofill` is on and the element is usable; stops it otherwise. */
  #offerAutofill(): void {
    if (!this.autofill || this.disabled || !this.isConnected) return this.ceremony.stopBackground();
    // Not while the button's ceremony runs: the client would abort it. It offers autofill again when it ends.
    if (this.ceremony.busy) return;
    const slotted = this.#slottedInput;
    if (slotted) offerPasskeysIn(slotted);
    // The client looks for an `autocomplete="… webauthn"` input in `document`, which cannot see our shadow root:
    // let it check the page's own input, and skip the check for ours.
    this.ceremony.runInBackground((signal) =>
      this.#authenticate({ mediation: 'conditional', verifyBrowserAutofillInput: Boolean(slotted), signal }),
    );
  }

  /** Through the page's `client`, else on a bare client of our own. */
  #authenticate(input: AuthenticateInput): Promise<AuthenticationResult> {
    return this.givenClient ? this.givenClient.authenticate(input) : authenticate(this.ownClient(ClientCore), input);
  }

  /** Our label cannot point `for` at the page's input, so it focuses the input itself. */
  #handleLabelClick(): void {
    this.#slottedInput?.focus();
  }

  #handleInput(event: InputEvent): void {
    this.username = (event.target as HTMLInputElement).value;
  }

  #handleSlotChange(): void {
    const slotted = this.#slottedInput;
    if (slotted) {
      labelIfUnlabelled(slotted, this.localize.t('usernameLabel'));
      if (this.autofill) offerPasskeysIn(slotted);
    }
    this.requestUpdate();
  }

  /** Enter in the page's own input signs in, as Enter in the built-in field submits our form. */
  readonly #handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.isComposing || event.target !== this.#slottedInput) return;
    event.preventDefault();
    void this.start();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login': PasskeyLogin;
  }
}
