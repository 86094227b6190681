/** A clock the mock reads instead of `Date.now()`, so tests can jump past an expiry. */
export class MockClock {
  #offset = 0;

  now(): number {
    return Date.now() + this.#offset;
  }

  /** Moves the mock's time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#offset += ms;
  }

  reset(): void {
    this.#offset = 0;
  }
}
