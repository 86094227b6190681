import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { msw } from 'msw/vite';
import { PLATFORM_AUTHENTICATOR } from '../test/platform-authenticator.ts';

type Bench = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Calls `window.bench[name](...args)` in the bench page (bench/browser/bench-page.ts). */
export function call<T = number>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, args]) => ((window as unknown as { bench: Bench }).bench[name as string]!)(...(args as unknown[])), [name, args] as const) as Promise<T>;
}

export interface BenchBrowser {
  /** A fresh bench page with a WebAuthn virtual authenticator, its mock started. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** Serves bench/browser/ with vite (and MSW's worker) on localhost and drives it in Debian's Chromium. */
export async function startBenchBrowser(): Promise<BenchBrowser> {
  const server: ViteDevServer = await createServer({
    root: new URL('./browser/', import.meta.url).pathname,
    configFile: false,
    // Production builds of Lit and the kit's dependencies: dev-mode checks would tax the kit, not the baseline.
    // `mode` alone does not do it: the dev server resolves the `development` export condition (Lit's dev build) unless
    // told otherwise. Its own dependency cache, so a run with the other conditions does not rebuild it under this one.
    mode: 'production',
    resolve: { conditions: ['module', 'browser', 'production'] },
    cacheDir: fileURLToPath(new URL('../node_modules/.vite/bench', import.meta.url)),
    plugins: [msw({ mode: 'worker-only' })],
    // No file watching: an edit elsewhere in the repo during a run would reload the page under the bench.
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    logLevel: 'silent',
  });
  await server.listen();
  const { port } = server.httpServer!.address() as { port: number };
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async open() {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM_AUTHENTICATOR });
      await page.goto(`http://localhost:${port}/`);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
