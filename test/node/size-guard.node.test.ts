/**
 * The size guard: what a page downloads up front for the script-tag files of dist/cdn/, chunks included, each file
 * gzipped on its own, within issue 12's goals. Built in memory exactly as `npm run build` writes them
 * (scripts/bundle.ts); `npm run bench:size` prints the same figures with the rest.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Rolldown } from 'vite';
import { KB, measureCdn, SIZE_GOALS, type EntrySize } from '../../bench/size.ts';

let sizes: EntrySize[];
let chunks: Rolldown.OutputChunk[];
const sizeOf = (entry: EntrySize['entry']) => sizes.find((size) => size.entry === entry)!;
const describeFiles = (size: EntrySize) => size.files.map((chunk) => chunk.fileName).join(', ');
const isLit = (id: string) => /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id);

before(async () => {
  ({ sizes, chunks } = await measureCdn());
});

describe('dist/cdn/ within its size goals (gzip, chunks included)', () => {
  for (const [entry, goal] of Object.entries(SIZE_GOALS) as [EntrySize['entry'], number][]) {
    test(`${entry}.js: at most ${goal / KB} KB`, () => {
      const size = sizeOf(entry);
      assert.ok(size.gzip <= goal, `${entry}.js loads ${(size.gzip / KB).toFixed(2)} KB gzip (${describeFiles(size)}), over its ${goal / KB} KB goal`);
    });
  }
});

describe('dist/cdn/ shares its chunks', () => {
  test('lit is in one chunk, which every element file and the whole kit load: two elements on a page download it once', () => {
    const withLit = chunks.filter((chunk) => Object.keys(chunk.modules).some(isLit));
    assert.equal(withLit.length, 1, `lit is in ${withLit.map((chunk) => chunk.fileName).join(', ')}`);
    for (const size of sizes.filter((candidate) => candidate.entry !== 'autoloader')) {
      assert.ok(size.files.includes(withLit[0]!), `${size.entry}.js does not load ${withLit[0]!.fileName}`);
    }
  });

  test('the autoloader loads no element and no lit until a tag appears', () => {
    const autoloader = sizeOf('autoloader');
    const modules = autoloader.files.flatMap((chunk) => Object.keys(chunk.modules));
    assert.deepEqual(modules.filter((id) => isLit(id) || /src\/(client|elements\/passkey-)/.test(id)), []);
  });
});
