// The framework demos (demo/frameworks/*) in real Chromium: for each page, a person types a username, creates a
// passkey with a WebAuthn virtual authenticator, and signs in with it, and the page shows what the events told it.
// The cross-origin page has its own end-to-end test: own-api.node.test.ts.
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildIfStale, registerAndSignIn, repo, useBrowser, withPage as withConfig } from './page-harness.ts';

const pages = `${repo}demo/frameworks/`;

useBrowser();

test('html: the CDN bundle in a plain page, an attribute, a property and addEventListener', async () => {
  await buildIfStale();
  await withPage('html', async (page, origin) => {
    // The page starts its mock backend in a module script of its own, which may still be starting: wait until MSW says it is on.
    const mocking = page.waitForEvent('console', { predicate: (message) => message.text().includes('Mocking enabled') });
    await page.goto(origin);
    await mocking;
    await registerAndSignIn(page, 'grace-html');
  });
});

// Angular's page is built ahead of time: angular.node.test.ts.
for (const name of ['vue', 'svelte', 'react']) {
  test(`${name}: binds properties, hears the events, registers and signs in`, () =>
    withPage(name, async (page, origin) => {
      await page.goto(origin);
      await registerAndSignIn(page, `grace-${name}`);
    }));
}

/** Serves demo/frameworks/`name`/ with its own vite config (see `withPage` in page-harness.ts). */
function withPage(name: string, steps: (page: Page, origin: string) => Promise<void>): Promise<void> {
  return withConfig(`${pages}${name}/vite.config.ts`, steps);
}
