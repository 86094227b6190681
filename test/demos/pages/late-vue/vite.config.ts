import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { frameworkPage } from '../../../../demo/frameworks/vite.shared.ts';

export default defineConfig(
  frameworkPage(import.meta.dirname, {
    resolve: {
      alias: [
        { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
        { find: /^passkey-elements\/client$/, replacement: fileURLToPath(new URL('../../../../src/client/index.ts', import.meta.url)) },
      ],
    },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  }),
);
