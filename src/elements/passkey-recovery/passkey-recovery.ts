import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ClientCore } from '../../client/client-core.ts';
import { requestRecovery } from '../../client/recovery.ts';
import type { PasskeyErrorEvent, PasskeyRecoverySentDetail } from '../shared/events.ts';
import common from '../../i18n/en-common.ts';
import recovery from '../../i18n/en-recovery.ts';
import { PasskeyRecoverySentEvent } from '../shared/events.ts';
import { formStyles } from '../shared/form.styles.ts';
import { errorIcon } from '../shared/icons.ts';
import { PasskeyElement } from '../shared/passkey-element.ts';
import { tokens } from '../shared/tokens.styles.ts';

/** Failures of the register step that mean the link cannot be used: a 4xx that is no other known refusal. */
function isRefusedLink({ phase, status, code }: PasskeyErrorEvent['detail']): boolean {
  return (phase === 'options' || phase === 'verify') && status !== undefined && status >= 400 && status < 500 && (code === 'server' || code === 'unauthorized');
}

/**
 * Gets a person who lost their passkeys back in (the implementation guide's "Passwordless Recovery"). Without `token`, it asks
 * for their username or email and has your server send a recovery link; the answer is the same whether or not
 * the account exists, so nobody can find out who has one. With the `token` from that link, it shows a
 * `<passkey-register>` that creates a new passkey for the account; a link that expired or was used already
 * gets an explanation and the form to ask for a new one.
 *
 * The token step renders `<passkey-register>`: define it too (`passkey-elements/passkey-recovery` does).
 *
 * @summary Recover an account with a link.
 *
 * @fires passkey-recovery-sent - `{ username }`: the server took the request. It answers the same for unknown accounts.
 * @fires passkey-registered - `{ userId, username, credentialId, response }`: with `token`, the new passkey was created.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: asking failed (phase `recovery`), or, with `token`, creating the passkey failed.
 *
 * @csspart base - Everything the element shows.
 * @csspart form - The form that asks for a link.
 * @csspart field - The label, the input and the hint.
 * @csspart label - The field's label.
 * @csspart input - The username or email input.
 * @csspart hint - The text under the field.
 * @csspart error-text - What is wrong with the username: missing, too long, or with invisible or direction-changing characters.
 * @csspart button - The "Send a recovery link" button.
 * @csspart button-label - The button's text.
 * @csspart icon - The icon in the button.
 * @csspart spinner - The spinner in the button while busy, once the work has run for 100 ms (a quicker answer would only flash it).
 * @csspart message - The polite live region: progress, then the result.
 * @csspart message-icon - The icon in a message.
 * @csspart link-invalid - Why the recovery link cannot be used (expired, used, or for another account).
 * @csspart intro - The text above the token step's `<passkey-register>`.
 * @csspart register - The token step's `<passkey-register>`; its parts are exported as `register-form`, `register-field`, `register-label`, `register-input`, `register-hint`, `register-button`, `register-button-label`, `register-message`.
 */
export class PasskeyRecovery extends PasskeyElement<PasskeyRecoverySentDetail> {
  static override properties: PropertyDeclarations = {
    token: {},
  };
  protected static override english = { ...common, ...recovery };
  static override styles = [
    tokens,
    formStyles,
    css`
      [part~=intro] {
        margin: 0 0 var(--passkey-gap);
      }
      /* The nested element sits in this one's box: no second padding, background or corners. */
      [part~=register] {
        --passkey-padding: 0;
        background: transparent;
      }
      [part~=link-invalid] {
        display: flex;
        align-items: start;
        gap: 0.5rem;
        margin: 0;
        color: var(--_danger);
      }
    `,
  ];

  /** The token of a recovery link (`/recovery?token=…`): shows the step that creates a new passkey for the account. */
  declare token: string | undefined;

  #linkRefused = false;

  /** Asking for a link needs no WebAuthn (the link may be opened on another device); the token step says so itself. */
  protected override get needsWebAuthn(): boolean {
    return false;
  }

  /** Asks for a recovery link, exactly as the button does. Does nothing while a request runs, or while `disabled`. */
  override async start(): Promise<void> {
    if (this.disabled || this.ceremony.busy) return;
    const username = await this.checkedUsername(this.username, { required: true });
    if (!username) return;
    await this.runCeremony(async (signal) => {
      // Through the page's `client`, else on a bare client of our own.
      await (this.givenClient ? this.givenClient.requestRecovery(username, { signal }) : requestRecovery(this.ownClient(ClientCore), username, { signal }));
      return { username };
    });
  }

  /** Also forgets that a link was refused, and resets the token step's `<passkey-register>`. The `token` stays. */
  override reset(): void {
    this.#linkRefused = false;
    this.renderRoot?.querySelector('passkey-register')?.reset();
    super.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another link (or none): its outcome is unknown, and the last request's answer is about something else.
    if (changed.has('token') && this.hasUpdated) {
      this.#linkRefused = false;
      this.ceremony.reset();
    }
  }

  protected override successEvent(result: PasskeyRecoverySentDetail): Event {
    return new PasskeyRecoverySentEvent(result);
  }

  protected override progressText(): string {
    return this.localize.t('recoverySending');
  }

  protected override successText({ username }: PasskeyRecoverySentDetail): unknown {
    return this.isolated('recoverySent', { username });
  }

  protected override renderForm(): TemplateResult {
    return this.token && !this.#linkRefused ? this.#renderTokenStep(this.token) : this.#renderRequest();
  }

  #renderRequest(): TemplateResult {
    const { t } = this.localize;
    return html`<form part="form">
      ${this.#linkRefused ? html`<p part="link-invalid" role="alert">${errorIcon}<span>${t('recoveryLinkInvalid')}</span></p>` : nothing}
      <div part="field">
        <label part="label" for="username">${t('usernameLabel')}</label>
        ${this.renderUsernameInput({ required: true, hint: 'hint' })}
        <p part="hint" id="hint">${t('recoveryHint')}</p>
        ${this.renderUsernameProblem()}
      </div>
      ${this.renderButton(t('recoveryButton'))}
    </form>`;
  }

  #renderTokenStep(token: string): TemplateResult {
    return html`<p part="intro">${this.localize.t('recoveryTokenIntro')}</p>
      <passkey-register part="register" exportparts="form: register-form, field: register-field, label: register-label,
        input: register-input, hint: register-hint, button: register-button, button-label: register-button-label,
        message: register-message" recovery-token=${token} username=${this.username} .apiUrl=${this.apiUrl}
        .recoveryUrl=${this.recoveryUrl} .credentials=${this.credentials} color-scheme=${this.colorScheme ?? nothing} .client=${this.client} .strings=${this.strings} ?disabled=${this.disabled}
        @passkey-error=${this.#handleRegisterError}></passkey-register>`;
  }

  /** The link expired, was used already, or is for another account: say so, and offer to send a new one. */
  async #handleRegisterError(event: PasskeyErrorEvent): Promise<void> {
    if (!isRefusedLink(event.detail)) return;
    this.username = (event.currentTarget as HTMLElement & { username: string }).username;
    this.#linkRefused = true;
    this.requestUpdate();
    await this.updateComplete;
    this.focusUsername();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-recovery': PasskeyRecovery;
  }
}
