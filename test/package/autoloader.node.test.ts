/**
 * dist/cdn/autoloader.js in Chromium, as a page loads it from a CDN: it defines the kit's tags that are on the page
 * and those added later (in the document, and in an open shadow root it is told about), downloading only their files
 * and the shared chunk once; `configure()` from it reaches the elements. The files are built in memory exactly as
 * `npm run build` writes dist/cdn/ (scripts/bundle.ts) and served from 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import type { Rolldown } from 'vite';
import { bundleCdn, loadedFor } from '../../scripts/bundle.ts';

let chunks: Rolldown.OutputChunk[];
let server: Server;
let origin: string;
let browser: Browser;
/** Paths the pages asked the API for. */
const apiRequests: string[] = [];
/** The page each test serves at `/`. */
let pageHtml = '';
/** CDN files the server answers 404 for, as a CDN that lost them. */
let missing: RegExp | undefined;

before(async () => {
  chunks = await bundleCdn();
  const files = new Map(chunks.map((chunk) => [`/cdn/${chunk.fileName}`, chunk.code]));
  server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://localhost').pathname;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml);
    const code = missing?.test(path) ? undefined : files.get(path);
    if (code !== undefined) return response.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    apiRequests.push(`${request.method} ${path}`);
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"test server"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `html` (its body) with the autoloader in the head; resolves with the page and the CDN files it requested. */
async function open(body: string, head = '<script type="module" src="/cdn/autoloader.js"></script>'): Promise<{ page: Page; requested: string[] }> {
  pageHtml = `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/cdn/')) requested.push(path.slice('/cdn/'.length));
  });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(`${origin}/`);
  return { page, requested };
}

const defined = (page: Page, tag: string) => page.evaluate((name) => customElements.get(name) !== undefined, tag);
/** Resolves true once `tag` is defined; fails the test after 10 s. */
const whenDefined = async (page: Page, tag: string) => {
  await page.waitForFunction((name) => customElements.get(name) !== undefined, tag, { timeout: 10_000 });
  return true;
};
const filesFor = (...entries: string[]) => new Set(entries.flatMap((entry) => loadedFor(chunks, entry).map((chunk) => chunk.fileName)));

describe('dist/cdn/autoloader.js', () => {
  test('defines the tags on the page, downloading their files and the shared chunk once, and no other element', async () => {
    const { page, requested } = await open('<passkey-login></passkey-login><passkey-register></passkey-register>');
    try {
      await whenDefined(page, 'passkey-login');
      await whenDefined(page, 'passkey-register');
      const button = page.locator('passkey-login').getByRole('button', { name: 'Sign in with a passkey' });
      await button.waitFor();
      assert.deepEqual(new Set(requested), filesFor('autoloader', 'passkey-login', 'passkey-register'));
      assert.equal(requested.length, new Set(requested).size, `a file was downloaded twice: ${requested.join(', ')}`);
      assert.equal(await defined(page, 'passkey-manager'), false);
      assert.equal(await defined(page, 'passkey-recovery'), false);
    } finally {
      await page.close();
    }
  });

  test('downloads nothing more on a page without the tags', async () => {
    const { page, requested } = await open(
      '<p>No passkeys here.</p>',
      `<script type="module">import { discover } from '/cdn/autoloader.js'; await discover(); window.discovered = true;</script>`,
    );
    try {
      await page.waitForFunction(() => (window as { discovered?: boolean }).discovered);
      assert.deepEqual(new Set(requested), filesFor('autoloader'));
    } finally {
      await page.close();
    }
  });

  test('defines a tag added to the page later', async () => {
    const { page } = await open('<main></main>');
    try {
      await page.evaluate(() => document.querySelector('main')!.append(document.createElement('div')));
      assert.equal(await defined(page, 'passkey-manager'), false);
      await page.evaluate(() => {
        const wrapper = document.createElement('section');
        wrapper.innerHTML = '<passkey-manager></passkey-manager>';
        document.querySelector('main')!.append(wrapper);
      });
      assert.ok(await whenDefined(page, 'passkey-manager'));
      await page.locator('passkey-manager').locator('[part~=base]').waitFor();
    } finally {
      await page.close();
    }
  });

  test('defines tags in an open shadow root it is told about, and not in one it is not', async () => {
    const { page } = await open('<div id="told"></div><div id="untold"></div>');
    try {
      await page.evaluate(async () => {
        const { discover } = await import(`${location.origin}/cdn/autoloader.js`);
        const told = document.querySelector('#told')!.attachShadow({ mode: 'open' });
        await discover(told);
        told.innerHTML = '<passkey-register></passkey-register>';
        const untold = document.querySelector('#untold')!.attachShadow({ mode: 'open' });
        untold.innerHTML = '<passkey-manager></passkey-manager>';
      });
      assert.ok(await whenDefined(page, 'passkey-register'));
      // The observer handles mutations in order: once a tag added after the untold one is defined, the untold one
      // would have been too.
      await page.evaluate(() => document.body.append(document.createElement('passkey-login')));
      assert.ok(await whenDefined(page, 'passkey-login'));
      assert.equal(await defined(page, 'passkey-manager'), false);
    } finally {
      await page.close();
    }
  });

  test('registerLocale() from the autoloader, which has its own copy, reaches the elements it loads', async () => {
    const { page } = await open(
      '<passkey-login locale="tlh"></passkey-login>',
      `<script type="module">import { registerLocale } from '/cdn/autoloader.js'; registerLocale('tlh', { loginButton: 'nuqneH' });</script>`,
    );
    try {
      await whenDefined(page, 'passkey-login');
      await page.locator('passkey-login').getByRole('button', { name: 'nuqneH' }).waitFor({ timeout: 10_000 });
    } finally {
      await page.close();
    }
  });

  test("a failed request's error body is read by a chunk loaded then; without that chunk, the status says what happened", async () => {
    const failure = async () => {
      const { page } = await open('<passkey-login></passkey-login>');
      try {
        await whenDefined(page, 'passkey-login');
        const detail = page.evaluate(() => new Promise((resolve) => document.addEventListener('passkey-error', (event) => resolve((event as CustomEvent).detail), { once: true })));
        await page.locator('passkey-login').getByRole('button', { name: 'Sign in with a passkey' }).click();
        return await detail;
      } finally {
        await page.close();
      }
    };
    assert.deepEqual(await failure(), { code: 'server', message: 'test server', phase: 'options', status: 503 });
    missing = /response-body/;
    try {
      assert.deepEqual(await failure(), { code: 'server', message: 'The server answered 503', phase: 'options', status: 503 });
    } finally {
      missing = undefined;
    }
  });

  test("configure() from the autoloader sets the elements' API address", async () => {
    const { page } = await open(
      '<passkey-login></passkey-login>',
      `<script type="module">import { configure } from '/cdn/autoloader.js'; configure({ apiUrl: '/configured/api' });</script>`,
    );
    try {
      await whenDefined(page, 'passkey-login');
      const before = apiRequests.length;
      await page.locator('passkey-login').getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.locator('passkey-login').locator('[part~=message]').filter({ hasText: /\S/ }).waitFor();
      assert.deepEqual(apiRequests.slice(before), ['POST /configured/api/authenticate/options']);
    } finally {
      await page.close();
    }
  });
});
