import { AsyncDirective, directive, type DirectiveResult } from 'lit/async-directive.js';

/**
 * Renders a row again on its own when what it shows changed, as Lit's signals integration does: opening an editor,
 * typing, or a request on its way renders that row alone, without a render of the element walking the list.
 */
export class RowChanges {
  readonly #rows = new Map<string, Set<LiveRow>>();

  /** The row of `id` shows something else now: it renders again, where it is on screen. */
  changed(id: string): void {
    for (const row of this.#rows.get(id) ?? []) row.renderAgain();
  }

  /** @internal */
  attach(id: string, row: LiveRow): void {
    const rows = this.#rows.get(id) ?? new Set<LiveRow>();
    this.#rows.set(id, rows.add(row));
  }

  /** @internal */
  detach(id: string, row: LiveRow): void {
    const rows = this.#rows.get(id);
    rows?.delete(row);
    if (rows?.size === 0) this.#rows.delete(id);
  }
}

class LiveRow extends AsyncDirective {
  #changes: RowChanges | undefined;
  #id = '';
  #view: () => unknown = () => undefined;

  render(changes: RowChanges, id: string, view: () => unknown): unknown {
    if (changes !== this.#changes || id !== this.#id) {
      this.#changes?.detach(this.#id, this);
      [this.#changes, this.#id] = [changes, id];
      if (this.isConnected) changes.attach(id, this);
    }
    this.#view = view;
    return view();
  }

  renderAgain(): void {
    this.setValue(this.#view());
  }

  protected override disconnected(): void {
    this.#changes?.detach(this.#id, this);
  }

  protected override reconnected(): void {
    this.#changes?.attach(this.#id, this);
  }
}

/**
 * The row that `view` renders, which renders again whenever `changes.changed(id)` is called; `view` reads the row's
 * state when it runs.
 */
export const liveRow: (changes: RowChanges, id: string, view: () => unknown) => DirectiveResult<typeof LiveRow> = directive(LiveRow);
