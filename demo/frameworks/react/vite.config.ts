import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

// Vite compiles JSX itself (React's automatic runtime); @vitejs/plugin-react would only add Fast Refresh.
export default defineConfig(
  frameworkPage(import.meta.dirname, {
    resolve: { alias: [{ find: /^passkey-elements\/react$/, replacement: fileURLToPath(new URL('../../../src/react/index.ts', import.meta.url)) }] },
    server: { port: 5185 },
  }),
);
