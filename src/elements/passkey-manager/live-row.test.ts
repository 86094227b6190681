import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { liveRow, RowChanges } from './live-row.ts';

describe('liveRow', () => {
  it('renders its row again on changed(id), that row alone, and lets go of a row repeat removed', () => {
    const changes = new RowChanges();
    const state = new Map([
      ['a', 'idle'],
      ['b', 'idle'],
    ]);
    const renders: string[] = [];
    const list = (ids: string[]) =>
      html`${repeat(ids, (id) => id, (id) => html`${liveRow(changes, id, () => (renders.push(id), html`<p id=${id}>${state.get(id)}</p>`))}`)}`;
    const container = document.createElement('div');
    render(list(['a', 'b']), container);
    renders.length = 0;

    state.set('a', 'editing');
    changes.changed('a');
    expect([container.querySelector('#a')!.textContent, container.querySelector('#b')!.textContent]).to.deep.equal(['editing', 'idle']);
    expect(renders).to.deep.equal(['a']);

    // Gone from the list: a change to it renders nothing (and throws nothing).
    render(list(['b']), container);
    renders.length = 0;
    changes.changed('a');
    expect(renders).to.deep.equal([]);

    // Back in the list, as a new row: that one renders again.
    render(list(['a', 'b']), container);
    renders.length = 0;
    state.set('a', 'confirming');
    changes.changed('a');
    expect([renders, container.querySelector('#a')!.textContent]).to.deep.equal([['a'], 'confirming']);
  });
});
