/**
 * Rows in a group when a list of `count` is split: about √count, at least 10. Chromium lays a block out again by walking
 * every child of it, so a change in one row of 1,000 in a flat list walks 1,000 rows, and a change in a group walks the
 * groups and the rows of one group: about 2√count. Lit, too, compares only the groups and the rows of the group that
 * changed.
 */
export function groupSize(count: number): number {
  return Math.max(10, Math.round(Math.sqrt(count)));
}

/** A run of consecutive items that stays one element (`key`) from render to render. */
export interface Group<T> {
  key: number;
  /** The same array as in the last split while the group holds the same items. */
  items: readonly T[];
}

/**
 * Splits a list into groups of consecutive items that keep their members from one version of the list to the next:
 * an item stays in its group through renames, deletes and additions elsewhere, so its row is never made again. A new
 * item joins the group before it, unless that one is full and ends there (then it starts one); so does an item the list
 * moved away from the rest of its group.
 */
export class RowGroups<T> {
  readonly #keyOf: (item: T) => string;
  /** The group of each item of the last list. */
  #groupOf = new Map<string, number>();
  #nextGroup = 0;
  #last: { items: readonly T[]; groups: Group<T>[] } | undefined;

  constructor(keyOf: (item: T) => string) {
    this.#keyOf = keyOf;
  }

  /** The group of the item keyed `id` in the last split. */
  groupOf(id: string): number | undefined {
    return this.#groupOf.get(id);
  }

  /** The groups of `items`, in order; the same array as last time for the same list. */
  split(items: readonly T[]): readonly Group<T>[] {
    if (this.#last?.items === items) return this.#last.groups;
    // Plain loops: this runs on every rename and delete, over every passkey.
    const groupOf = this.#groupOf;
    const count = items.length;
    const size = groupSize(count);
    const was = new Array<number | undefined>(count);
    for (let i = 0; i < count; i++) was[i] = groupOf.get(this.#keyOf(items[i]!));
    // The group of the next item that had one: an item put between two of a group joins it, whatever its size.
    const following = new Array<number | undefined>(count);
    for (let i = count - 1, next: number | undefined; i >= 0; i--) {
      following[i] = next;
      if (was[i] !== undefined) next = was[i];
    }
    const groups: { key: number; items: T[] }[] = [];
    const started = new Set<number>();
    let current: { key: number; items: T[] } | undefined;
    for (let i = 0; i < count; i++) {
      const item = items[i]!;
      const group = was[i];
      if (group !== undefined && group === current?.key) {
        current.items.push(item);
        continue;
      }
      if (group !== undefined && !started.has(group)) {
        current = { key: group, items: [item] };
      } else if (current && (current.items.length < size || following[i] === current.key)) {
        current.items.push(item);
      } else {
        current = { key: this.#nextGroup++, items: [item] };
      }
      if (current.items.length === 1) {
        groups.push(current);
        started.add(current.key);
      }
      groupOf.set(this.#keyOf(item), current.key);
    }
    // The map keeps the items that left the list until it holds twice as many as the list.
    if (groupOf.size > 2 * count + size) {
      this.#groupOf = new Map(groups.flatMap(({ key, items: members }) => members.map((item) => [this.#keyOf(item), key] as const)));
    }
    const before = new Map(this.#last?.groups.map((group) => [group.key, group.items]));
    const kept = groups.map(({ key, items: now }) => {
      const was = before.get(key);
      return { key, items: was?.length === now.length && was.every((item, i) => item === now[i]) ? was : now };
    });
    this.#last = { items, groups: kept };
    return kept;
  }
}
