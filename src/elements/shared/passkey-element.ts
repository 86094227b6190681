import { html, isServer, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { supportsWebAuthn } from '../../client/support.ts';
import { checkUsername, USERNAME_MAX_LENGTH } from '../../client/username.ts';
import { errorMessageKey, type PasskeyStringKey } from '../../i18n/index.ts';
import { CeremonyController, type Ceremony, type CeremonyState, type Outcome } from './ceremony-controller.ts';
import { PasskeyErrorEvent } from './events.ts';
import { formStyles } from './form.styles.ts';
import { errorIcon } from './icons.ts';
import { PasskeyBase } from './passkey-base.ts';
import { isolate, statusMessage, button } from './templates.ts';
import { tokens } from './tokens.styles.ts';

const USERNAME_PROBLEMS = { empty: 'usernameRequired', 'too-long': 'usernameTooLong', 'forbidden-character': 'usernameInvalid' } as const;

/**
 * What the kit's ceremony elements share: the contract's common properties (from `PasskeyBase`), the username field
 * (its property, the input that shows it, and the check it passes before any request), and the ceremony state with
 * its live region. Subclasses render their form and say what to run; they tell the page how it went.
 */
export abstract class PasskeyElement<R> extends PasskeyBase {
  static override properties: PropertyDeclarations = {
    username: {},
  };
  static override styles = [tokens, formStyles];

  /** The account's username or email; prefills the field, and follows what the person types. */
  declare username: string;

  protected readonly ceremony: CeremonyController<R> = new CeremonyController(this);
  /** What the username field says is wrong with what it holds, until the person types again. */
  protected usernameProblem: PasskeyStringKey | undefined;
  /** The server's options arrived and the browser's prompt is open: only now does the live region ask to follow it. */
  #prompting = false;

  constructor() {
    super();
    this.username = '';
  }

  /** `idle`, `busy`, `success` or `error`; also the `state` attribute, for CSS: `passkey-login[state='busy']`. */
  get state(): CeremonyState {
    return this.ceremony.state;
  }

  /** Runs the ceremony exactly as the button does. Does nothing while one runs, or while `disabled`. */
  abstract start(): Promise<void>;

  /**
   * Clears what the person typed (`username` becomes empty) and every message. A ceremony in flight is cancelled and
   * ends quietly, without an event. The element does this by itself when the page dispatches `passkey-signed-out` on
   * `document`.
   */
  override reset(): void {
    this.ceremony.reset();
    this.username = '';
    this.usernameProblem = undefined;
    this.#prompting = false;
    super.reset();
  }

  protected abstract successEvent(result: R): Event;
  protected abstract renderForm(): TemplateResult;
  /** What the live region says while the ceremony runs; `prompting` once the browser's prompt is open. */
  protected abstract progressText(prompting: boolean): string;
  /** What the live region says once it succeeded. */
  protected abstract successText(result: R): unknown;

  /** Whether the element is of no use without WebAuthn, and explains that instead of showing its form. */
  protected get needsWebAuthn(): boolean {
    return true;
  }

  /**
   * Runs `ceremony` (unless one runs), tells the page how it went (`successEvent` or `passkey-error`), and resolves
   * once the outcome is rendered.
   */
  protected async runCeremony(ceremony: Ceremony<R>): Promise<Outcome<R> | undefined> {
    this.#prompting = false;
    const outcome = await this.ceremony.run(ceremony);
    this.report(outcome);
    await this.updateComplete;
    return outcome;
  }

  /**
   * Tells the page how a ceremony went, then renders it: the update is requested first, so a listener that awaits
   * `updateComplete` sees the outcome rendered, but runs after the page's own first step (the render is work the
   * page need not wait for).
   */
  protected report(outcome: Outcome<R> | undefined): void {
    if (!outcome) return;
    this.requestUpdate();
    if (outcome.error) this.dispatchEvent(new PasskeyErrorEvent(outcome.error.toDetail()));
    else this.dispatchEvent(this.successEvent(outcome.result));
  }

  /**
   * Give it to the client as `onPrompt`: the browser's prompt opens. The live region says to follow it once the
   * ceremony has run for a moment (when the spinner starts to turn): a quick ceremony is over before anyone reads it,
   * and a render while the browser answers would only slow it down.
   */
  protected readonly handlePrompt = (): void => {
    this.#prompting = true;
    if (this.ceremony.turning) this.requestUpdate();
  };

  /**
   * The username to send, checked as the server checks it (`checkUsername`: no invisible, control or
   * direction-changing characters, not too long): trimmed and normalised, or `''` for an empty field that is
   * allowed. Anything else is refused before any request: the field says why and takes the focus, and this
   * resolves with `undefined`.
   */
  protected async checkedUsername(value: string, { required }: { required: boolean }): Promise<string | undefined> {
    const check = checkUsername(value);
    const problem = check.ok || (check.reason === 'empty' && !required) ? undefined : USERNAME_PROBLEMS[check.reason];
    if (problem !== this.usernameProblem) {
      this.usernameProblem = problem;
      this.requestUpdate();
    }
    if (!problem) return check.ok ? check.username : '';
    await this.updateComplete;
    this.focusUsername();
    return undefined;
  }

  protected focusUsername(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  /** The built-in username input; `hint` is the id of the text that describes it. */
  protected renderUsernameInput({ autocomplete = 'username', required = false, hint }: { autocomplete?: string; required?: boolean; hint?: string }): TemplateResult {
    const problem = this.usernameProblem;
    const describedBy = [hint, problem && 'username-problem'].filter(Boolean).join(' ');
    // `dir="auto"` once it holds text: an email reads left to right in an Arabic form, an Arabic name right to left in
    // an English one. Empty, it follows the form, so the caret starts where the person's language starts.
    return html`<input part="input" id="username" name="username" type="text" autocomplete=${autocomplete} autocapitalize="none"
      spellcheck="false" dir=${this.username ? 'auto' : nothing} ?required=${required} ?readonly=${this.ceremony.busy} ?disabled=${this.disabled}
      aria-invalid=${problem ? 'true' : nothing} aria-describedby=${describedBy || nothing} @input=${this.handleUsernameInput} />`;
  }

  /** Why the username field refuses what it holds, under it; nothing while it is fine. */
  protected renderUsernameProblem(): TemplateResult | typeof nothing {
    const text = this.usernameProblemText();
    return text ? html`<p part="hint error-text" id="username-problem">${text}</p>` : nothing;
  }

  /** What is wrong with the username, in the person's language; undefined while it is fine. */
  protected usernameProblemText(): string | undefined {
    const problem = this.usernameProblem;
    if (!problem) return undefined;
    return this.localize.t(problem, { max: new Intl.NumberFormat(this.localize.locale).format(USERNAME_MAX_LENGTH) });
  }

  protected handleUsernameInput(event: InputEvent): void {
    this.username = (event.target as HTMLInputElement).value;
    this.usernameProblem = undefined;
  }

  /** Shows `username` in the built-in field; subclasses that show more properties in inputs add theirs. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.syncInput('username', this.username);
  }

  /** The button that starts the ceremony: busy (and still, for a moment) while it runs. */
  protected renderButton(label: string): TemplateResult {
    const { busy, turning } = this.ceremony;
    return button({ label, busy, turning, disabled: this.disabled, onClick: this.handleClick });
  }

  /**
   * The submit button's click, which Enter in a field of the form fires too (implicit submission). Cancelling it
   * spares the browser a form submission, whose style and layout pass would only delay the ceremony.
   */
  protected handleClick(event: MouseEvent): void {
    event.preventDefault();
    void this.start();
  }

  protected override render(): TemplateResult {
    const { locale, dir, t } = this.localize;
    return html`<div part="base" lang=${locale} dir=${dir ?? nothing}>
      ${isServer || supportsWebAuthn() || !this.needsWebAuthn
        ? [this.renderForm(), statusMessage(this.ceremony.state, this.messageText()), this.renderFooter()]
        : html`<p part="not-supported">${errorIcon}<span>${t('notSupported')}</span></p>`}
    </div>`;
  }

  /** What follows the live region; nothing by default. */
  protected renderFooter(): unknown {
    return nothing;
  }

  /** What the live region says: progress while busy, then the result. Empty when idle, and after a dismissed prompt. */
  protected messageText(): unknown {
    const { state, result, error } = this.ceremony;
    if (state === 'busy') return this.progressText(this.#prompting);
    if (state === 'success') return this.successText(result as R);
    if (state === 'error' && error && error.code !== 'cancelled') return this.localize.t(errorMessageKey({ code: error.code, status: error.status }));
    return '';
  }

  /** The string `key` with its values (a username, a name) each isolated in a `<bdi>`, so they keep their own direction. */
  protected isolated(key: PasskeyStringKey, values: Record<string, string>): unknown {
    return isolate(this.localize.t(key), values);
  }
}
