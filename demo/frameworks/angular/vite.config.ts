import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { angularAot } from '../../../scripts/angular-compiler/vite-plugin.ts';
import { frameworkPage } from '../vite.shared.ts';

// Compiled ahead of time (ngc, strictTemplates) against the package as it ships, in dist/: `npm run build` first, then
// `npm exec -- vite -c demo/frameworks/angular/vite.config.ts`, or `vite build` and `vite preview` with the same config.
export default defineConfig(
  frameworkPage(import.meta.dirname, {
    plugins: [angularAot({ tsconfig: fileURLToPath(new URL('tsconfig.json', import.meta.url)) })],
    resolve: {
      alias: [{ find: /^passkey-elements\/angular$/, replacement: fileURLToPath(new URL('../../../dist/angular/index.js', import.meta.url)) }],
    },
    // Angular's production flags: no JIT compiler, no development checks.
    define: { ngJitMode: 'false', ngDevMode: 'false', ngI18nClosureMode: 'false' },
    build: { outDir: fileURLToPath(new URL('../../../node_modules/.cache/passkey-angular/demo', import.meta.url)), emptyOutDir: true },
    server: { port: 5184 },
    preview: { port: 5184 },
  }),
);
