// Tags defined after the framework rendered them, as server-rendered apps do (the kit imported in Vue's onMounted or
// React's useEffect): what the framework set before the definition must still count. `strings` set as a property, or
// as JSON in the attribute, labels the buttons; a `client` with an `onRequest` hook sends its header with every request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { repo, useBrowser, withPage } from './page-harness.ts';

useBrowser();

for (const framework of ['vue', 'react'] as const) {
  const late = framework === 'vue' ? 'late Vue' : 'late React';

  test(`${framework}: strings and a client with onRequest set before the tags were defined take effect`, () =>
    withPage(`${repo}test/demos/pages/late-${framework}/vite.config.ts`, async (page, origin) => {
      const csrf = headersOf(page, 'x-csrf-token');
      await page.goto(origin);
      await page.getByTestId('defined').filter({ hasText: 'rendered before defining; now defined' }).waitFor();

      const register = page.locator('passkey-register');
      await register.getByRole('button', { name: `Create it, ${late}` }).click();
      await page
        .locator('output')
        .filter({ hasText: `late-${framework} has a passkey.` })
        .waitFor();

      await page
        .locator('passkey-login')
        .getByRole('button', { name: `Sign in, ${late}` })
        .click();
      await page
        .locator('output')
        .filter({ hasText: `Welcome, late-${framework}!` })
        .waitFor();

      // Both ceremonies went through the page's client: its hook ran for each request and its header reached the mock.
      assert.deepEqual(csrf.get('/register/options'), [`late-${framework}`]);
      assert.deepEqual(csrf.get('/register/verify'), [`late-${framework}`]);
      assert.deepEqual(csrf.get('/authenticate/options'), [`late-${framework}`]);
      assert.deepEqual(csrf.get('/authenticate/verify'), [`late-${framework}`]);
      assert.equal(await page.getByTestId('calls').textContent(), '4');
    }));
}

/** The values of `header` on the page's requests to /api/passkey, by path below it. */
function headersOf(page: Page, header: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/api/passkey/')) return;
    const key = path.slice('/api/passkey'.length);
    seen.set(key, [...(seen.get(key) ?? []), request.headers()[header] ?? '(none)']);
  });
  return seen;
}
