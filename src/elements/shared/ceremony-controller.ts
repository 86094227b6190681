import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PasskeyError, type PasskeyErrorCode } from '../../client/index.ts';
import { PasskeyErrorEvent } from './events.ts';

export const CEREMONY_STATES = ['idle', 'busy', 'success', 'error'] as const;
export type CeremonyState = (typeof CEREMONY_STATES)[number];

/** Background failures that only mean it is unavailable (no conditional mediation) or gave way to another ceremony. */
const UNUSED_BACKGROUND = new Set<PasskeyErrorCode>(['aborted', 'cancelled', 'not-supported']);

/** How long a ceremony runs before its spinner turns. */
const STILL_MS = 300;

/** A ceremony to run: it must stop and reject when `signal` aborts. */
export type Ceremony<R> = (signal: AbortSignal) => Promise<R>;

/**
 * The ceremony state of one element: `idle` → `busy` → `success` | `error`, mirrored on the host's `state`
 * attribute for CSS. One ceremony runs at a time; a ceremony waiting in the background (autofill) does not
 * make the element busy and gives way to a foreground one. Leaving the page aborts both.
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
  turning: boolean | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #successEvent: (result: R) => Event;
  #foreground: AbortController | undefined;
  #background: AbortController | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, successEvent: (result: R) => Event) {
    this.#host = host;
    this.#successEvent = successEvent;
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
   * Runs a ceremony unless one is already running. Resolves once the outcome is rendered; never rejects:
   * the outcome goes to `state` and events.
   */
  async run(ceremony: Ceremony<R>): Promise<void> {
    if (this.busy) return;
    this.stopBackground();
    const controller = new AbortController();
    this.#foreground = controller;
    this.error = undefined;
    // Start the ceremony first: its first request goes out before the busy state renders.
    const outcome = ceremony(controller.signal);
    this.#set('busy');
    const still = setTimeout(() => {
      this.turning = true;
      this.#host.requestUpdate();
    }, STILL_MS);
    try {
      this.#succeed(await outcome);
    } catch (error) {
      // Aborted by us (the element left the page): nobody is waiting for an answer.
      if (controller.signal.aborted) this.#set('idle');
      else this.#fail(toPasskeyError(error));
    } finally {
      clearTimeout(still);
      this.turning = false;
      if (this.#foreground === controller) this.#foreground = undefined;
    }
    await this.#host.updateComplete;
  }

  /**
   * Keeps a ceremony waiting in the background, such as autofill, which only answers once the person picks
   * a passkey. Until then its failures are no news to the person: the page hears of them through
   * `passkey-error`, except those that only mean autofill is unavailable or went unused. Once the person
   * has picked a passkey (the verify phase), failures show like any other.
   */
  runInBackground(ceremony: Ceremony<R>): void {
    this.stopBackground();
    const controller = new AbortController();
    this.#background = controller;
    ceremony(controller.signal).then(
      (result) => this.#succeed(result),
      (error: unknown) => {
        const failure = toPasskeyError(error);
        if (controller.signal.aborted || UNUSED_BACKGROUND.has(failure.code)) return;
        if (failure.phase === 'verify') this.#fail(failure);
        else this.#host.dispatchEvent(new PasskeyErrorEvent(failure.toDetail()));
      },
    ).finally(() => {
      if (this.#background === controller) this.#background = undefined;
    });
  }

  /** Back to idle, forgetting the last outcome, when what it was about is gone. Not while a ceremony runs. */
  reset(): void {
    if (this.busy) return;
    this.result = undefined;
    this.error = undefined;
    this.#set('idle');
  }

  stopBackground(): void {
    this.#background?.abort(new DOMException('Autofill gave way', 'AbortError'));
    this.#background = undefined;
  }

  #succeed(result: R): void {
    this.result = result;
    this.error = undefined;
    this.#set('success');
    this.#host.dispatchEvent(this.#successEvent(result));
  }

  /** A dismissed prompt is the person's choice, not a failure to report on screen: back to idle, quietly. */
  #fail(error: PasskeyError): void {
    this.error = error.code === 'cancelled' ? undefined : error;
    this.#set(this.error ? 'error' : 'idle');
    this.#host.dispatchEvent(new PasskeyErrorEvent(error.toDetail()));
  }

  #set(state: CeremonyState): void {
    this.state = state;
    this.#host.setAttribute('state', state);
    this.#host.requestUpdate();
  }
}

/** The client only throws PasskeyErrors; anything else is a bug somewhere, still reported with a code. */
function toPasskeyError(error: unknown): PasskeyError {
  if (error instanceof PasskeyError) return error;
  return new PasskeyError('unknown', error instanceof Error ? error.message : String(error), { phase: 'ceremony', cause: error });
}
