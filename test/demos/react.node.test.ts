// passkey-elements/react in React 19 and real Chromium with a WebAuthn virtual authenticator, on the test page
// test/demos/pages/react-hook/: usePasskey() from a form of the page's own, and the four wrapped elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { repo, useBrowser, withPage } from './page-harness.ts';

const config = `${repo}test/demos/pages/react-hook/vite.config.ts`;

declare global {
  interface Window {
    mock: BrowserMock;
    settled: string[];
  }
}

useBrowser();

test('usePasskey: registers and signs in against the mock, busy then success, with the latest onRequest and stable callbacks', () =>
  withPage(config, async (page, origin) => {
    await open(page, origin);
    const form = page.getByRole('region', { name: 'usePasskey' });
    const headers: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/passkey/register/options')) headers.push(request.headers()['x-typed'] ?? '(none)');
    });

    await form.getByRole('textbox', { name: 'Username' }).fill('hook-user');
    await form.getByRole('button', { name: 'Register' }).click();
    await settled(page, 'register: hook-user');
    await hasText(form.getByTestId('states'), 'idle → busy → success');
    assert.deepEqual(headers, ['hook-user'], "the request carried the header of the latest render's onRequest");

    await form.getByRole('button', { name: 'Sign in' }).click();
    await settled(page, 'authenticate: hook-user');
    await hasText(form.getByTestId('states'), 'idle → busy → success → busy → success');
    await hasText(form.getByTestId('error'), 'no error');
    // Ten keystrokes and four ceremonies re-rendered the form many times; `register` stayed the same function.
    await hasText(form.getByTestId('identities'), '1');
  }));

test('usePasskey: a server failure lands in error as a PasskeyError, and the promise resolves undefined', () =>
  withPage(
    config,
    async (page, origin) => {
      await open(page, origin);
      const form = page.getByRole('region', { name: 'usePasskey' });
      await form.getByRole('textbox', { name: 'Username' }).fill('failing-user');
      await page.evaluate(() => window.mock.faults.force('register/verify', { status: 500, body: { error: 'Database down' }, times: 1 }));
      await form.getByRole('button', { name: 'Register' }).click();
      await settled(page, 'register: undefined');
      await hasText(form.getByTestId('states'), 'idle → busy → error');
      await hasText(form.getByTestId('error'), 'server in verify, status 500');

      // The next attempt clears the error.
      await form.getByRole('button', { name: 'Register' }).click();
      await settled(page, 'register: failing-user');
      await hasText(form.getByTestId('states'), 'idle → busy → error → busy → success');
      await hasText(form.getByTestId('error'), 'no error');
    },
    { allowErrors: [/status of 500/] },
  ));

test('usePasskey: unmounting the component aborts the ceremony in flight', () =>
  withPage(config, async (page, origin) => {
    await open(page, origin);
    const form = page.getByRole('region', { name: 'usePasskey' });
    await form.getByRole('textbox', { name: 'Username' }).fill('leaving-user');
    // The server never answers: only an abort can settle the call.
    await page.evaluate(() => window.mock.faults.force('register/options', { delay: 'infinite' }));
    const aborted = page.waitForEvent('requestfailed', { predicate: (request) => request.url().endsWith('/api/passkey/register/options') });
    await form.getByRole('button', { name: 'Register' }).click();
    await hasText(form.getByTestId('states'), 'idle → busy');
    assert.deepEqual(await page.evaluate(() => window.settled), [], 'still waiting for the server');

    await page.getByRole('button', { name: 'Unmount the form' }).click();
    await settled(page, 'register: undefined');
    assert.match((await aborted).failure()?.errorText ?? '', /ABORTED/, 'the request to the server was aborted');
  }));

test('components: props set properties (strings), and onPasskeyRegistered, onPasskeyAuthenticated, onPasskeyError, onPasskeyRecoverySent and onPasskeyCredentialRenamed fire', () =>
  withPage(
    config,
    async (page, origin) => {
      await open(page, origin);
      const components = page.getByRole('region', { name: 'components' });
      const heard = components.getByRole('list', { name: 'heard' });

      // `strings` is an object: only a property can carry it, so the button's label shows the wrapper set one.
      await components.locator('passkey-register').getByRole('button', { name: 'Sign up, React' }).click();
      await heard.getByText('registered comp-user true').waitFor();

      await page.evaluate(() => window.mock.faults.force('authenticate/options', { status: 503, times: 1 }));
      const signIn = components.locator('passkey-login').getByRole('button', { name: 'Sign in, React' });
      await signIn.click();
      await heard.getByText('login error server options 503').waitFor();
      await signIn.click();
      await heard.getByText('authenticated comp-user').waitFor();

      const recovery = components.locator('passkey-recovery');
      await recovery.getByRole('textbox').fill('comp-user');
      await recovery.getByRole('button', { name: 'Send a recovery link' }).click();
      await heard.getByText('recovery sent comp-user').waitFor();

      // Signed in: the manager lists the passkey; rename it.
      await page.getByRole('button', { name: 'Show the manager' }).click();
      const manager = page.getByRole('region', { name: 'manager' }).locator('passkey-manager');
      await manager.getByRole('button', { name: 'Rename' }).click();
      await manager.getByRole('textbox', { name: 'Passkey name' }).fill('Work laptop');
      await manager.getByRole('button', { name: 'Save' }).click();
      await hasText(page.getByTestId('manager-heard'), 'renamed to Work laptop');
      assert.deepEqual(await heard.getByRole('listitem').allTextContents(), [
        'registered comp-user true',
        'login error server options 503',
        'authenticated comp-user',
        'recovery sent comp-user',
      ]);
    },
    { allowErrors: [/status of 503/] },
  ));

async function open(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await page.getByRole('region', { name: 'usePasskey' }).waitFor();
}

/** Waits until the page wrote `line` to window.settled (what a call of the hook resolved to). */
async function settled(page: Page, line: string): Promise<void> {
  await page.waitForFunction((expected) => window.settled.includes(expected), line, { timeout: 30_000 });
}

/** Waits until the locator's whole text is `text`; fails with what it showed instead. */
async function hasText(locator: Locator, text: string): Promise<void> {
  try {
    await locator.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor({ timeout: 15_000 });
  } catch {
    assert.equal(await locator.textContent(), text);
  }
}
