/**
 * The script-tag files of dist/cdn/: the whole kit (passkey-elements.js), one file per element (passkey-register.js,
 * passkey-login.js, passkey-manager.js, passkey-recovery.js) and the autoloader, in three builds:
 * - the whole kit alone, in one file: a page that loads it loads every element, so a shared chunk would only add a
 *   second download;
 * - the element files together, so that they share chunks/kit-*.js (lit and what <passkey-login> builds on): a page
 *   that loads two elements downloads lit once;
 * - the autoloader alone, which imports the element files beside it (`./passkey-login.js`) when their tags appear, and
 *   carries its own `configure()` and `registerLocale()` (they keep their state on `globalThis`, shared by every copy).
 * Each loads on first use what not every page needs: the locales other than English, an error body's message,
 * the Signal API calls, <passkey-manager>'s authenticator names, @simplewebauthn/browser. Shared by `npm run build`,
 * `npm run bench:size` and the size guard, so every figure is of exactly what ships.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, parseSync, type InlineConfig, type Plugin, type Rolldown } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** dist/cdn/<name>.js ← source, relative to the repo. */
export const CDN_ENTRIES = {
  'passkey-elements': 'src/index.ts',
  'passkey-register': 'src/elements/passkey-register/define.ts',
  'passkey-login': 'src/elements/passkey-login/define.ts',
  'passkey-manager': 'src/elements/passkey-manager/define.ts',
  'passkey-recovery': 'src/elements/passkey-recovery/define.ts',
  autoloader: 'src/cdn/autoloader.ts',
} as const;
export type CdnEntry = keyof typeof CDN_ENTRIES;

export interface BundleOptions {
  /** Entry name → a file under the repo, or an id that one of `plugins` loads. */
  entries: Record<string, string>;
  /** Where to write the files. Without it, nothing is written: the chunks are returned. */
  outDir?: string;
  plugins?: Plugin[];
  /**
   * The entry whose up-front modules (all but its own folder's) go to chunks/kit-*.js, which the other entries share;
   * without it, rolldown's default splitting.
   */
  kitFor?: string;
}

/** A module's path under the repo, with forward slashes. */
const repoPath = (id: string) => relative(root, id).split(sep).join('/');

/**
 * chunks/kit-*.js: every module the entry `name` loads up front (its static imports, transitively) but those of its
 * own folder: lit and the shared element, client and English code. Each gzipped file costs its own dictionary, so
 * the entry's page downloads two files (its own and the kit), and a page with more elements downloads the kit once.
 * An import counts whether or not its names are used: the shared code imports the module it needs, never an index
 * such as client/index.ts, whose re-exports would bring every call of the client. Filled in once the module graph is
 * known (`buildEnd`), before rolldown makes the chunks.
 */
function kitChunk(name: string, entry: string): { plugin: Plugin; test: (id: string) => boolean } {
  const inKit = new Set<string>();
  const folder = entry.slice(0, entry.lastIndexOf('/') + 1);
  const plugin: Plugin = {
    name: 'passkey:kit-chunk',
    buildEnd() {
      const visit = (id: string): void => {
        if (inKit.has(id)) return;
        inKit.add(id);
        for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
      };
      const start = [...this.getModuleIds()].find((id) => repoPath(id) === entry);
      if (!start) throw new Error(`kit chunk: no module ${entry} for ${name}`);
      visit(start);
      for (const id of inKit) if (repoPath(id).startsWith(folder)) inKit.delete(id);
    },
  };
  return { plugin, test: (id) => inKit.has(id) };
}

function bundleConfig({ entries, outDir, plugins = [], kitFor }: BundleOptions): InlineConfig {
  const kit = kitFor === undefined ? undefined : kitChunk(kitFor, entries[kitFor]!);
  return {
    configFile: false, // not the demo's vite.config.ts
    root,
    logLevel: 'warn',
    publicDir: false,
    mode: 'production',
    plugins: [minifyTemplateLiterals(), ...plugins, ...(kit ? [kit.plugin] : []), legalCommentsAtEnd],
    build: {
      outDir: outDir ?? 'dist/cdn',
      emptyOutDir: false,
      write: outDir !== undefined,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        // No bare import: a script tag has no bundler to resolve `lit`. An entry may export more than its own names,
        // so passkey-recovery.js takes <passkey-register> from passkey-register.js instead of another chunk.
        preserveEntrySignatures: 'allow-extension',
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          ...(kit && { codeSplitting: { groups: [{ name: 'kit', test: kit.test }] } }),
          // Vite leaves whitespace in ES libraries for the bundler that comes next; here none comes.
          minify: true,
          comments: { legal: true, annotation: false, jsdoc: false },
        },
      },
    },
  };
}

/** Builds `entries` together; resolves with every chunk (written to `outDir` when given). */
export async function bundle(options: BundleOptions): Promise<Rolldown.OutputChunk[]> {
  const result = await build(bundleConfig(options));
  return (Array.isArray(result) ? result : [result])
    .flatMap((output) => (output as Rolldown.RolldownOutput).output)
    .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
}

/**
 * The autoloader imports each element's file from beside it (`./passkey-login.js`), built by the element build, rather
 * than a copy of the element.
 */
const elementFilesBeside: Plugin = {
  name: 'passkey:element-files-beside',
  enforce: 'pre',
  resolveId(source, importer) {
    const tag = /^\.\.\/elements\/(passkey-[a-z]+)\/define\.ts$/.exec(source)?.[1];
    return tag && importer && repoPath(importer) === CDN_ENTRIES.autoloader ? { id: `./${tag}.js`, external: true } : undefined;
  },
};

/** The script-tag files, as `npm run build` writes them to dist/cdn/ (or in memory, without `outDir`). */
export async function bundleCdn(outDir?: string): Promise<Rolldown.OutputChunk[]> {
  const { 'passkey-elements': kit, autoloader, ...elements } = CDN_ENTRIES;
  const written = outDir ? { outDir } : {};
  const chunks = [
    ...(await bundle({ entries: { 'passkey-elements': kit }, ...written })),
    ...(await bundle({ entries: elements, kitFor: 'passkey-login', ...written })),
    ...(await bundle({ entries: { autoloader }, plugins: [elementFilesBeside], ...written })),
  ];
  // The builds make some lazy chunks alike (a locale, an icon): the same content, so the same file.
  return [...new Map(chunks.map((chunk) => [chunk.fileName, chunk])).values()];
}

/**
 * What a page downloads up front for the entry `name`: its file and every chunk it imports statically, transitively
 * (not the chunks it may `import()` later).
 */
export function loadedFor(chunks: Rolldown.OutputChunk[], name: string): Rolldown.OutputChunk[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.name === name);
  if (!entry) throw new Error(`no entry ${name} in the bundle`);
  const loaded = new Set<Rolldown.OutputChunk>();
  const visit = (chunk: Rolldown.OutputChunk): void => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const file of chunk.imports) visit(byFile.get(file)!);
  };
  visit(entry);
  return [...loaded];
}

/**
 * lit's licence notices (`@license`), each once, at the end of the file, as esbuild places them by default: kept
 * where the minifier leaves them, each module's copy breaks the code around it, and they are mostly the same text.
 */
const legalCommentsAtEnd: Plugin = {
  name: 'passkey:legal-comments-at-end',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const notices = new Set<string>();
      const code = chunk.code.replace(/\n?(\/\*\*?\s*\n\s*\* @license[\s\S]*?\*\/)\n?/g, (_, notice: string) => {
        notices.add(notice);
        return '';
      });
      if (notices.size) chunk.code = `${code}\n${[...notices].join('\n')}\n`;
    }
  },
};

/**
 * The minifier leaves template literals alone, and the elements' styles and templates are indented source text.
 * In `css` templates: drops comments, collapses whitespace (none kept around `{ } ; , >` and `!important`), the last
 * `;` of each block and the 0 of `0.5`. In `html` and `svg`
 * templates: collapses each run of whitespace that holds a line break to one space, which renders the same (the
 * kit has no <pre> or <textarea>). Only the kit's own modules; Lit's are already compact.
 */
function minifyTemplateLiterals(): Plugin {
  type Node = { type?: string; [key: string]: unknown };
  return {
    name: 'passkey:minify-template-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return undefined;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object') return;
        const { type, tag, quasi } = node as Node & { tag?: Node & { name?: string }; quasi?: { quasis: { start: number; value: { raw: string } }[] } };
        if (type === 'TaggedTemplateExpression' && tag?.type === 'Identifier' && quasi && ['css', 'html', 'svg'].includes(tag.name!)) {
          for (const element of quasi.quasis) {
            const start = element.start + 1; // after the backtick or the `}` that closes an expression
            const raw = element.value.raw;
            const text =
              tag.name === 'css'
                ? raw
                    .replace(/\/\*[\s\S]*?\*\//g, '')
                    .replace(/\s+/g, ' ')
                    .replace(/ ?([{};,>]|!important) ?/g, '$1')
                    .replace(/: /g, ':')
                    .replace(/;}/g, '}')
                    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
                : raw.replace(/\s*\n\s*/g, ' ');
            if (text !== raw) edits.push({ start, end: start + raw.length, text });
          }
        }
        for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
      };
      visit(parseSync(id, code).program);
      let result = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, start) + text + result.slice(end);
      return { code: result, map: null };
    },
  };
}
