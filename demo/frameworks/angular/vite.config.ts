import { defineConfig } from 'vite';
import { frameworkPage } from '../vite.shared.ts';

// Vite compiles the @Component decorator as a legacy decorator, as the repo's tsconfig sets experimentalDecorators.
export default defineConfig(frameworkPage(import.meta.dirname, { server: { port: 5184 } }));
