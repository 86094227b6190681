/**
 * Server-side rendering with @lit-labs/ssr, as a Lit or Eleventy site would do it: each element renders to
 * declarative shadow DOM in Node without throwing, with its English text and its parts in the HTML, and every
 * entry of the kit imports in Node (lit's Node build brings its own minimal DOM).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const tags = readdirSync(join(src, 'elements'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('passkey-'))
  .map((entry) => entry.name)
  .sort();

/** What each element shows first, in English: its button or its first words. */
const visibleText: Record<string, RegExp> = {
  'passkey-register': /Create a passkey/,
  'passkey-login': /Sign in with a passkey/,
  'passkey-manager': /Loading your passkeys/,
  'passkey-recovery': /Send a recovery link/,
};

/** Renders `template` to a string, as a server would before sending the page. */
const renderToString = (template: unknown) => collectResult(render(template));

describe('every entry imports in Node', () => {
  for (const entry of ['index.ts', 'client/index.ts', 'elements/index.ts', ...tags.map((tag) => `elements/${tag}/define.ts`)]) {
    test(`src/${entry}`, async () => {
      await import(join(src, entry));
    });
  }
});

describe('server-side rendering with @lit-labs/ssr', () => {
  test('the test knows every element', () => {
    assert.deepEqual(Object.keys(visibleText).sort(), tags);
  });

  for (const tag of tags) {
    test(`<${tag}> renders to declarative shadow DOM, with its parts`, async () => {
      await import(join(src, 'elements', tag, 'define.ts'));
      const output = await renderToString(staticHtml`<${unsafeStatic(tag)} api-url="/api/passkey" username="ada"></${unsafeStatic(tag)}>`);
      assert.match(output, new RegExp(`<${tag}[^>]*>\\s*<template shadowroot="open" shadowrootmode="open">`), 'no declarative shadow root');
      assert.match(output, /part="base"/);
      assert.doesNotMatch(output, /\[object Object\]|undefined/);
    });

    // The server cannot know the person's browser: its HTML must not tell everyone their browser has no passkeys,
    // which would show until the element upgrades.
    test(`<${tag}>'s server HTML shows what the element offers, not the no-WebAuthn explanation`, async () => {
      await import(join(src, 'elements', tag, 'define.ts'));
      const output = await renderToString(staticHtml`<${unsafeStatic(tag)}></${unsafeStatic(tag)}>`);
      assert.doesNotMatch(output, /part="not-supported"/);
      assert.match(output, visibleText[tag]!);
    });
  }

  test('a page with all four, and attributes on each, renders in one pass', async () => {
    await import(join(src, 'index.ts'));
    const output = await renderToString(html`<main lang="de">
      <passkey-register ask-display-name></passkey-register>
      <passkey-login autofill color-scheme="dark"></passkey-login>
      <passkey-manager></passkey-manager>
      <passkey-recovery token="abc"></passkey-recovery>
    </main>`);
    for (const tag of tags) assert.match(output, new RegExp(`<${tag}[^>]*>\\s*<template shadowroot`), tag);
  });
});
