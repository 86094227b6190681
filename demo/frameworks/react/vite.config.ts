import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

// Vite compiles JSX itself (React's automatic runtime); @vitejs/plugin-react would only add Fast Refresh.
export default defineConfig(frameworkPage(import.meta.dirname, { server: { port: 5185 } }));
