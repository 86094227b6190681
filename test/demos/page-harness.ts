// What the page tests share: one Chromium per test file, and a page served by vite with a WebAuthn virtual
// authenticator, whose errors fail the test.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from 'playwright-core';
import { createServer, preview, type InlineConfig } from 'vite';
import { PLATFORM_AUTHENTICATOR } from '../platform-authenticator.ts';

export const repo = fileURLToPath(new URL('../../', import.meta.url));

let browser: Browser | undefined;

/** What the page tests take from `npm run build`. */
const BUILT = ['dist/cdn/passkey-elements.js', 'dist/react/index.js', 'dist/angular/index.js'];

/**
 * Runs `npm run build` unless every file the page tests use is newer than everything in src/. One build at a time,
 * even when test files run in parallel: the build empties dist/ first.
 */
export async function buildIfStale(): Promise<void> {
  const lock = `${repo}node_modules/.cache/passkey-demo-build.lock`;
  mkdirSync(`${repo}node_modules/.cache`, { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000) throw new Error(`${lock} is held for 5 minutes: remove it if no build runs`);
      await delay(500);
    }
  }
  try {
    const built = Math.min(...BUILT.map((file) => statSync(`${repo}${file}`, { throwIfNoEntry: false })?.mtimeMs ?? 0));
    const sources = readdirSync(`${repo}src`, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    if (sources.some((entry) => statSync(`${entry.parentPath}/${entry.name}`).mtimeMs >= built)) {
      await promisify(execFile)('npm', ['run', 'build'], { cwd: repo });
    }
  } finally {
    rmdirSync(lock);
  }
}

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowser(): void {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
  });
}

/** The page's WebAuthn virtual authenticator, as the DevTools Protocol knows it. */
export interface PageAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

export interface PageOptions {
  /** Serve what `vite build` wrote (`vite preview`) instead of the dev server. */
  preview?: boolean;
  /** Console errors the page is expected to log (matched against their text); any other fails the test. */
  allowErrors?: RegExp[];
}

/**
 * Serves the page of the vite config `configFile` on a free port, opens it in a fresh browser context with a
 * virtual authenticator, runs `steps`, and stops everything. Errors the page threw or logged fail the test. `steps` also
 * gets the DevTools session and the id of the authenticator, to swap it for another device's.
 */
export async function withPage(
  configFile: string,
  steps: (page: Page, origin: string, authenticator: PageAuthenticator) => Promise<void>,
  options: PageOptions = {},
): Promise<void> {
  if (!browser) throw new Error('useBrowser() first');
  const config: InlineConfig = {
    configFile,
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'error',
  };
  const server = options.preview ? await preview(config) : await createServer(config);
  if (!options.preview) await (server as Awaited<ReturnType<typeof createServer>>).listen();
  // WebAuthn needs a secure context: http://localhost is one, http://127.0.0.1 is not a valid RP ID.
  const origin = `http://localhost:${(server.httpServer!.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  const errors: string[] = [];
  const name = configFile
    .replace(repo, '')
    .replace(/\/vite\.config\.ts$/, '')
    .replaceAll('/', '-');
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      const { url } = message.location();
      if (message.type() !== 'error' || url.endsWith('/favicon.ico')) return;
      if (options.allowErrors?.some((allowed) => allowed.test(message.text()))) return;
      errors.push(`${message.text()} (${url})`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM_AUTHENTICATOR });
    await steps(page, origin, { cdp, authenticatorId });
    // To look at the pages: DEMO_SCREENSHOTS=/tmp npm run test:demos
    if (process.env.DEMO_SCREENSHOTS) await page.screenshot({ path: `${process.env.DEMO_SCREENSHOTS}/${name}.png`, fullPage: true });
    assert.deepEqual(errors, [], 'the page logged no errors');
  } catch (error) {
    if (errors.length) (error as Error).message += `\nPage errors:\n${errors.join('\n')}`;
    throw error;
  } finally {
    await context.close();
    await server.close();
  }
}

/** What every demo binds to `<passkey-register>`'s `username` property before anyone types. */
export const SUGGESTED_USERNAME = 'ada';

/** As a person would: type a username, create a passkey, then sign in with it; checks what the page showed. */
export async function registerAndSignIn(page: Page, username: string): Promise<void> {
  const register = page.locator('passkey-register');
  const login = page.locator('passkey-login');
  const output = page.locator('output');

  const registerField = register.getByRole('textbox', { name: 'Username or email' });
  await hasValue(registerField, SUGGESTED_USERNAME, "the page bound <passkey-register>'s username property");
  await registerField.fill(username);
  await register.getByRole('button', { name: 'Create a passkey' }).click();
  await register
    .getByRole('status')
    .filter({ hasText: `Passkey created for ${username}.` })
    .waitFor();
  await output.filter({ hasText: `${username} has a passkey.` }).waitFor();

  // The page put the username from passkey-registered's detail into <passkey-login>'s username property.
  await hasValue(login.getByRole('textbox', { name: 'Username or email' }), username, "the page bound <passkey-login>'s username property");
  await login.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await login
    .getByRole('status')
    .filter({ hasText: `Signed in as ${username}.` })
    .waitFor();
  await output.filter({ hasText: `Welcome, ${username}!` }).waitFor();
}

/** Waits (up to 30 s, like Playwright's own waits) until an input shows `value`: frameworks and Lit render asynchronously. */
export async function hasValue(input: Locator, value: string, message: string): Promise<void> {
  let actual = await input.inputValue();
  for (let tries = 0; actual !== value && tries < 300; tries++) {
    await delay(100);
    actual = await input.inputValue();
  }
  assert.equal(actual, value, message);
}
