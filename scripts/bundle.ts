/**
 * The script-tag files of dist/cdn/, built in one multi-entry build so they share chunks: the whole kit
 * (passkey-elements.js), one file per element (passkey-register.js, passkey-login.js, passkey-manager.js,
 * passkey-recovery.js) and the autoloader. lit and the kit's shared code sit in chunks under chunks/, so a page that
 * loads two elements downloads them once; the locales other than English, <passkey-manager>'s authenticator names and
 * @simplewebauthn/browser are chunks loaded on first use. Shared by `npm run build`, `npm run bench:size` and the size
 * guard, so every figure is of exactly what ships.
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
  /** Whether lit and the shared code go to chunks/kit-*.js (the CDN files); without, rolldown's default splitting. */
  kitChunk?: boolean;
}

/** A module's path under the repo, with forward slashes. */
const repoPath = (id: string) => relative(root, id).split(sep).join('/');

/**
 * chunks/kit-*.js: lit and what every element builds on (the client but its lazy fallback, the shared element code
 * and the English they share), in one file. Each gzipped file costs its own dictionary, so one shared
 * file beats rolldown's default of a chunk per combination of entries (passkey-login.js: 3 files instead of 5).
 */
const inKit = (id: string) =>
  /^node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/|^src\/(client\/(?!webauthn-fallback)|elements\/shared\/|i18n\/en-common\.ts)/.test(repoPath(id));
/**
 * chunks/config-*.js: the page-wide settings, `configure()` and `registerLocale()`, which the autoloader re-exports
 * without loading the kit (the i18n core imports only types and, on demand, the locales).
 */
const inConfig = (id: string) => ['src/elements/shared/config.ts', 'src/i18n/index.ts'].includes(repoPath(id));

function bundleConfig({ entries, outDir, plugins = [], kitChunk = true }: BundleOptions): InlineConfig {
  return {
    configFile: false, // not the demo's vite.config.ts
    root,
    logLevel: 'warn',
    publicDir: false,
    mode: 'production',
    plugins: [minifyTemplateLiterals(), ...plugins],
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
        // Nothing is external: a script tag has no bundler to resolve `lit`. An entry may export more than its own
        // names, so passkey-recovery.js takes <passkey-register> from passkey-register.js instead of a third file.
        preserveEntrySignatures: 'allow-extension',
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          ...(kitChunk && { codeSplitting: { groups: [{ name: 'config', test: inConfig, priority: 2 }, { name: 'kit', test: inKit, priority: 1 }] } }),
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

/** The script-tag files, as `npm run build` writes them to dist/cdn/ (or in memory, without `outDir`). */
export const bundleCdn = (outDir?: string) => bundle({ entries: { ...CDN_ENTRIES }, ...(outDir ? { outDir } : {}) });

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
 * The minifier leaves template literals alone, and the elements' styles and templates are indented source text.
 * In `css` templates: drops comments and collapses whitespace (none kept around `{ } ; ,`). In `html` and `svg`
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
                ? raw.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1').replace(/: /g, ':')
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
