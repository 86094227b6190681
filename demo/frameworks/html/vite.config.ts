import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

export default defineConfig(
  frameworkPage(import.meta.dirname, {
    // /cdn/ stands for a CDN: it serves what `npm run build` wrote to dist/cdn/.
    resolve: { alias: [{ find: /^\/cdn\//, replacement: fileURLToPath(new URL('../../../dist/cdn/', import.meta.url)) }] },
    server: { port: 5181 },
  }),
);
