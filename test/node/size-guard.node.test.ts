/**
 * The size guard: what a page downloads up front for the script-tag files of dist/cdn/, chunks included, each file
 * gzipped on its own, within issue 12's goals. Built in memory exactly as `npm run build` writes them
 * (scripts/bundle.ts); `npm run bench:size` prints the same figures with the rest.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { KB, measureCdn, SIZE_GOALS, type EntrySize } from '../../bench/size.ts';

let sizes: EntrySize[];
const sizeOf = (entry: EntrySize['entry']) => sizes.find((size) => size.entry === entry)!;
const describeFiles = (size: EntrySize) => size.files.map((chunk) => chunk.fileName).join(', ');
const isLit = (id: string) => /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(id);

before(async () => {
  ({ sizes } = await measureCdn());
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
  const elementFiles = ['passkey-register', 'passkey-login', 'passkey-manager', 'passkey-recovery'] as const;

  test('the element files hold each lit module once, and lit itself in the chunk they all load: two elements on a page download it once', () => {
    const homes = new Map<string, string[]>();
    for (const chunk of new Set(elementFiles.flatMap((entry) => sizeOf(entry).files))) {
      for (const id of Object.keys(chunk.modules).filter(isLit)) homes.set(id, [...(homes.get(id) ?? []), chunk.fileName]);
    }
    for (const [id, files] of homes) assert.equal(files.length, 1, `${id} is in ${files.join(', ')}`);
    const litHtml = [...homes].find(([id]) => id.endsWith('/lit-html/lit-html.js'))?.[1][0];
    assert.ok(litHtml, 'no element file loads lit-html');
    for (const entry of elementFiles) assert.ok(sizeOf(entry).files.some((chunk) => chunk.fileName === litHtml), `${entry}.js does not load ${litHtml}`);
  });

  test('the whole kit is one file: a page that loads it uses every element, and a second file would only cost more', () => {
    assert.deepEqual(sizeOf('passkey-elements').files.map((chunk) => chunk.fileName), ['passkey-elements.js']);
  });

  test('the autoloader loads no element and no lit until a tag appears', () => {
    const autoloader = sizeOf('autoloader');
    const modules = autoloader.files.flatMap((chunk) => Object.keys(chunk.modules));
    assert.deepEqual(modules.filter((id) => isLit(id) || /src\/(client|elements\/passkey-)/.test(id)), []);
  });
});
