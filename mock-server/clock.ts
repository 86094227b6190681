/** A clock the mock's server reads instead of `Date.now()`, so tests can jump past an expiry. */
export class MockClock {
  readonly #base: () => number;
  #offset = 0;

  /** `base`: the time it runs from (default `Date.now`). */
  constructor(base: () => number = Date.now) {
    this.#base = base;
  }

  /** Milliseconds since the epoch, moved on by every `advance()`. */
  now(): number {
    return this.#base() + this.#offset;
  }

  /** Moves the mock's time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#offset += ms;
  }

  reset(): void {
    this.#offset = 0;
  }
}
