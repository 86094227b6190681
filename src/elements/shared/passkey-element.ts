import { html, nothing, type TemplateResult } from 'lit';
import { supportsWebAuthn } from '../../client/index.ts';
import { errorMessageKey } from '../../i18n/index.ts';
import { CeremonyController, type CeremonyState } from './ceremony-controller.ts';
import { formStyles } from './form.styles.ts';
import { errorIcon, passkeyIcon, spinnerIcon, successIcon } from './icons.ts';
import { PasskeyBase } from './passkey-base.ts';
import { tokens } from './tokens.styles.ts';

/**
 * What the kit's ceremony elements share: the contract's common properties (from `PasskeyBase`), and
 * the ceremony state with its live region. Subclasses render their form and say what to run.
 */
export abstract class PasskeyElement<R> extends PasskeyBase {
  static override styles = [tokens, formStyles];

  protected readonly ceremony: CeremonyController<R> = new CeremonyController(this, (result) => this.successEvent(result));

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

  /** Whether the element is of no use without WebAuthn, and explains that instead of showing its form. */
  protected get needsWebAuthn(): boolean {
    return true;
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
      ${supportsWebAuthn() || !this.needsWebAuthn
        ? [this.renderForm(), this.#renderStatus()]
        : html`<p part="not-supported">${errorIcon}<span>${t('notSupported')}</span></p>`}
    </div>`;
  }

  /**
   * The submit button. While busy it stays focusable (`aria-disabled`, not `disabled`), so a keyboard or
   * screen reader user keeps their place; a second press is ignored by the ceremony controller.
   */
  protected renderButton(label: string): TemplateResult {
    const { busy, turning } = this.ceremony;
    return html`<button part="button" type="submit" ?disabled=${this.disabled} aria-disabled=${busy || nothing}
      aria-busy=${busy || nothing} ?data-still=${busy && !turning} @click=${this.handleClick}>${busy ? spinnerIcon : passkeyIcon}<span part="button-label">${label}</span></button>`;
  }

  /**
   * The polite live region: progress while busy, then the result. Empty when idle, and after a dismissed prompt.
   * Its colour follows its own `data-tone`, not the host's `state`: a rule on the host's attribute would restyle the
   * whole shadow tree in the frame that shows the busy state.
   */
  #renderStatus(): TemplateResult {
    const { state, result, error } = this.ceremony;
    let content: TemplateResult | typeof nothing = nothing;
    if (state === 'busy') content = html`<span>${this.progressText()}</span>`;
    else if (state === 'success') content = html`${successIcon}<span>${this.successText(result as R)}</span>`;
    else if (state === 'error' && error && error.code !== 'cancelled') {
      content = html`${errorIcon}<span>${this.localize.t(errorMessageKey({ code: error.code, status: error.status }))}</span>`;
    }
    return html`<p part="message" role="status" data-tone=${state}>${content}</p>`;
  }
}
