// `npm start` on the real server (issue 11): the demo served with PASSKEY_API_URL talks to passkey-elements-server on
// SQLite instead of the in-page mock. A person signs up through the demo, the server restarts on the same database
// file, and the same person signs in again with the same passkey.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createProbe } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNodeServer } from '../../server/src/adapters/node.ts';
import { createPasskeyServer } from '../../server/src/server.ts';
import { createSqliteStore } from '../../server/src/stores/sqlite.ts';
import { repo, useBrowser, withPage } from './page-harness.ts';

const DEMO = `${repo}vite.config.ts`;
/** Signed out, `GET /session` answers 401, which the browser logs. */
const SIGNED_OUT = { allowErrors: [/status of 401 \(Unauthorized\)/] };

useBrowser();

async function freePort(): Promise<number> {
  const probe = createProbe();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The server as `npm run server` runs it: SQLite at `path`, for the page at `origin`. */
async function startServer(path: string, port: number, origin: string): Promise<{ close(): Promise<void> }> {
  const store = createSqliteStore({ path });
  const passkeys = createPasskeyServer({
    rpID: 'localhost',
    rpName: 'passkey-elements demo',
    origins: [origin],
    store,
    recoveryPageUrl: `${origin}/recovery`,
    sendRecoveryEmail: () => {},
  });
  const http: Server = createNodeServer(passkeys);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return {
    async close() {
      await new Promise((resolve) => http.close(resolve));
      http.closeAllConnections();
      await passkeys.close();
      await store.close();
    },
  };
}

test('the demo on passkey-elements-server: sign up, restart the server, sign in with the same passkey', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-demo-server-'));
  const port = await freePort();
  const apiUrl = `http://localhost:${port}/api/passkey`;
  process.env.PASSKEY_API_URL = apiUrl; // read by vite.config.ts when the demo is served
  try {
    await withPage(
      DEMO,
      async (page, origin) => {
        let server = await startServer(join(dir, 'passkeys.db'), port, origin);
        try {
          await page.goto(origin);
          await page.locator('.lede', { hasText: `the server at ${apiUrl}` }).waitFor();
          assert.equal(await page.locator('#outbox-panel').isHidden(), true, 'no mock outbox on a real server');

          const register = page.locator('passkey-register');
          await register.getByRole('textbox', { name: 'Username or email' }).fill('ada@example.com');
          await register.getByRole('button', { name: 'Create a passkey' }).click();
          await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
          assert.equal(await page.locator('#session').textContent(), 'Signed in as ada@example.com.');
          await page.locator('passkey-manager [part~="row"]').first().waitFor();

          await page.getByRole('button', { name: 'Sign out' }).click();
          await page.getByRole('heading', { name: 'Sign in' }).waitFor();

          await server.close();
          server = await startServer(join(dir, 'passkeys.db'), port, origin);

          const login = page.locator('passkey-login');
          await login.getByRole('textbox', { name: 'Username or email' }).fill('ada@example.com');
          await login.getByRole('button', { name: 'Sign in with a passkey' }).click();
          await page.getByRole('heading', { name: 'Your passkeys' }).waitFor();
          assert.equal(await page.locator('#session').textContent(), 'Signed in as ada@example.com.');
          assert.equal(await page.locator('passkey-manager [part~="row"]').count(), 1, 'the passkey survived the restart');
        } finally {
          await server.close();
        }
      },
      SIGNED_OUT,
    );
  } finally {
    delete process.env.PASSKEY_API_URL;
    rmSync(dir, { recursive: true, force: true });
  }
});
