import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ClientCore } from '../../client/client-core.ts';
import type { RegisterInput, RegistrationResult } from '../../client/index.ts';
import { register } from '../../client/register.ts';
import { PasskeyRegisteredEvent } from '../shared/events.ts';
import { PasskeyElement } from '../shared/passkey-element.ts';

/**
 * Creates a passkey for an account: asks for a username or email (and a display name if you want one),
 * runs the browser's passkey prompt, and has your server verify and store the new passkey.
 *
 * @summary Sign up with a passkey.
 *
 * @fires passkey-registered - `{ userId, username, credentialId, response }`: the server verified and stored the passkey.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: the ceremony failed. With `cancelled` (the person closed the prompt) the element just returns to idle.
 *
 * @csspart base - Everything the element shows.
 * @csspart form - The form.
 * @csspart field - A label with its input.
 * @csspart label - A field's label.
 * @csspart input - A text input: the username, and the display name with `ask-display-name`.
 * @csspart hint - The text under a field.
 * @csspart error-text - The hint that says the username is missing.
 * @csspart button - The "Create a passkey" button.
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
 * @cssprop [--passkey-gap=calc(var(--passkey-spacing) * 0.75)] - Space between the fields, the button and the message.
 * @cssprop [--passkey-padding=var(--passkey-spacing)] - Space around the content.
 */
export class PasskeyRegister extends PasskeyElement<RegistrationResult> {
  static override properties: PropertyDeclarations = {
    username: {},
    displayName: { attribute: 'display-name' },
    recoveryToken: { attribute: 'recovery-token' },
    askDisplayName: { type: Boolean, attribute: 'ask-display-name' },
    hideUsername: { type: Boolean, attribute: 'hide-username' },
  };

  /** The account's username or email; prefills the field, and follows what the person types. */
  declare username: string;
  /** The name the passkey prompt shows (attribute `display-name`). Default: the username. */
  declare displayName: string;
  /** A token from a recovery link (attribute `recovery-token`): adds the new passkey to that account. */
  declare recoveryToken: string | undefined;
  /** Shows a field for the display name (attribute `ask-display-name`). */
  declare askDisplayName: boolean;
  /** Hides the username field when the page already knows the username (attribute `hide-username`). */
  declare hideUsername: boolean;

  #usernameMissing = false;

  constructor() {
    super();
    this.username = '';
    this.displayName = '';
    this.askDisplayName = false;
    this.hideUsername = false;
  }

  override async start(): Promise<void> {
    if (this.disabled || this.ceremony.busy) return;
    const username = this.username.trim();
    this.#usernameMissing = !username;
    if (!username) {
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
      return;
    }
    const displayName = this.displayName.trim() || undefined;
    const recoveryToken = this.recoveryToken || undefined;
    await this.ceremony.run((signal) => this.#register({ username, displayName, recoveryToken, signal }));
  }

  /** Through the page's `client`, else on a bare client of our own. */
  #register(input: RegisterInput): Promise<RegistrationResult> {
    return this.givenClient ? this.givenClient.register(input) : register(this.ownClient(ClientCore), input);
  }

  protected override successEvent(result: RegistrationResult): Event {
    return new PasskeyRegisteredEvent(result);
  }

  protected override progressText(): string {
    return this.localize.t('registering');
  }

  protected override successText(result: RegistrationResult): string {
    return this.localize.t('registered', { username: result.username });
  }

  protected override updated(): void {
    this.syncInput('username', this.username);
    this.syncInput('display-name', this.displayName);
  }

  protected override renderForm(): TemplateResult {
    const { t } = this.localize;
    const busy = this.ceremony.busy;
    const missing = this.#usernameMissing;
    return html`<form part="form">
      <div part="field" ?hidden=${this.hideUsername && !missing}>
        <label part="label" for="username">${t('usernameLabel')}</label>
        <input part="input" id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
          spellcheck="false" required ?readonly=${busy} ?disabled=${this.disabled}
          aria-invalid=${missing ? 'true' : nothing} aria-describedby=${missing ? 'username-missing' : nothing}
          @input=${this.#handleUsernameInput} />
        ${missing ? html`<p part="hint error-text" id="username-missing">${t('usernameRequired')}</p>` : nothing}
      </div>
      ${this.askDisplayName
        ? html`<div part="field">
            <label part="label" for="display-name">${t('displayNameLabel')}</label>
            <input part="input" id="display-name" name="displayName" type="text" autocomplete="name"
              ?readonly=${busy} ?disabled=${this.disabled} @input=${this.#handleDisplayNameInput} />
          </div>`
        : nothing}
      ${this.renderButton(t('registerButton'))}
    </form>`;
  }

  #handleUsernameInput(event: InputEvent): void {
    this.username = (event.target as HTMLInputElement).value;
    this.#usernameMissing = false;
  }

  #handleDisplayNameInput(event: InputEvent): void {
    this.displayName = (event.target as HTMLInputElement).value;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-register': PasskeyRegister;
  }
}
