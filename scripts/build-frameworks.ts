/**
 * The framework entries of `npm run build`, after tsc has written dist/ (scripts/build.ts runs this; alone:
 * `node scripts/build-frameworks.ts`, with dist/ from tsc already there).
 *   dist/react/     tsc's modules, with dist/react/lit-react.js replaced by @lit/react itself, bundled: passkey-elements
 *                   depends on lit and @simplewebauthn/browser only, and `react` is the app's
 *   dist/angular/   src/angular compiled by Angular's compiler in partial mode: the Ivy declarations an AOT app's build
 *                   links (what tsc wrote there, plain decorators, would need Angular's JIT compiler at run time)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { ngcPath } from './angular-compiler/compiler.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

export async function buildFrameworks(): Promise<void> {
  await bundleLitReact();
  compileAngular();
}

/** Bundles @lit/react (its browser build, `react` left to the app) over tsc's re-export in dist/react/lit-react.js. */
async function bundleLitReact(): Promise<void> {
  console.log('> bundle @lit/react → dist/react/lit-react.js');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    mode: 'production',
    build: {
      outDir: 'dist/react',
      emptyOutDir: false,
      target: 'es2022',
      minify: false, // @lit/react ships minified already; this file only wraps it
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: 'src/react/lit-react.ts', formats: ['es'], fileName: () => 'lit-react.js' },
      rolldownOptions: { external: ['react'], output: { comments: { legal: true } } },
    },
  });
  // tsc's declaration and map of the re-export name @lit/react, which users do not have; nothing imports them.
  for (const file of ['lit-react.d.ts', 'lit-react.js.map']) rmSync(join(dist, 'react', file), { force: true });
  for (const file of readdirSync(join(dist, 'react'))) {
    if (/\.(js|d\.ts)$/.test(file) && /(?:from|import)\s*\(?\s*['"]@lit\/react['"]/.test(readFileSync(join(dist, 'react', file), 'utf8'))) {
      throw new Error(`dist/react/${file} still imports @lit/react`);
    }
  }
}

/** ngc (compilationMode `partial`, strict templates) over src/angular; replaces tsc's dist/angular. */
function compileAngular(): void {
  console.log('> ngc (partial compilation) src/angular → dist/angular');
  const work = mkdtempSync(join(tmpdir(), 'passkey-ngc-'));
  try {
    const out = join(work, 'out');
    const tsconfig = join(work, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: {
          noEmit: false,
          declaration: true,
          sourceMap: true,
          inlineSources: true,
          rewriteRelativeImportExtensions: true,
          rootDir: join(root, 'src'),
          outDir: out,
          types: [],
        },
        files: [join(root, 'src/angular/index.ts')],
        include: [],
        angularCompilerOptions: {
          compilationMode: 'partial',
          strictTemplates: true,
          strictInjectionParameters: true,
          strictInputAccessModifiers: true,
        },
      }),
    );
    const result = spawnSync(process.execPath, [ngcPath(), '-p', tsconfig], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`ngc failed (exit ${result.status})`);

    rmSync(join(dist, 'angular'), { recursive: true, force: true });
    cpSync(join(out, 'angular'), join(dist, 'angular'), { recursive: true });
    for (const file of readdirSync(join(dist, 'angular'))) {
      const path = join(dist, 'angular', file);
      const text = readFileSync(path, 'utf8');
      // Declarations keep the sources' `.ts` specifiers (tsc rewrites them in JS only); maps point from the temporary folder.
      if (file.endsWith('.d.ts')) writeFileSync(path, text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3'));
      if (file.endsWith('.js.map')) {
        const map = JSON.parse(text) as { sources: string[] };
        map.sources = map.sources.map((source) => source.replace(/^.*?src\/angular\//, '../../src/angular/'));
        writeFileSync(path, JSON.stringify(map));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await buildFrameworks();
