/**
 * `npm run bench:size`: what a page downloads for the script-tag bundles, minified, gzipped (zlib level 9) and
 * brotli'd (quality 11), against the budgets and against the floor: lit and @simplewebauthn/browser alone, bundled
 * the same way from a tiny entry that imports what the kit imports from them. Then where the bytes go, by area.
 * Builds in memory with scripts/bundle.ts (exactly what `npm run build` writes to dist/cdn/); writes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify, parseSync, type Plugin, type Rolldown } from 'vite';
import { bundle, root } from '../scripts/bundle.ts';
import { printTable } from './report.ts';

const KB = 1000;
const FLOOR_ID = 'virtual:floor';

const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
const brotli = (code: string) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;

/** `export { html, LitElement } from 'lit'; …`: every value the kit's sources import from lit and @simplewebauthn/browser. */
function floorEntry(): string {
  const imported = new Map<string, Set<string>>();
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('types'),
  );
  for (const file of sources) {
    const { module } = parseSync(file, readFileSync(join(root, 'src', file), 'utf8'));
    for (const statement of module.staticImports) {
      const from = statement.moduleRequest.value;
      if (!/^(lit|@lit\/|@simplewebauthn\/browser)/.test(from)) continue;
      for (const entry of statement.entries) {
        if (entry.isType || entry.importName.kind !== 'Name') continue;
        imported.set(from, (imported.get(from) ?? new Set()).add(entry.importName.name!));
      }
    }
  }
  return [...imported].map(([from, names]) => `export { ${[...names].sort().join(', ')} } from '${from}';`).join('\n');
}

const floorPlugin = (code: string): Plugin => ({
  name: 'size:floor',
  resolveId: (id) => (id.endsWith(FLOOR_ID) ? `\0${FLOOR_ID}` : undefined), // vite makes the entry absolute
  load: (id) => (id === `\0${FLOOR_ID}` ? code : undefined),
});

/** One bundle, built as scripts/build.ts builds dist/cdn/, in memory. */
const entryChunk = (entry: string, plugins: Plugin[] = []) => bundle({ entry, fileName: 'bundle.js', plugins });

/** Which part of the kit, or which dependency, a module of the bundle belongs to. */
function area(id: string): string {
  const path = relative(root, id);
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (dependency) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(dependency) ? 'lit' : dependency;
  if (path.startsWith('src/elements/')) return `src/elements/${path.split('/')[2]}`;
  return path.split('/').slice(0, 2).join('/');
}

/** Minified size of each area (modules minified one by one) and gzip of the area's code on its own. */
async function byArea(chunk: Rolldown.OutputChunk): Promise<Record<string, string | number>[]> {
  const areas = new Map<string, string[]>();
  for (const [id, module] of Object.entries(chunk.modules)) {
    if (!module.code) continue;
    const minified = await minify(id, module.code, { compress: true, mangle: { toplevel: false }, module: false });
    areas.set(area(id), [...(areas.get(area(id)) ?? []), minified.code]);
  }
  const total = [...areas.values()].flat().join('').length;
  return [...areas]
    .map(([name, codes]) => ({ name, min: codes.join('').length, gz: gzip(codes.join('\n')) }))
    .sort((a, b) => b.min - a.min)
    .map(({ name, min, gz }) => ({ area: name, minified: kb(min), 'gzip (alone)': kb(gz), share: `${((min / total) * 100).toFixed(0)} %` }));
}

const floor = await entryChunk(FLOOR_ID, [floorPlugin(floorEntry())]);
const bundles = [
  { name: 'all elements (dist/cdn/passkey-elements.js)', ...(await entryChunk('src/index.ts')), budget: 15 * KB },
  { name: '<passkey-login> alone (dist/cdn/passkey-login.js)', ...(await entryChunk('src/elements/passkey-login/define.ts')), budget: 11 * KB },
  { name: 'floor: lit + @simplewebauthn/browser', ...floor, budget: undefined },
];
const floorGzip = gzip(floor.entry.code);

printTable(
  `Script-tag bundles: the entry file a page loads (1 KB = ${KB} B)`,
  bundles.map(({ name, entry, lazy, budget }) => {
    const gz = gzip(entry.code);
    return {
      bundle: name,
      minified: kb(entry.code.length),
      'gzip -9': kb(gz),
      brotli: kb(brotli(entry.code)),
      'budget (gzip)': budget ? `${kb(budget)} ${gz <= budget ? 'ok' : `over by ${kb(gz - budget)}`}` : '',
      '× floor (gzip)': (gz / floorGzip).toFixed(2),
      'lazy chunks (gzip each)': lazy.map((chunk) => `${chunk.name} ${kb(gzip(chunk.code))}`).join(', '),
    };
  }),
);

for (const { name, entry } of bundles.slice(0, 2)) printTable(`Where the bytes of ${name} go`, await byArea(entry));
