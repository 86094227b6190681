/**
 * The script-tag bundles: one minified ES module with lit and @simplewebauthn/browser inside, and the locales
 * other than English as chunks beside it, loaded on first use. Shared by `npm run build` and `npm run bench:size`,
 * so the size figures are of exactly what ships.
 */
import { fileURLToPath } from 'node:url';
import { build, parseSync, type InlineConfig, type Plugin, type Rolldown } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface BundleOptions {
  /** A file under the repo, or an id that one of `plugins` loads. */
  entry: string;
  /** Name of the entry file, e.g. `passkey-elements.js`. */
  fileName: string;
  /** Where to write it. Without it, nothing is written: the chunks are returned. */
  outDir?: string;
  plugins?: Plugin[];
}

function bundleConfig({ entry, fileName, outDir, plugins = [] }: BundleOptions): InlineConfig {
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
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        // Nothing is external: a script tag has no bundler to resolve `lit`. The entry may export more than its own
        // names, so what a lazy chunk shares with it (lit, for <passkey-manager>'s authenticator table) stays in it
        // and the chunk imports it from there, instead of a third file that the entry would have to load.
        preserveEntrySignatures: 'allow-extension',
        // Vite leaves whitespace in ES libraries for the bundler that comes next; here none comes.
        output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true, comments: { legal: true, annotation: false, jsdoc: false } },
      },
    },
  };
}

/** Builds one bundle; resolves with its entry chunk and its lazy chunks (written to `outDir` when given). */
export async function bundle(options: BundleOptions): Promise<{ entry: Rolldown.OutputChunk; lazy: Rolldown.OutputChunk[] }> {
  const result = await build(bundleConfig(options));
  const chunks = (Array.isArray(result) ? result : [result])
    .flatMap((output) => (output as Rolldown.RolldownOutput).output)
    .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  return { entry: chunks.find((chunk) => chunk.isEntry)!, lazy: chunks.filter((chunk) => !chunk.isEntry) };
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
