import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { frameworkPage } from '../../../../demo/frameworks/vite.shared.ts';

export default defineConfig(
  frameworkPage(import.meta.dirname, {
    resolve: { alias: [{ find: /^passkey-elements\/client$/, replacement: fileURLToPath(new URL('../../../../src/client/index.ts', import.meta.url)) }] },
  }),
);
