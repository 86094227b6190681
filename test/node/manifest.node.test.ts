/**
 * custom-elements.json as `npm run analyze` makes it (in memory here): valid against the schema of the
 * custom-elements-manifest package (ajv), at that schema's version, and complete where tools read it — every
 * element with its tag, each event with its type, every custom property a page can set as an entry of its own with a
 * description, the reflected `state` attribute. That its module paths resolve through package.json `exports` is
 * checked on the packed tarball (test/package/pack.node.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error the analyzer ships no types for its CLI module
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { Ajv } from 'ajv';
import { parseSync } from 'vite';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

interface CssProperty { name: string; description?: string }
interface Event { name: string; type?: { text: string; references?: { name: string; module?: string }[] } }
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  events?: Event[];
  attributes?: { name: string; fieldName?: string; description?: string }[];
  cssProperties?: CssProperty[];
}
interface Manifest { schemaVersion: string; modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[] }

let manifest: Manifest;
let elements: Declaration[];

/** Every element folder with a define.ts: the tags the kit defines. */
const tags = readdirSync(join(repo, 'src/elements'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('passkey-'))
  .map((entry) => entry.name)
  .sort();

/** `--passkey-*` custom properties that the `css` templates of `folder` read, by a static parse of its sources. */
function customPropertiesReadIn(folder: string): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(join(repo, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  for (const file of files) {
    const path = join(repo, folder, file);
    const code = readFileSync(path, 'utf8');
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const { type, tag, quasi } = node as { type?: string; tag?: { type?: string; name?: string }; quasi?: { start: number; end: number } };
      if (type === 'TaggedTemplateExpression' && tag?.type === 'Identifier' && tag.name === 'css' && quasi) {
        for (const [, name] of code.slice(quasi.start, quasi.end).matchAll(/var\(\s*(--passkey-[\w-]+)/g)) names.add(name!);
      }
      for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
    };
    visit(parseSync(relative(repo, path), code).program);
  }
  return names;
}

before(async () => {
  manifest = await cli({ argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], cwd: repo, noWrite: true });
  elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
});

describe('custom-elements.json', () => {
  test('is valid against the custom-elements-manifest schema, at its version', () => {
    const schema = JSON.parse(readFileSync(require.resolve('custom-elements-manifest/schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false }).addSchema(schema, 'cem');
    const check = (ref: string, data: unknown, where: string) => {
      const validate = ajv.getSchema(`cem${ref}`)!;
      assert.ok(validate(data), `${where}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
    };
    check('', manifest, 'the manifest');
    // A declaration may be any of several kinds and none forbids extra fields, so a custom element missing what the
    // schema requires of one (an event's type) still passes as a plain class: check each as what it says it is.
    for (const declaration of elements) check('#/definitions/CustomElementDeclaration', declaration, `<${declaration.tagName}>`);
    assert.equal(manifest.schemaVersion, JSON.parse(readFileSync(require.resolve('custom-elements-manifest/package.json'), 'utf8')).version);
  });

  test('declares and defines every tag', () => {
    assert.deepEqual(elements.map((element) => element.tagName).sort(), tags);
    const definitions = manifest.modules.flatMap((module) => (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition').map((entry) => entry.name));
    assert.deepEqual([...new Set(definitions)].sort(), tags);
  });

  test('gives every event the event class it dispatches, declared in the manifest', () => {
    const declared = new Set(manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => `${module.path}#${declaration.name}`)));
    for (const element of elements) {
      assert.ok(element.events?.length, `<${element.tagName}> lists no events`);
      for (const event of element.events!) {
        const where = `<${element.tagName}> ${event.name}`;
        assert.match(event.type?.text ?? '', /^Passkey\w+Event$/, where);
        const [reference] = event.type!.references ?? [];
        assert.ok(reference && declared.has(`${reference.module}#${reference.name}`), `${where}: ${JSON.stringify(reference)} is not declared`);
      }
    }
  });

  test('lists the reflected state attribute on every element, and describes every attribute', () => {
    for (const element of elements) {
      assert.ok(element.attributes?.some((attribute) => attribute.name === 'state' && attribute.fieldName === 'state'), `<${element.tagName}>`);
      const undescribed = (element.attributes ?? []).filter((attribute) => !attribute.description?.trim()).map((attribute) => attribute.name);
      assert.deepEqual(undescribed, [], `<${element.tagName}>: attributes without a description (a property-only name listed as an attribute?)`);
    }
  });

  test('describes every custom property a page can set, each as an entry of its own', () => {
    const shared = customPropertiesReadIn('src/elements/shared');
    assert.ok(shared.size >= 10, `only ${[...shared].join(', ')} found in the shared styles`);
    for (const element of elements) {
      const documented = new Map((element.cssProperties ?? []).map((property) => [property.name, property]));
      const read = new Set([...shared, ...customPropertiesReadIn(`src/elements/${element.tagName}`)]);
      const missing = [...read].filter((name) => !documented.has(name));
      assert.deepEqual(missing, [], `<${element.tagName}> reads these but does not list them`);
      const undescribed = [...documented.values()].filter((property) => !property.description?.trim()).map((property) => property.name);
      assert.deepEqual(undescribed, [], `<${element.tagName}>: no description`);
    }
  });
});
