import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';
import { msw } from 'msw/vite';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The vite config of one framework page: served from its folder, with MSW's worker script for the in-page mock
 * backend, and the kit under its package name, as an app that installed it imports it.
 */
export function frameworkPage(dir: string, config: UserConfig = {}): UserConfig {
  return mergeConfig(
    {
      root: dir,
      // One dependency cache per page: several pages (and `npm start`) may run at once.
      cacheDir: `${repo}node_modules/.vite/frameworks-${basename(dir)}`,
      publicDir: fileURLToPath(new URL('public/', import.meta.url)), // frameworks.css
      plugins: [msw({ mode: 'worker-only' })],
      resolve: {
        alias: [
          { find: /^passkey-elements$/, replacement: `${repo}src/index.ts` },
          { find: /^passkey-elements-mock\/browser$/, replacement: `${repo}mock-server/browser.ts` },
        ],
      },
      server: { host: 'localhost' },
    },
    config,
  );
}
