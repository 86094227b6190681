// `npm start`'s demo as a person meets it: the first visit does not reload, the focus follows them, sign-out clears
// the elements, the demo's own words follow the language picker, and a long email fits a phone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { repo, useBrowser, withPage } from './page-harness.ts';

const DEMO = `${repo}vite.config.ts`;
/** The demo asks `GET /session` who is signed in; signed out, the answer is a 401, which the browser logs. */
const SIGNED_OUT = { allowErrors: [/status of 401 \(Unauthorized\)/] };
const LONG_EMAIL = `${'a'.repeat(108)}@example.com`;

/** The name of what has the focus: an element's id, else its tag. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.localName);

describe('the demo (npm start)', () => {
  it('does not reload on the first visit: Vite finds every dependency before serving the page', async () => {
    // A first visit is one without Vite's dependency cache.
    const cacheDir = mkdtempSync(join(tmpdir(), 'passkey-demo-vite-'));
    const server = await createServer({ configFile: DEMO, cacheDir, server: { host: '127.0.0.1', port: 0 }, logLevel: 'error' });
    await server.listen();
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      let loads = 0;
      page.on('load', () => void loads++);
      await page.goto(`http://localhost:${(server.httpServer!.address() as AddressInfo).port}/`);
      await page.locator('passkey-login[state]').waitFor({ timeout: 60_000 });
      await delay(3_000); // Vite reloads the page a moment after it optimised a dependency it had not found
      assert.equal(loads, 1, 'the page loaded once');
    } finally {
      await browser.close();
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  describe('in the browser', () => {
    useBrowser();

    it('moves the focus to the new page after sign-up, sign-in and sign-out, and sign-out clears the elements', async () => {
      await withPage(DEMO, async (page, origin) => {
        await page.goto(origin);
        const register = page.locator('passkey-register');
        await register.getByRole('textbox', { name: 'Username or email' }).fill('ada@example.com');
        await register.getByRole('button', { name: 'Create a passkey' }).click();
        await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
        assert.equal(await focused(page), 'account-title', 'after sign-up');
        assert.equal(await page.locator('#session').textContent(), 'Signed in as ada@example.com.');

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        assert.equal(await focused(page), 'sign-in', 'after sign-out');
        // Nobody's name or "Passkey created for …" is left on screen for the next person.
        assert.equal(await register.getByRole('textbox', { name: 'Username or email' }).inputValue(), '');
        assert.equal((await register.getByRole('status').textContent())?.trim(), '');

        const login = page.locator('passkey-login');
        await page.locator('input[slot="username"]').fill('ada@example.com');
        await login.getByRole('button', { name: 'Sign in with a passkey' }).click();
        await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
        assert.equal(await focused(page), 'account-title', 'after sign-in');
      }, SIGNED_OUT);
    });

    it('speaks Arabic, right to left, when Arabic is picked', async () => {
      await withPage(DEMO, async (page, origin) => {
        await page.goto(origin);
        await page.locator('#language').selectOption('ar');
        await page.getByRole('heading', { name: 'إنشاء حساب' }).waitFor();
        const page_ = await page.evaluate(() => ({ dir: document.dir, lang: document.documentElement.lang, signIn: document.querySelector('#sign-in')!.textContent }));
        assert.deepEqual(page_, { dir: 'rtl', lang: 'ar', signIn: 'تسجيل الدخول' });
        await page.locator('passkey-login').getByRole('button', { name: 'تسجيل الدخول بمفتاح مرور' }).waitFor();
      }, SIGNED_OUT);
    });

    it('keeps a 120-character email inside a 375-pixel phone', async () => {
      await withPage(DEMO, async (page, origin) => {
        await page.setViewportSize({ width: 375, height: 800 });
        await page.goto(origin);
        const register = page.locator('passkey-register');
        await register.getByRole('textbox', { name: 'Username or email' }).fill(LONG_EMAIL);
        await register.getByRole('button', { name: 'Create a passkey' }).click();
        await page.locator('#session').filter({ hasText: LONG_EMAIL }).waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `the page is ${width} px wide`);
      }, SIGNED_OUT);
    });
  });
});
