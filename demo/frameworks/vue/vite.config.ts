import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

// The full build of Vue, with the template compiler: this page has no .vue files. (With @vitejs/plugin-vue,
// set `template.compilerOptions.isCustomElement` in its options instead; it also defines the flags below.)
export default defineConfig(
  frameworkPage(import.meta.dirname, {
    resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    server: { port: 5182 },
  }),
);
