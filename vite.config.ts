import { defineConfig } from 'vite';
import { msw } from 'msw/vite';

// `npm start`: the demo app, served with MSW's worker script so the mock backend runs in the page.
export default defineConfig({
  root: 'demo',
  plugins: [msw({ mode: 'worker-only' })],
  server: { host: 'localhost', port: 5173 },
});
