/**
 * An Angular app built ahead of time by `vite build`, as Angular's own builder does it: ngc compiles the app's
 * components (full compilation, with its tsconfig's `strictTemplates`), and Angular's linker turns the partial
 * declarations that libraries ship (passkey-elements/angular, @angular/*) into final code. Nothing is left for a JIT
 * compiler, and the page loads none.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { cacheDir, loadLinker, runNgc, type Linker } from './compiler.ts';

/**
 * The plugins for the app of `tsconfig`, which sits in the app's folder with `rootDir: "."`: the `.ts` files there
 * are served as ngc compiled them. A template that does not type-check fails the build with ngc's diagnostics.
 */
export function angularAot({ tsconfig }: { tsconfig: string }): Plugin[] {
  const rootDir = dirname(tsconfig);
  let outDir: string | undefined;
  let link: Linker | undefined;
  return [
    {
      name: 'passkey:angular-aot',
      enforce: 'pre',
      async buildStart() {
        link ??= await loadLinker();
        outDir = cacheDir('aot-');
        const { ok, output } = runNgc(tsconfig, outDir);
        if (!ok) this.error(`ngc failed:\n${output}`);
      },
      load(id) {
        const path = relative(rootDir, id);
        if (!outDir || !id.endsWith('.ts') || path.startsWith('..')) return undefined;
        const compiled = join(outDir, path.replace(/\.ts$/, '.js'));
        return existsSync(compiled) ? readFileSync(compiled, 'utf8') : undefined;
      },
      buildEnd() {
        if (outDir) rmSync(outDir, { recursive: true, force: true });
      },
    },
    {
      name: 'passkey:angular-linker',
      async transform(code, id) {
        return link?.(code, id.split('?')[0]!);
      },
      // The dev server bundles @angular/* once, ahead of serving them: link them there too.
      config: () => ({
        optimizeDeps: {
          rolldownOptions: {
            plugins: [
              {
                name: 'passkey:angular-linker-deps',
                async transform(code: string, id: string) {
                  link ??= await loadLinker();
                  return link(code, id);
                },
              },
            ],
          },
        },
      }),
    },
  ];
}
