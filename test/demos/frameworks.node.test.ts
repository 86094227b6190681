// The framework demos (demo/frameworks/*) in real Chromium: for each page, a person types a username, creates a
// passkey with a WebAuthn virtual authenticator, and signs in with it, and the page shows what the events told it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { startMockHttpServer } from '../../mock-server/serve.ts';
import { PLATFORM_AUTHENTICATOR } from '../platform-authenticator.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pages = `${repo}demo/frameworks/`;
const bundle = `${repo}dist/cdn/passkey-elements.js`;
/** What every page binds to `<passkey-register>`'s `username` property before anyone types. */
const SUGGESTED_USERNAME = 'ada';

let browser: Browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

test('html: the CDN bundle in a plain page, an attribute, a property and addEventListener', async () => {
  await buildBundleIfStale();
  await withPage('html', async (page, origin) => {
    // The page starts its mock backend in a module script of its own, which may still be starting: wait until MSW says it is on.
    const mocking = page.waitForEvent('console', { predicate: (message) => message.text().includes('Mocking enabled') });
    await page.goto(origin);
    await mocking;
    await registerAndSignIn(page, 'grace-html');
  });
});

for (const name of ['vue', 'svelte', 'angular', 'react']) {
  test(`${name}: binds properties, hears the events, registers and signs in`, () =>
    withPage(name, async (page, origin) => {
      await page.goto(origin);
      await registerAndSignIn(page, `grace-${name}`);
    }));
}

test('cross-origin: the elements use a PasskeyClient for a mock server on another port, with CORS and cookies', () =>
  withPage('cross-origin', async (page, origin) => {
    const mock = await startMockHttpServer({ port: 0, origins: [origin] });
    try {
      await page.goto(`${origin}/?api=${encodeURIComponent(`${mock.url}/api/passkey`)}`);
      await registerAndSignIn(page, 'grace-cors');
      // After signing in, the page's credentialed GET /credentials to the other origin succeeded.
      await page.locator('output').filter({ hasText: 'The server lists 1 passkey for you.' }).waitFor();
      const cookies = await page.context().cookies(mock.url);
      assert.ok(cookies.some((cookie) => cookie.name === 'passkey_session' && cookie.httpOnly), 'the mock server set its session cookie');
    } finally {
      await mock.close();
    }
  }));

/** Runs `npm run build` unless dist/cdn/passkey-elements.js is newer than everything in src/. */
async function buildBundleIfStale(): Promise<void> {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = readdirSync(`${repo}src`, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  if (sources.every((entry) => statSync(`${entry.parentPath}/${entry.name}`).mtimeMs < built)) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: repo });
}

/**
 * Serves the page `name` with its own vite config on a free port, opens it in a fresh browser context with a
 * virtual authenticator, runs `steps`, and stops everything. Errors the page threw fail the test.
 */
async function withPage(name: string, steps: (page: Page, origin: string) => Promise<void>): Promise<void> {
  const server = await createServer({
    configFile: `${pages}${name}/vite.config.ts`,
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'error',
  });
  await server.listen();
  // WebAuthn needs a secure context: http://localhost is one, http://127.0.0.1 is not a valid RP ID.
  const origin = `http://localhost:${(server.httpServer!.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      const { url } = message.location();
      if (message.type() === 'error' && !url.endsWith('/favicon.ico')) errors.push(`${message.text()} (${url})`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM_AUTHENTICATOR });
    await steps(page, origin);
    // To look at the pages: DEMO_SCREENSHOTS=/tmp npm run test:demos
    if (process.env.DEMO_SCREENSHOTS) await page.screenshot({ path: `${process.env.DEMO_SCREENSHOTS}/demo-${name}.png`, fullPage: true });
    assert.deepEqual(errors, [], 'the page logged no errors');
  } catch (error) {
    if (errors.length) (error as Error).message += `\nPage errors:\n${errors.join('\n')}`;
    throw error;
  } finally {
    await context.close();
    await server.close();
  }
}

/** As a person would: type a username, create a passkey, then sign in with it; checks what the page showed. */
async function registerAndSignIn(page: Page, username: string): Promise<void> {
  const register = page.locator('passkey-register');
  const login = page.locator('passkey-login');
  const output = page.locator('output');

  const registerField = register.getByRole('textbox', { name: 'Username or email' });
  await hasValue(registerField, SUGGESTED_USERNAME, "the page bound <passkey-register>'s username property");
  await registerField.fill(username);
  await register.getByRole('button', { name: 'Create a passkey' }).click();
  await register.getByRole('status').filter({ hasText: `Passkey created for ${username}.` }).waitFor();
  await output.filter({ hasText: `${username} has a passkey.` }).waitFor();

  // The page put the username from passkey-registered's detail into <passkey-login>'s username property.
  await hasValue(login.getByRole('textbox', { name: 'Username or email' }), username, "the page bound <passkey-login>'s username property");
  await login.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await login.getByRole('status').filter({ hasText: `Signed in as ${username}.` }).waitFor();
  await output.filter({ hasText: `Welcome, ${username}!` }).waitFor();
}

/** Waits (up to 30 s, like Playwright's own waits) until an input shows `value`: frameworks and Lit render asynchronously. */
async function hasValue(input: Locator, value: string, message: string): Promise<void> {
  let actual = await input.inputValue();
  for (let tries = 0; actual !== value && tries < 300; tries++) {
    await delay(100);
    actual = await input.inputValue();
  }
  assert.equal(actual, value, message);
}
