import { render } from 'lit';

function newRow(): HTMLLIElement {
  const li = document.createElement('li');
  li.setAttribute('part', 'row');
  return li;
}

interface Row<T> {
  item: T;
  /** A short, stable number for element ids: credential ids may hold any character. */
  key: number;
  li: HTMLLIElement;
}

/**
 * One `<li>` per item of a list, keyed by id, each rendered on its own with lit-html's `render()`: a list element
 * renders the `<ul>` once and leaves its children to this, so changing one row of 1,000 costs what it costs with 10.
 */
export class KeyedRows<T extends { id: string }> {
  readonly #rows = new Map<string, Row<T>>();
  readonly #renderRow: (item: T, key: number, li: HTMLLIElement) => unknown;
  #list: Element | undefined;
  #nextKey = 0;

  /** `renderRow` returns the content of a row, and may set attributes of its `<li>`. */
  constructor(renderRow: (item: T, key: number, li: HTMLLIElement) => unknown) {
    this.#renderRow = renderRow;
  }

  /** Makes `list` hold one rendered row per item, in order: reuses the rows of known ids, drops the others. */
  sync(list: Element, items: readonly T[]): void {
    if (list !== this.#list) this.#rows.clear();
    this.#list = list;
    const listed = new Set(items.map((item) => item.id));
    for (const id of this.#rows.keys()) if (!listed.has(id)) this.remove(id);
    // Moving a row takes focus out of it: give it back.
    const root = list.getRootNode() as ShadowRoot | Document;
    const focused = root.activeElement as HTMLElement | null;
    let next = list.firstElementChild;
    for (const item of items) {
      let row = this.#rows.get(item.id);
      if (row) row.item = item;
      else this.#rows.set(item.id, (row = { item, key: this.#nextKey++, li: newRow() }));
      this.#render(row);
      if (row.li === next) next = next.nextElementSibling;
      else list.insertBefore(row.li, next);
    }
    if (focused?.isConnected && root.activeElement !== focused) focused.focus();
  }

  /** Renders the row of `id` again, if it is listed. */
  update(id: string): void {
    const row = this.#rows.get(id);
    if (row) this.#render(row);
  }

  /** Takes the row of `id` out of the list. */
  remove(id: string): void {
    this.#rows.get(id)?.li.remove();
    this.#rows.delete(id);
  }

  key(id: string): number | undefined {
    return this.#rows.get(id)?.key;
  }

  /** The `<li>` of `id`, while it is listed. */
  element(id: string): HTMLLIElement | undefined {
    return this.#rows.get(id)?.li;
  }

  #render(row: Row<T>): void {
    render(this.#renderRow(row.item, row.key, row.li), row.li);
  }
}
