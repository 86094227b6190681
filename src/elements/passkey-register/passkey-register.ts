import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
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
 * @csspart error-text - What is wrong with the username: missing, too long, or with invisible or direction-changing characters.
 * @csspart button - The "Create a passkey" button.
 * @csspart button-label - The button's text.
 * @csspart icon - The passkey icon in the button.
 * @csspart spinner - The spinner in the button while busy, once the work has run for 100 ms (a quicker answer would only flash it).
 * @csspart message - The polite live region: progress, then the result.
 * @csspart message-icon - The success or error icon in the message.
 * @csspart not-supported - The explanation shown instead of the form where the browser has no WebAuthn.
 */
export class PasskeyRegister extends PasskeyElement<RegistrationResult> {
  static override properties: PropertyDeclarations = {
    displayName: { attribute: 'display-name' },
    recoveryToken: { attribute: 'recovery-token' },
    askDisplayName: { type: Boolean, attribute: 'ask-display-name' },
    hideUsername: { type: Boolean, attribute: 'hide-username' },
  };

  /** The name the passkey prompt shows (attribute `display-name`). Default: the username. */
  declare displayName: string;
  /** A token from a recovery link (attribute `recovery-token`): adds the new passkey to that account. */
  declare recoveryToken: string | undefined;
  /** Shows a field for the display name (attribute `ask-display-name`). */
  declare askDisplayName: boolean;
  /** Hides the username field when the page already knows the username (attribute `hide-username`). */
  declare hideUsername: boolean;

  constructor() {
    super();
    this.displayName = '';
    this.askDisplayName = false;
    this.hideUsername = false;
  }

  override async start(): Promise<void> {
    if (this.disabled || this.ceremony.busy) return;
    const username = await this.checkedUsername(this.username, { required: true });
    if (!username) return;
    const displayName = this.displayName.trim() || undefined;
    const recoveryToken = this.recoveryToken || undefined;
    await this.runCeremony((signal) => this.#register({ username, displayName, recoveryToken, signal, onPrompt: this.handlePrompt }));
  }

  /** Also empties the display name. */
  override reset(): void {
    this.displayName = '';
    super.reset();
  }

  /** Through the page's `client`, else on a bare client of our own. */
  #register(input: RegisterInput): Promise<RegistrationResult> {
    return this.givenClient ? this.givenClient.register(input) : register(this.ownClient(ClientCore), input);
  }

  protected override successEvent(result: RegistrationResult): Event {
    return new PasskeyRegisteredEvent(result);
  }

  protected override progressText(prompting: boolean): string {
    return prompting ? this.localize.t('registering') : '';
  }

  protected override successText(result: RegistrationResult): unknown {
    return this.isolated('registered', { username: result.username });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncInput('display-name', this.displayName);
  }

  protected override renderForm(): TemplateResult {
    const { t } = this.localize;
    return html`<form part="form">
      <div part="field" ?hidden=${this.hideUsername && !this.usernameProblem}>
        <label part="label" for="username">${t('usernameLabel')}</label>
        ${this.renderUsernameInput({ required: true })} ${this.renderUsernameProblem()}
      </div>
      ${this.askDisplayName
        ? html`<div part="field">
            <label part="label" for="display-name">${t('displayNameLabel')}</label>
            <input part="input" id="display-name" name="displayName" type="text" autocomplete="name" dir=${this.displayName ? 'auto' : nothing}
              ?readonly=${this.ceremony.busy} ?disabled=${this.disabled} @input=${this.#handleDisplayNameInput} />
          </div>`
        : nothing}
      ${this.renderButton(t('registerButton'))}
    </form>`;
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
