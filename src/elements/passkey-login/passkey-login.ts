import { html, isServer, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { authenticate } from '../../client/authenticate.ts';
import { ClientCore } from '../../client/client-core.ts';
import type { AuthenticateInput, AuthenticationResult, PasskeyError } from '../../client/index.ts';
import { PasskeyAuthenticatedEvent } from '../shared/events.ts';
import { PasskeyElement } from '../shared/passkey-element.ts';
import { describeInput, offerPasskeysIn } from './slotted-input.ts';

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
 * built-in label and gets the same text as `aria-label`; unless something describes it already, the hint (or what is
 * wrong with what it holds) becomes its `aria-description`. Both follow the locale.
 * @slot recovery - Your own "Lost your passkey?" link (or button), shown only after a sign-in that found no passkey,
 * in place of the link that `recovery-href` makes.
 *
 * @fires passkey-authenticated - `{ userId, username, response }`: the server verified the passkey; the person is signed in.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: the ceremony failed. With `cancelled` (the person closed the prompt, or no passkey of the account was on this device) the element returns to idle; when a username was given, it suggests another device and shows the recovery link.
 *
 * @csspart base - Everything the element shows.
 * @csspart form - The form.
 * @csspart field - The label, the input and the hint.
 * @csspart label - The field's label.
 * @csspart input - The built-in username input.
 * @csspart hint - The text under the field.
 * @csspart error-text - What is wrong with the username: too long, or with invisible or direction-changing characters.
 * @csspart button - The "Sign in with a passkey" button.
 * @csspart button-label - The button's text.
 * @csspart icon - The passkey icon in the button.
 * @csspart spinner - The spinner in the button while busy, once the work has run for 100 ms (a quicker answer would only flash it).
 * @csspart message - The polite live region: progress, then the result.
 * @csspart message-icon - The success or error icon in the message.
 * @csspart not-supported - The explanation shown instead of the form where the browser has no WebAuthn.
 * @csspart recovery - After a sign-in that found no passkey: the paragraph with the "Lost your passkey?" link.
 * @csspart recovery-link - The link `recovery-href` makes.
 */
export class PasskeyLogin extends PasskeyElement<AuthenticationResult> {
  static override properties: PropertyDeclarations = {
    autofill: { type: Boolean, reflect: true },
    recoveryHref: { attribute: 'recovery-href' },
  };

  /**
   * Offers passkeys in the browser's autofill of the username field while the element is on the page and idle
   * (conditional mediation). The button still works: it cancels the autofill request, which restarts unless
   * the person signed in.
   */
  declare autofill: boolean;
  /**
   * Where "Lost your passkey?" leads (attribute `recovery-href`), e.g. your page with `<passkey-recovery>`. The link
   * shows after a sign-in that found no passkey: a dismissed prompt for a username that was typed in, or a passkey
   * the server does not know. An `http:` or `https:` URL or a relative one; anything else shows no link.
   */
  declare recoveryHref: string | undefined;

  /** The last sign-in found no passkey: the live region suggests another device, and the recovery link shows. */
  #noPasskey = false;

  constructor() {
    super();
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
    const username = await this.checkedUsername(this.#slottedInput?.value ?? this.username, { required: false });
    if (username === undefined) return;
    this.#noPasskey = false;
    const outcome = await this.runCeremony((signal) => this.#authenticate({ username, signal, onPrompt: this.handlePrompt }));
    if (this.#foundNoPasskey(outcome?.error, username)) {
      this.#noPasskey = true;
      this.requestUpdate();
    }
    // Signed in: nothing left to offer. Otherwise the person may still pick a passkey from autofill.
    if (this.ceremony.state !== 'success') this.#offerAutofill();
  }

  /** Also empties the page's own input in the `username` slot, and forgets the last sign-in that found no passkey. */
  override reset(): void {
    const slotted = this.#slottedInput;
    if (slotted) slotted.value = '';
    this.#noPasskey = false;
    super.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const slotted = this.#slottedInput;
    if (slotted) {
      const { t } = this.localize;
      describeInput(slotted, { label: t('usernameLabel'), description: this.usernameProblemText() ?? t('loginHint') });
    }
    if (changed.has('autofill') || changed.has('disabled') || changed.has('client') || changed.has('apiUrl') || changed.has('credentials')) this.#offerAutofill();
  }

  protected override successEvent(result: AuthenticationResult): Event {
    return new PasskeyAuthenticatedEvent(result);
  }

  protected override progressText(prompting: boolean): string {
    return prompting ? this.localize.t('authenticating') : '';
  }

  protected override successText({ username }: AuthenticationResult): unknown {
    return username ? this.isolated('authenticated', { username }) : this.localize.t('authenticatedNoName');
  }

  protected override messageText(): unknown {
    return this.#noPasskey && this.ceremony.state === 'idle' ? this.localize.t('signInTrouble') : super.messageText();
  }

  protected override focusUsername(): void {
    if (this.#slottedInput) this.#slottedInput.focus();
    else super.focusUsername();
  }

  protected override renderForm(): TemplateResult {
    const { t } = this.localize;
    return html`<form part="form">
      <div part="field">
        <label part="label" for="username" ?hidden=${Boolean(this.#slottedInput?.labels?.length)} @click=${this.#handleLabelClick}
          >${t('usernameLabel')}</label
        >
        <slot name="username" @slotchange=${this.#handleSlotChange}>${this.renderUsernameInput({ autocomplete: 'username webauthn', hint: 'hint' })}</slot>
        <p part="hint" id="hint">${t('loginHint')}</p>
        ${this.renderUsernameProblem()}
      </div>
      ${this.renderButton(t('loginButton'))}
    </form>`;
  }

  /** After a sign-in that found no passkey: the page's own `recovery` link, else the one `recovery-href` makes. */
  protected override renderFooter(): unknown {
    if (!this.#noPasskey) return nothing;
    const href = safeHref(this.recoveryHref);
    return html`<p part="recovery"><slot name="recovery"
      >${href ? html`<a part="recovery-link" href=${href}>${this.localize.t('lostPasskey')}</a>` : nothing}</slot
    ></p>`;
  }

  /**
   * No passkey of the account was found: the server does not know the one picked, or the person dismissed the
   * prompt for a username they typed in (a browser reports "no passkey for this account here" the same way).
   */
  #foundNoPasskey(error: PasskeyError | undefined, username: string): boolean {
    return error?.code === 'unknown-credential' || (error?.code === 'cancelled' && username !== '');
  }

  /** The page's own input in the `username` slot, if there is one. */
  get #slottedInput(): HTMLInputElement | undefined {
    if (isServer) return undefined; // a server-side render has no light DOM to look into
    const slotted = this.querySelector<HTMLElement>(':scope > [slot="username"]');
    return (slotted instanceof HTMLInputElement ? slotted : slotted?.querySelector('input')) ?? undefined;
  }

  /** Keeps a conditional-mediation request open while `autofill` is on and the element is usable; stops it otherwise. */
  #offerAutofill(): void {
    if (!this.autofill || this.disabled || !this.isConnected) return this.ceremony.stopBackground();
    // Not while the button's ceremony runs: it holds the page's ceremony turn. Autofill is offered again when it ends.
    if (this.ceremony.busy) return;
    const slotted = this.#slottedInput;
    if (slotted) offerPasskeysIn(slotted);
    // The client looks for an `autocomplete="… webauthn"` input in `document`, which cannot see our shadow root:
    // let it check the page's own input, and skip the check for ours.
    void this.ceremony
      .runInBackground((signal) => this.#authenticate({ mediation: 'conditional', verifyBrowserAutofillInput: Boolean(slotted), signal }))
      .then((outcome) => {
        if (this.#foundNoPasskey(outcome?.error, '')) {
          this.#noPasskey = true;
          this.requestUpdate();
        }
        this.report(outcome);
      });
  }

  /** Through the page's `client`, else on a bare client of our own. */
  #authenticate(input: AuthenticateInput): Promise<AuthenticationResult> {
    return this.givenClient ? this.givenClient.authenticate(input) : authenticate(this.ownClient(ClientCore), input);
  }

  /** Our label cannot point `for` at the page's input, so it focuses the input itself. */
  #handleLabelClick(): void {
    this.#slottedInput?.focus();
  }

  #handleSlotChange(): void {
    const slotted = this.#slottedInput;
    if (slotted && this.autofill) offerPasskeysIn(slotted);
    this.requestUpdate();
  }

  /** Enter in the page's own input signs in, as Enter in the built-in field submits our form. */
  readonly #handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.isComposing || event.target !== this.#slottedInput) return;
    event.preventDefault();
    void this.start();
  };
}

/** `href` if it is a web address (absolute `http:`/`https:`, or relative to the page); never `javascript:` and the like. */
function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return ['http:', 'https:'].includes(new URL(href, document.baseURI).protocol) ? href : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-login': PasskeyLogin;
  }
}
