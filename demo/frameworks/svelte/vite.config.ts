import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { frameworkPage } from '../vite.shared.ts';

export default defineConfig(frameworkPage(import.meta.dirname, { plugins: [svelte()], server: { port: 5183 } }));
