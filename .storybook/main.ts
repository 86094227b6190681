import type { StorybookConfig } from '@storybook/web-components-vite';
import { msw } from 'msw/vite';
import remarkGfm from 'remark-gfm';
import type { PluginOption } from 'vite';

const hasPlugin = (plugins: PluginOption[], name: string): boolean =>
  plugins.some((plugin) => (Array.isArray(plugin) ? hasPlugin(plugin, name) : Boolean(plugin && 'name' in plugin && plugin.name === name)));

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: [
    // The docs pages (stories/docs/*.mdx) are GitHub-flavoured Markdown: tables need remark-gfm since MDX 2.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-vitest',
  ],
  // No onboarding checklist in the sidebar and no "what's new" notices: the sidebar is the kit's.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  features: { sidebarOnboardingChecklist: false },
  // The mock backend runs in the preview through MSW's service worker: msw/vite serves mockServiceWorker.js
  // from node_modules (and emits it into storybook-static), so nothing is committed. The demo's vite.config.ts,
  // which Storybook merges in, may already bring it.
  viteFinal(viteConfig) {
    const plugins = viteConfig.plugins ?? [];
    if (!hasPlugin(plugins, 'msw')) viteConfig.plugins = [...plugins, msw({ mode: 'worker-only' })];
    viteConfig.optimizeDeps = { ...viteConfig.optimizeDeps, include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit', 'lit/directive-helpers.js', 'lit/directives/*.js'] };
    return viteConfig;
  },
};

export default config;
