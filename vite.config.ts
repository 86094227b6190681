import { defineConfig } from 'vite';
import { msw } from 'msw/vite';

// `npm start`: the demo app, served with MSW's worker script so the mock backend runs in the page.
export default defineConfig({
  root: 'demo',
  plugins: [msw({ mode: 'worker-only' })],
  server: { host: 'localhost', port: 5173 },
  // Scan the demo's own page for dependencies, not every HTML file under demo/: the framework pages there import the
  // built package (`passkey-elements/mock/browser`, /cdn/…), which a failed scan would leave for the first visit to
  // find, and Vite then reloads that visit.
  optimizeDeps: { entries: ['index.html'] },
  // `PASSKEY_API_URL=http://localhost:8787/api/passkey npm start` runs the demo on a real server (npm run server)
  // instead of the in-page mock. Set where the demo is served, never by its visitors.
  define: { 'import.meta.env.PASSKEY_API_URL': JSON.stringify(process.env.PASSKEY_API_URL ?? '') },
});
