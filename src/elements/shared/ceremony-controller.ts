import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PasskeyError, PasskeyErrorCode } from '../../client/index.ts';
import { toPasskeyError } from './errors.ts';

export const CEREMONY_STATES = ['idle', 'busy', 'success', 'error'] as const;
export type CeremonyState = (typeof CEREMONY_STATES)[number];

/** Background failures that only mean it is unavailable (no conditional mediation) or gave way to another ceremony. */
const UNUSED_BACKGROUND = new Set<PasskeyErrorCode>(['aborted', 'cancelled', 'not-supported']);

/**
 * How long a ceremony runs before it shows as busy (spinner, `aria-busy`, a read-only field). An answer within it
 * reads as immediate, so a busy state would only flash by, and its frame would take the main thread from the
 * ceremony while the browser and the server answer. The `state` attribute says `busy` at once.
 */
const SHOWN_MS = 100;
/** How long a ceremony runs before its spinner turns. */
const STILL_MS = 300;

/** A ceremony to run: it must stop and reject when `signal` aborts. */
export type Ceremony<R> = (signal: AbortSignal) => Promise<R>;

/** How a ceremony ended, for the element to tell the page: what it resolved with, or why it failed. */
export type Outcome<R> = { result: R; error?: undefined } | { error: PasskeyError; result?: undefined };

/**
 * The ceremony state of one element: `idle` → `busy` → `success` | `error`, mirrored on the host's `state`
 * attribute for CSS. One ceremony runs at a time; a ceremony waiting in the background (autofill) does not make the
 * element busy. Which ceremony may use the browser is the client's page-wide turn (`ClientCore.ceremony`): a
 * foreground ceremony takes it from a background one. This controller only cancels its own, when the element leaves
 * the page or is reset. It returns each outcome; the element tells the page.
 */
export class CeremonyController<R> implements ReactiveController {
  state: CeremonyState = 'idle';
  /** What the last successful ceremony resolved with. */
  result: R | undefined;
  /** Why the last ceremony failed, while `state` is `error`. */
  error: PasskeyError | undefined;
  /**
   * Busy for more than a moment: the spinner turns. Until then it stands still, since an animation, even one
   * waiting on a CSS delay, costs work in every frame, and a quick ceremony is over before anyone sees it turn.
   */
  turning = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  #foreground: AbortController | undefined;
  #background: AbortController | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get busy(): boolean {
    return this.state === 'busy';
  }

  hostConnected(): void {
    this.#host.setAttribute('state', this.state);
  }

  hostDisconnected(): void {
    this.#foreground?.abort(new DOMException('The element left the page', 'AbortError'));
    this.stopBackground();
  }

  /**
   * Runs a ceremony unless one is already running. Resolves with its outcome once the state says it; never rejects.
   * Undefined when it did not run or was cancelled by this controller. An outcome is not rendered until the element
   * has told the page (`PasskeyElement.report`), so the page hears it before the element spends time rendering.
   */
  async run(ceremony: Ceremony<R>): Promise<Outcome<R> | undefined> {
    if (this.busy) return undefined;
    const controller = (this.#foreground = new AbortController());
    this.error = undefined;
    const outcome = ceremony(controller.signal);
    this.#set('busy', false);
    const shown = setTimeout(() => this.#host.requestUpdate(), SHOWN_MS);
    const still = setTimeout(() => {
      this.turning = true;
      this.#host.requestUpdate();
    }, STILL_MS);
    try {
      const result = await outcome;
      // Reset while the answer was on its way: it is about what the reset forgot.
      return this.#foreground === controller ? this.#succeed(result) : undefined;
    } catch (error) {
      // Cancelled here (the element left the page, or was reset): nobody is waiting for an answer.
      if (!controller.signal.aborted) return this.#fail(toPasskeyError(error, 'ceremony'));
      if (this.#foreground === controller) this.#set('idle');
      return undefined;
    } finally {
      clearTimeout(shown);
      clearTimeout(still);
      if (this.#foreground === controller) {
        this.turning = false;
        this.#foreground = undefined;
      }
    }
  }

  /**
   * Keeps a ceremony waiting in the background, such as autofill, which only answers once the person picks a passkey.
   * Until then its failures are no news to the person: they come back as the outcome for the page to hear, without
   * changing the state, except those that only mean autofill is unavailable or went unused (undefined). Once the
   * person has picked a passkey (the verify phase), failures show like any other.
   */
  async runInBackground(ceremony: Ceremony<R>): Promise<Outcome<R> | undefined> {
    this.stopBackground();
    const controller = (this.#background = new AbortController());
    try {
      return this.#succeed(await ceremony(controller.signal));
    } catch (error) {
      const failure = toPasskeyError(error, 'ceremony');
      if (controller.signal.aborted || UNUSED_BACKGROUND.has(failure.code)) return undefined;
      return failure.phase === 'verify' ? this.#fail(failure) : { error: failure };
    } finally {
      if (this.#background === controller) this.#background = undefined;
    }
  }

  /**
   * Back to idle, forgetting the last outcome. A ceremony in the foreground is cancelled: it ends quietly, since what
   * it was about is gone. One waiting in the background (autofill) holds nothing of the person's and keeps waiting.
   */
  reset(): void {
    this.#foreground?.abort(new DOMException('The element was reset', 'AbortError'));
    this.#foreground = undefined;
    this.turning = false;
    this.result = undefined;
    this.error = undefined;
    this.#set('idle');
  }

  stopBackground(): void {
    this.#background?.abort(new DOMException('Autofill gave way', 'AbortError'));
    this.#background = undefined;
  }

  #succeed(result: R): Outcome<R> {
    this.result = result;
    this.error = undefined;
    this.#set('success', false);
    return { result };
  }

  /** A dismissed prompt is the person's choice, not a failure to report on screen: back to idle, quietly. */
  #fail(error: PasskeyError): Outcome<R> {
    this.error = error.code === 'cancelled' ? undefined : error;
    this.#set(this.error ? 'error' : 'idle', false);
    return { error };
  }

  /** `render: false` for the busy state, shown after SHOWN_MS, and for an outcome, rendered once the page is told. */
  #set(state: CeremonyState, render = true): void {
    this.state = state;
    this.#host.setAttribute('state', state);
    if (render) this.#host.requestUpdate();
  }
}
