/** A run of consecutive items that stays one element (`key`) from render to render. */
export interface Group<T> {
  key: number;
  items: T[];
}

/**
 * Splits a list into groups of about √n consecutive items (at least 10) that keep their members from one version of
 * the list to the next, so that a row is never made again through renames, deletes and additions elsewhere. Chromium
 * lays a block out again by walking every child of it, and Lit compares every item of a list: a change in one row of
 * 1,000 in a flat list walks 1,000 rows, and in groups, the groups and the rows of one group. A new item joins the
 * group before it, or starts one when that is full; so does an item the list moved away from the rest of its group.
 */
export class RowGroups<T extends { id: string }> {
  /** The group of each item seen: kept for an item that leaves, like the element's ids for it. */
  readonly #groupOf = new Map<string, number>();
  #next = 0;
  #items: readonly T[] = [];
  #groups: Group<T>[] = [];

  /** The groups of `items`, in order; the same array as last time for the same list. */
  split(items: readonly T[]): Group<T>[] {
    if (items === this.#items) return this.#groups;
    const size = Math.max(10, Math.sqrt(items.length));
    const groups: Group<T>[] = [];
    let current: Group<T> | undefined;
    for (const item of items) {
      let key = this.#groupOf.get(item.id);
      if (key === undefined || (key !== current?.key && groups.some((group) => group.key === key))) key = current && current.items.length < size ? current.key : this.#next++;
      if (key !== current?.key) groups.push((current = { key, items: [] }));
      current.items.push(item);
      this.#groupOf.set(item.id, key);
    }
    this.#items = items;
    return (this.#groups = groups);
  }
}
