import { html, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { errorIcon, passkeyIcon, spinnerIcon, successIcon } from './icons.ts';

/** What a message says about the work it reports on; also its `data-tone`, which colours it (form.styles.ts). */
export type Tone = 'idle' | 'busy' | 'success' | 'error';

export interface ButtonOptions {
  /** The visible text, which is also the accessible name. */
  label: string;
  /** Part names besides `button`, e.g. `add-button`. */
  parts?: string;
  id?: string;
  /** `submit` (the default) submits the form it is in; Enter in one of its fields does too. */
  type?: 'submit' | 'button';
  /** While the work it started runs: a spinner instead of the icon, `aria-busy`, and a second press is ignored. */
  busy?: boolean;
  /** Busy for more than a moment: the spinner turns (see `CeremonyController.turning`). */
  turning?: boolean;
  /** The element is `disabled`: the button is too. */
  disabled?: boolean;
  /** The icon beside the label when not busy. Default: the passkey glyph; `nothing` for none. */
  icon?: SVGTemplateResult | typeof nothing;
  describedBy?: string | undefined;
  /** Called with the host as `this` (Lit binds listeners to the element that renders them). */
  onClick?: ((event: MouseEvent) => void) | undefined;
}

/**
 * The kit's main button: the passkey icon, or a spinner while busy, and a label (parts `button`, `icon` or `spinner`,
 * `button-label`). While busy it stays focusable (`aria-disabled`, not `disabled`), so a keyboard or screen reader
 * user keeps their place; whoever runs the work ignores a second press.
 */
export function button(options: ButtonOptions): TemplateResult {
  const { label, busy = false, turning = true, icon = passkeyIcon } = options;
  return html`<button part=${options.parts ? `button ${options.parts}` : 'button'} id=${options.id ?? nothing} type=${options.type ?? 'submit'}
    ?disabled=${Boolean(options.disabled)} aria-disabled=${busy || nothing} aria-busy=${busy || nothing}
    aria-describedby=${options.describedBy ?? nothing} ?data-still=${busy && !turning} @click=${options.onClick}
    >${busy ? spinnerIcon : icon}<span part="button-label">${label}</span></button>`;
}

/**
 * The polite live region of a piece of work (part `message`, `role="status"`): what it says, with a success or error
 * icon (`message-icon`) by its tone. Keep it rendered while empty: a region added along with its text may not be
 * announced. Its colour follows its own `data-tone`, not the host's `state` attribute: a rule on the host would
 * restyle the whole shadow tree in the frame that shows the busy state.
 */
export function statusMessage(tone: Tone, content: unknown, id?: string): TemplateResult {
  const icon = content === nothing || content === '' ? nothing : tone === 'success' ? successIcon : tone === 'error' ? errorIcon : nothing;
  return html`<p part="message" id=${id ?? nothing} role="status" data-tone=${tone}>${icon}${content === nothing || content === '' ? nothing : html`<span>${content}</span>`}</p>`;
}

/**
 * `template` ("Signed in as {username}.") with each `{name}` filled from `values` inside a `<bdi>`: a value a person
 * or a server chose (a username, a passkey's name) keeps its own direction inside the sentence, so an Arabic name in
 * English, or a phone number in Arabic, does not reorder the text around it. A placeholder without a value stays.
 */
export function isolate(template: string, values: Record<string, string>): unknown[] {
  return template
    .split(/\{(\w+)\}/)
    .map((part, index) => (index % 2 === 0 ? part : Object.hasOwn(values, part) ? html`<bdi>${values[part]}</bdi>` : `{${part}}`));
}
