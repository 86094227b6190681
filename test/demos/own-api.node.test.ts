// Issue 10's end-to-end test: "your own API, as the guide configures it". The cross-origin demo page
// (demo/frameworks/cross-origin/, every element configured by attributes alone, its API address set where the page is
// served) on one origin, and the mock backend as an HTTP server on another origin of the same site (two ports of
// localhost), in Chromium with WebAuthn virtual authenticators: register, sign in, list, add a second passkey, delete
// one, sign out, and recover (a link from the outbox, a new passkey, a sign-in with it). Then the same against the
// session-cookie-challenge variant of the mock, which refuses every ceremony whose cookies do not come back.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startMockHttpServer, type MockHttpServer } from 'passkey-elements-mock/serve';
import { CHALLENGE_COOKIE, type MockMail } from 'passkey-elements-mock';
import { PLATFORM_AUTHENTICATOR } from '../platform-authenticator.ts';
import { registerAndSignIn, repo, useBrowser, withPage, type PageAuthenticator } from './page-harness.ts';

const PAGE = `${repo}demo/frameworks/cross-origin/vite.config.ts`;
const USERNAME = 'grace';

useBrowser();

/** A port free now: the API's address must be known before the page is served, and the page's origin before the API starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The passkey rows the manager shows. */
const rows = (page: Page) => page.locator('passkey-manager [part~="row"]:not([part~="skeleton"])');

/** Replaces the browser's authenticator with a new one, holding no passkey: another device, or a lost one replaced. */
async function newDevice({ cdp }: PageAuthenticator, current: { id: string }): Promise<void> {
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: current.id });
  current.id = (await cdp.send('WebAuthn.addVirtualAuthenticator', { options: PLATFORM_AUTHENTICATOR })).authenticatorId;
}

/** The recovery mails to `username`, read from the mock's admin outbox as a test (or the backend checker) does. */
async function mailsTo(mock: MockHttpServer, username: string): Promise<MockMail[]> {
  const answer = await fetch(`${mock.url}/__mock/outbox`, { headers: { authorization: `Bearer ${mock.adminToken}` } });
  assert.equal(answer.status, 200);
  return ((await answer.json()) as MockMail[]).filter((mail) => mail.to === username);
}

async function journey(challengeCookie: boolean): Promise<void> {
  const port = await freePort();
  const apiUrl = `http://localhost:${port}/api/passkey`;
  // Read by the page's vite.config.ts when the page is served: the page itself never takes it from its URL.
  process.env.PASSKEY_API_URL = apiUrl;
  const steps = async (page: Page, origin: string, authenticator: PageAuthenticator) => {
    assert.notEqual(new URL(apiUrl).origin, origin, 'the API is on another origin than the page');
    const mock = await startMockHttpServer({ port, origins: [origin], admin: true, challengeCookie, recoveryPageUrl: `${origin}/` });
    const device = { id: authenticator.authenticatorId };
    const challengeCookies: string[] = [];
    page.on('response', async (response) => {
      const setCookie = (await response.headerValue('set-cookie').catch(() => null)) ?? '';
      if (setCookie.includes(`${CHALLENGE_COOKIE}=`)) challengeCookies.push(new URL(response.url()).pathname);
    });
    try {
      await page.goto(origin);
      assert.equal(await page.locator('#api').textContent(), apiUrl);

      // Sign up and sign in: the session cookie is the API origin's, HttpOnly, and flows to it from the page.
      await registerAndSignIn(page, USERNAME);
      const session = (await page.context().cookies(mock.url)).find((cookie) => cookie.name === 'passkey_session');
      assert.ok(session?.httpOnly && session.sameSite === 'Lax', 'the API set its HttpOnly, SameSite=Lax session cookie');

      // The manager lists the passkey, with the session cookie sent to the other origin.
      await rows(page).first().waitFor();
      assert.equal(await rows(page).count(), 1);

      // A second passkey, on another device (this one already holds one for the account).
      await newDevice(authenticator, device);
      await page.locator('passkey-manager').getByRole('button', { name: 'Add a passkey' }).click();
      await page.locator('passkey-manager').getByText('Passkey added.').waitFor();
      await rows(page).nth(1).waitFor();
      const [first] = (await mock.backend.store.listCredentials(mock.backend.accounts().users[0]!.userId)).map((c) => c.id);

      // Delete the first one: the device it was on is gone.
      await rows(page).first().getByRole('button', { name: 'Delete' }).click();
      await rows(page).first().getByRole('button', { name: 'Delete passkey' }).click();
      await page.waitForFunction(() => document.querySelector('passkey-manager')?.shadowRoot?.querySelectorAll('[part~="row"]:not([part~="skeleton"])').length === 1);
      assert.ok(!mock.backend.accounts().credentials.some((c) => c.id === first), 'the passkey was deleted on the server');

      // Sign out, as the page's own sign-out would: DELETE /session on the API, with the cookie.
      const signedOut = await page.evaluate(async (api) => {
        const end = await fetch(`${api}/session`, { method: 'DELETE', credentials: 'include' });
        const after = await fetch(`${api}/session`, { credentials: 'include' });
        return [end.status, after.status];
      }, apiUrl);
      assert.deepEqual(signedOut, [200, 401]);
      assert.deepEqual(mock.backend.accounts().sessions, []);

      // Recovery: that device is lost too. Ask for a link on the page, read it from the outbox, follow it.
      await newDevice(authenticator, device);
      const recovery = page.locator('passkey-recovery');
      await recovery.getByRole('textbox', { name: 'Username or email' }).fill(USERNAME);
      await recovery.getByRole('button', { name: 'Send a recovery link' }).click();
      await recovery.getByRole('status').filter({ hasText: 'we sent it a link' }).waitFor();
      const [mail] = await mailsTo(mock, USERNAME);
      assert.ok(mail, 'a recovery mail was sent');
      assert.equal(mail.link, `${origin}/?token=${encodeURIComponent(mail.token)}`);

      await page.goto(mail.link);
      await recovery.getByRole('textbox', { name: 'Username or email' }).fill(USERNAME);
      await recovery.getByRole('button', { name: 'Create a passkey' }).click();
      await page.locator('output').filter({ hasText: `${USERNAME} has a passkey.` }).waitFor();
      assert.deepEqual(mock.backend.accounts().recoveryTokens, [], 'the link is used up');

      // Sign in with the new passkey; the manager lists the one added earlier and the new one.
      await page.locator('passkey-login').getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.locator('output').filter({ hasText: `Welcome, ${USERNAME}!` }).waitFor();
      await rows(page).nth(1).waitFor();
      assert.equal(await rows(page).count(), 2);
      assert.equal(mock.backend.accounts().credentials.length, 2);

      if (challengeCookie) {
        // Every options answer set the challenge cookie (and each verify cleared it): the ceremonies above passed only
        // because the browser sent it back to the other origin.
        assert.ok(challengeCookies.some((path) => path.endsWith('/register/options')), challengeCookies.join(', '));
        assert.ok(challengeCookies.some((path) => path.endsWith('/authenticate/options')), challengeCookies.join(', '));
      } else {
        assert.deepEqual(challengeCookies, []);
      }
    } finally {
      await mock.close();
    }
  };
  // The signed-out manager's GET /credentials and GET /session, and the check after signing out, answer 401.
  await withPage(PAGE, steps, { allowErrors: [/the server responded with a status of 401/] });
}

test('the cross-origin page against the mock on another origin: sign-up, sign-in, list, add, delete, sign-out, recovery', () => journey(false));

test('the same against a backend that keeps the challenge in its session cookie', () => journey(true));
