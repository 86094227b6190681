/**
 * `npm run bench:size`: what a page downloads for each script-tag entry of dist/cdn/ — its file and every chunk it
 * imports statically, each gzipped on its own (zlib level 9) as a server sends it, and brotli'd (quality 11) —
 * against the goals, against Hanko Elements, and against the floor: lit alone, bundled the same way from a tiny entry
 * that imports what the kit's up-front code imports from it (@simplewebauthn/browser is left out: the kit loads it
 * only in browsers without WebAuthn's JSON methods). Then the chunks loaded on demand, and where the bytes go.
 * Builds in memory with scripts/bundle.ts (exactly what `npm run build` writes to dist/cdn/); writes nothing.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify, parseSync, type Plugin, type Rolldown } from 'vite';
import { bundle, bundleCdn, CDN_ENTRIES, loadedFor, root, type CdnEntry } from '../scripts/bundle.ts';
import { printTable } from './report.ts';

export const KB = 1000;

/** Issue 12's goals, gzip, for what a page loads, chunks included. The size guard (test/node/size-guard) holds them. */
export const SIZE_GOALS: Partial<Record<CdnEntry, number>> = {
  'passkey-elements': 22.5 * KB,
  'passkey-login': 14 * KB,
};

/**
 * The sizes of this release, which no change may grow (the size guard in `npm test` holds them), while the goals above
 * are missed: measured 25.39 KB and 16.22 KB on 2026-12-02, plus 0.2 KB; the whole kit's raised by 0.1 KB for
 * <passkey-manager>'s row groups (25.61 KB), which keep a rename or delete at 1,000 passkeys as cheap as at 10. Lower
 * them as the code shrinks; they are not the goals.
 */
export const SIZE_CEILINGS: Partial<Record<CdnEntry, number>> = {
  'passkey-elements': 25.7 * KB,
  'passkey-login': 16.4 * KB,
};

/** Hanko Elements' bundle, gzip: the figure issue 12 compares the kit with (quoted, not measured here). */
export const HANKO_ELEMENTS_GZIP = 46.5 * KB;

const LABELS: Record<CdnEntry, string> = {
  'passkey-elements': 'the whole kit (passkey-elements.js)',
  'passkey-register': '<passkey-register> (passkey-register.js)',
  'passkey-login': '<passkey-login> (passkey-login.js)',
  'passkey-manager': '<passkey-manager> (passkey-manager.js)',
  'passkey-recovery': '<passkey-recovery> (passkey-recovery.js)',
  autoloader: 'autoloader.js, before any tag loads',
};

const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
const brotli = (code: string) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;
const sum = (chunks: Rolldown.OutputChunk[], size: (code: string) => number) => chunks.reduce((total, chunk) => total + size(chunk.code), 0);

export interface EntrySize {
  entry: CdnEntry;
  /** The files a page downloads up front for it. */
  files: Rolldown.OutputChunk[];
  minified: number;
  gzip: number;
  brotli: number;
}

/** Builds dist/cdn/ in memory; the up-front download of each entry, and every chunk. */
export async function measureCdn(): Promise<{ sizes: EntrySize[]; chunks: Rolldown.OutputChunk[] }> {
  const chunks = await bundleCdn();
  const sizes = (Object.keys(CDN_ENTRIES) as CdnEntry[]).map((entry) => {
    const files = loadedFor(chunks, entry);
    return { entry, files, minified: sum(files, (code) => code.length), gzip: sum(files, gzip), brotli: sum(files, brotli) };
  });
  return { sizes, chunks };
}

const FLOOR_ID = 'virtual:floor';

/** `export { html, LitElement } from 'lit'; …`: every value that the kit's modules in `files` import from lit. */
function floorEntry(files: Rolldown.OutputChunk[]): string {
  const imported = new Map<string, Set<string>>();
  const sources = files.flatMap((chunk) => Object.keys(chunk.modules)).filter((id) => relative(root, id).startsWith('src/'));
  for (const id of sources) {
    for (const statement of parseSync(id, readFileSync(id, 'utf8')).module.staticImports) {
      const from = statement.moduleRequest.value;
      if (!/^(lit|@lit\/|lit-html|lit-element)/.test(from)) continue;
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

/** lit alone, as the whole kit loads it up front: one minified file, gzipped. */
async function floorGzip(kit: EntrySize): Promise<number> {
  const chunks = await bundle({ entries: { floor: FLOOR_ID }, plugins: [floorPlugin(floorEntry(kit.files))] });
  return sum(loadedFor(chunks, 'floor'), gzip);
}

/** Which part of the kit, or which dependency, a module belongs to. */
function area(id: string): string {
  const path = relative(root, id);
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (dependency) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(dependency) ? 'lit' : dependency;
  if (path.startsWith('src/elements/')) return `src/elements/${path.split('/')[2]}`;
  return path.split('/').slice(0, 2).join('/');
}

/** Minified size of each area (modules minified one by one) and gzip of the area's code on its own. */
async function byArea(files: Rolldown.OutputChunk[]): Promise<Record<string, string | number>[]> {
  const areas = new Map<string, string[]>();
  for (const [id, module] of files.flatMap((chunk) => Object.entries(chunk.modules))) {
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

const goalText = (entry: CdnEntry, gz: number) => {
  const goal = SIZE_GOALS[entry];
  return goal === undefined ? { goal: '', met: '' } : { goal: `≤ ${kb(goal)}`, met: gz <= goal ? 'met' : `missed by ${kb(gz - goal)}` };
};

export const SIZE_TITLE = `Script-tag files: what a page downloads up front for each, chunks included, each file gzipped on its own (1 KB = ${KB} B). Goals: the whole kit ≤ ${kb(SIZE_GOALS['passkey-elements']!)}, <passkey-login> ≤ ${kb(SIZE_GOALS['passkey-login']!)}`;

/** The main table: one row per entry, then the floor. */
export async function runSizeBench(measured?: Awaited<ReturnType<typeof measureCdn>>): Promise<Record<string, string | number>[]> {
  const { sizes } = measured ?? (await measureCdn());
  const floor = await floorGzip(sizes.find((size) => size.entry === 'passkey-elements')!);
  return [
    ...sizes.map(({ entry, files, minified, gzip: gz, brotli: br }) => ({
      'script tag': LABELS[entry],
      files: files.length,
      minified: kb(minified),
      'gzip -9': kb(gz),
      brotli: kb(br),
      ...goalText(entry, gz),
      '× floor': (gz / floor).toFixed(2),
      "vs Hanko Elements' 46.5 KB": `${((gz / HANKO_ELEMENTS_GZIP) * 100).toFixed(0)} %`,
    })),
    { 'script tag': 'floor: lit alone, as the kit loads it', files: 1, 'gzip -9': kb(floor), '× floor': '1.00', "vs Hanko Elements' 46.5 KB": `${((floor / HANKO_ELEMENTS_GZIP) * 100).toFixed(0)} %` },
  ];
}

if (import.meta.main) {
  const measured = await measureCdn();
  const rows = await runSizeBench(measured);
  printTable(SIZE_TITLE, rows);
  const missed = rows.filter((row) => String(row.met).startsWith('missed'));
  console.log(missed.length ? `Goals missed in this run: ${missed.map((row) => row['script tag']).join('; ')}.` : 'Every goal met in this run.');

  const upFront = new Set(measured.sizes.flatMap((size) => size.files));
  printTable(
    'Chunks loaded on demand (gzip each): the locales but English on first use, an error body\'s reader after a failed request, the Signal API calls, <passkey-manager>\'s authenticator names for an unnamed passkey, @simplewebauthn/browser where the browser lacks WebAuthn\'s JSON methods',
    measured.chunks
      .filter((chunk) => !upFront.has(chunk))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((chunk) => ({ chunk: chunk.fileName, minified: kb(chunk.code.length), 'gzip -9': kb(gzip(chunk.code)) })),
  );
  for (const entry of ['passkey-elements', 'passkey-login'] as const) {
    printTable(`Where the bytes of ${LABELS[entry]} go`, await byArea(measured.sizes.find((size) => size.entry === entry)!.files));
  }
}
