import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

/**
 * No mock in this page: it talks to a backend on another origin (`npm run mock-server -- --origin
 * http://localhost:5186`, port 8787). Its address is set where the page is served, never by the page's visitors.
 */
const apiUrl = process.env.PASSKEY_API_URL ?? 'http://localhost:8787/api/passkey';
const attribute = apiUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export default defineConfig(
  frameworkPage(import.meta.dirname, {
    server: { port: 5186 },
    plugins: [{ name: 'passkey-api-url', transformIndexHtml: (html) => html.replaceAll('%PASSKEY_API_URL%', attribute) }],
  }),
);
