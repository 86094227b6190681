import { expect } from '@open-wc/testing';
import { RowGroups, type Group } from './row-groups.ts';

interface Item {
  id: string;
  name?: string;
}

/** The size of a group in every list of these tests but one: they hold at most 100 items. */
const GROUP_SIZE = 10;
const items = (from: number, to: number): Item[] => Array.from({ length: to - from }, (_, i) => ({ id: `id-${from + i}` }));
/** Each group as its key and its items' ids. */
const shape = (groups: readonly Group<Item>[]) => groups.map(({ key, items }) => [key, items.map(({ id }) => id)] as const);
const ids = (groups: readonly Group<Item>[]) => groups.flatMap(({ items }) => items.map(({ id }) => id));

describe('RowGroups', () => {
  it('splits a list into groups of about √n items, at least 10, in order', () => {
    const list = items(0, GROUP_SIZE * 2 + 5);
    const groups = new RowGroups<Item>().split(list);
    expect(groups.map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, GROUP_SIZE, 5]);
    expect(ids(groups)).to.deep.equal(list.map(({ id }) => id));
    expect(new Set(groups.map(({ key }) => key)).size, 'distinct keys').to.equal(3);
    const thousand = new RowGroups<Item>().split(items(0, 1000)).map(({ items }) => items.length);
    expect(thousand).to.deep.equal([...Array<number>(31).fill(32), 8]);
  });

  it('keeps every item in its group through a rename, a delete and an addition, and the unchanged groups as they were', () => {
    const split = new RowGroups<Item>();
    const list = items(0, GROUP_SIZE * 3);
    const before = split.split(list);

    const renamed = list.map((item, i) => (i === 5 ? { ...item, name: 'Laptop' } : item));
    const afterRename = split.split(renamed);
    expect(shape(afterRename)).to.deep.equal(shape(before));
    expect(afterRename[0]!.items[5], 'the renamed item’s group holds the new item').to.equal(renamed[5]);

    // The first item of the second group goes: the rest of that group stays in it, nothing moves up into the first.
    const deleted = renamed.filter((_, i) => i !== GROUP_SIZE);
    const afterDelete = split.split(deleted);
    expect(afterDelete.map(({ key }) => key)).to.deep.equal(before.map(({ key }) => key));
    expect(afterDelete.map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, GROUP_SIZE - 1, GROUP_SIZE]);
    expect([afterDelete[0]!.items, afterDelete[2]!.items], 'the other groups hold what they held').to.deep.equal([afterRename[0]!.items, afterRename[2]!.items]);

    // A new item joins the group before it; at the start of the list, where none is before it, a group of its own.
    const added = [{ id: 'first' }, ...deleted.slice(0, 5), { id: 'new' }, ...deleted.slice(5)];
    const afterAdd = split.split(added);
    expect(ids(afterAdd)).to.deep.equal(added.map(({ id }) => id));
    expect(afterAdd.slice(1).map(({ key }) => key), 'the groups that were').to.deep.equal(before.map(({ key }) => key));
    expect(afterAdd[0]!.items.map(({ id }) => id)).to.deep.equal(['first']);
    expect(afterAdd[1]!.items).to.have.length(GROUP_SIZE + 1);
  });

  it('puts an item the list moved away from its group into the group it now sits in, and keeps the list’s order', () => {
    const split = new RowGroups<Item>();
    const list = items(0, GROUP_SIZE * 2);
    const before = split.split(list);
    const moved = list[3]!;
    const reordered = list.filter((item) => item !== moved);
    reordered.splice(GROUP_SIZE + 5, 0, moved);
    const after = split.split(reordered);
    expect(ids(after)).to.deep.equal(reordered.map(({ id }) => id));
    expect(after.map(({ key }) => key)).to.deep.equal(before.map(({ key }) => key));
    expect(after[1]!.items.includes(moved)).to.equal(true);
    expect(after.map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE - 1, GROUP_SIZE + 1]);
  });

  it('gives the same groups for the same list, and starts a new group after a full one', () => {
    const split = new RowGroups<Item>();
    const list = items(0, GROUP_SIZE);
    const groups = split.split(list);
    expect(split.split(list)).to.equal(groups);
    const longer = [...list, ...items(GROUP_SIZE, GROUP_SIZE + 2)];
    expect(split.split(longer).map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, 2]);
    expect(split.split(longer).map(({ key }) => key)[0], 'the full group is the same group').to.equal(groups[0]!.key);
  });
});
