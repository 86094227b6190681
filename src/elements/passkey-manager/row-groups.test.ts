import { expect } from '@open-wc/testing';
import { groupSize, RowGroups, type Group } from './row-groups.ts';

interface Item {
  id: string;
  name?: string;
}

/** The size of a group in every list of these tests: they hold fewer than 100 items. */
const GROUP_SIZE = groupSize(99);
const items = (from: number, to: number): Item[] => Array.from({ length: to - from }, (_, i) => ({ id: `id-${from + i}` }));
/** Each group as its key and its items' ids. */
const shape = (groups: readonly Group<Item>[]) => groups.map(({ key, items }) => [key, items.map(({ id }) => id)] as const);
const ids = (groups: readonly Group<Item>[]) => groups.flatMap(({ items }) => items.map(({ id }) => id));

describe('RowGroups', () => {
  it('makes groups of about the square root of the list’s length, at least 10', () => {
    expect([1, 10, 99, 100, 400, 1000, 10_000].map(groupSize)).to.deep.equal([10, 10, 10, 10, 20, 32, 100]);
  });

  it('splits a list into groups of GROUP_SIZE, in order', () => {
    const list = items(0, GROUP_SIZE * 2 + 5);
    const groups = new RowGroups<Item>(({ id }) => id).split(list);
    expect(groups.map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, GROUP_SIZE, 5]);
    expect(ids(groups)).to.deep.equal(list.map(({ id }) => id));
    expect(new Set(groups.map(({ key }) => key)).size, 'distinct keys').to.equal(3);
    const thousand = new RowGroups<Item>(({ id }) => id).split(items(0, 1000)).map(({ items }) => items.length);
    expect(thousand).to.deep.equal([...Array<number>(31).fill(32), 8]);
  });

  it('keeps every item in its group through a rename, a delete and an addition, and the unchanged groups as they were', () => {
    const split = new RowGroups<Item>(({ id }) => id);
    const list = items(0, GROUP_SIZE * 3);
    const before = split.split(list);

    const renamed = list.map((item, i) => (i === 5 ? { ...item, name: 'Laptop' } : item));
    const afterRename = split.split(renamed);
    expect(shape(afterRename)).to.deep.equal(shape(before));
    expect(afterRename[0]!.items, 'the renamed item’s group holds the new item').to.not.equal(before[0]!.items);
    expect([afterRename[1]!.items, afterRename[2]!.items], 'the other groups are the same arrays').to.deep.equal([before[1]!.items, before[2]!.items]);
    expect(afterRename[1]!.items === before[1]!.items).to.equal(true);

    // The first item of the second group goes: the rest of that group stays in it, nothing moves up into the first.
    const deleted = renamed.filter((_, i) => i !== GROUP_SIZE);
    const afterDelete = split.split(deleted);
    expect(afterDelete.map(({ key }) => key)).to.deep.equal(before.map(({ key }) => key));
    expect(afterDelete.map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, GROUP_SIZE - 1, GROUP_SIZE]);
    expect(afterDelete[0]!.items === afterRename[0]!.items && afterDelete[2]!.items === afterRename[2]!.items, 'the other groups are untouched').to.equal(true);

    // A new item joins the group before it; at the start of the list, where none is before it, a group of its own.
    const added = [{ id: 'first' }, ...deleted.slice(0, 5), { id: 'new' }, ...deleted.slice(5)];
    const afterAdd = split.split(added);
    expect(ids(afterAdd)).to.deep.equal(added.map(({ id }) => id));
    expect(afterAdd.slice(1).map(({ key }) => key), 'the groups that were').to.deep.equal(before.map(({ key }) => key));
    expect(afterAdd[0]!.items.map(({ id }) => id)).to.deep.equal(['first']);
    expect(afterAdd[1]!.items).to.have.length(GROUP_SIZE + 1);

    // Another one after the GROUP_SIZE-th item of that group, which is full by then: it still joins, as the item after
    // it is of that group too.
    const again = [...added.slice(0, 1 + GROUP_SIZE), { id: 'newer' }, ...added.slice(1 + GROUP_SIZE)];
    const afterAgain = split.split(again);
    expect(ids(afterAgain)).to.deep.equal(again.map(({ id }) => id));
    expect(afterAgain.map(({ key }) => key)).to.deep.equal(afterAdd.map(({ key }) => key));
    expect(afterAgain[1]!.items).to.have.length(GROUP_SIZE + 2);
  });

  it('puts an item the list moved away from its group into the group it now sits in, and keeps the list’s order', () => {
    const split = new RowGroups<Item>(({ id }) => id);
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

  it('forgets items that left the list, once it has seen twice as many as the list holds', () => {
    const split = new RowGroups<Item>(({ id }) => id);
    split.split(items(0, 10));
    expect(split.groupOf('id-0')).to.be.a('number');
    // A hostile server may send new ids on every load: what is kept stays bounded by the list.
    for (let load = 1; load <= 10; load++) split.split(items(load * 10, load * 10 + 10));
    expect(split.groupOf('id-0')).to.equal(undefined);
    expect(split.groupOf('id-105')).to.be.a('number');
  });

  it('gives the same groups for the same list, and starts a new group after a full one', () => {
    const split = new RowGroups<Item>(({ id }) => id);
    const list = items(0, GROUP_SIZE);
    const groups = split.split(list);
    expect(split.split(list)).to.equal(groups);
    const longer = [...list, ...items(GROUP_SIZE, GROUP_SIZE + 2)];
    expect(split.split(longer).map(({ items }) => items.length)).to.deep.equal([GROUP_SIZE, 2]);
    expect(split.split(longer)[0]!.items === groups[0]!.items, 'the full group is unchanged').to.equal(true);
  });
});
