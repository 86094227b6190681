import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

// No mock in this page: it talks to the standalone mock server (`npm run mock-server`) on another port.
export default defineConfig(frameworkPage(import.meta.dirname, { server: { port: 5186 } }));
