/**
 * `npm run test:pack`: the package as people install it. Builds, packs, and installs the tarball with a plain
 * `npm install` into a scratch project under the OS temp dir that already has other versions of the mock's
 * libraries (msw 2, @simplewebauthn/server 13, cookie 1: the UI package has no peers to clash with them). Then checks
 * each entry point from there: imported in Node (lit's Node build brings its own DOM shim), type-checked (tag and
 * event maps, framework typings) and bundled (what a bundler keeps and drops); the manifest's module paths through the
 * exports map; the editor data; the script-tag files and their chunks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, parseSync } from 'vite';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
/** Already in the scratch app before the tarball: what an app with its own mock or server setup may have. */
const APP_HAS = { msw: '2', '@simplewebauthn/server': '13', cookie: '1' };

/** Every element folder with a define.ts: `passkey-login` → class `PasskeyLogin`, entry `passkey-elements/passkey-login`. */
const tags = readdirSync(join(repo, 'src/elements'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('passkey-') && existsSync(join(repo, 'src/elements', entry.name, 'define.ts')))
  .map((entry) => entry.name)
  .sort();
const className = (tag: string) => tag.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

let scratch: string;
let app: string;
let installed: string; // app/node_modules/passkey-elements
let packed: string[]; // the tarball's file list

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The version of a package installed in the scratch app. */
const installedVersion = (name: string): string => JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * Resolves a specifier as the scratch app would, without loading it. (Not `import.meta.resolve`, whose parent
 * argument Node ignores: from this file, `passkey-elements/…` would resolve to the repo itself.) The exports map
 * has no `import`/`require` conditions, so require's resolution is the same.
 */
const resolveInApp = (specifier: string) => createRequire(join(app, 'index.js')).resolve(specifier);

/** Imports a specifier in a fresh Node process from the scratch app; resolves with its export names and the tags it defined. */
function importInApp(specifier: string): { exports: string[]; defined: string[] } {
  const script = `
    const module = await import(${JSON.stringify(specifier)});
    const defined = ${JSON.stringify(tags)}.filter((tag) => globalThis.customElements?.get(tag));
    console.log(JSON.stringify({ exports: Object.keys(module).sort(), defined }));`;
  return JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app));
}

function parse(file: string) {
  return parseSync(file, readFileSync(file, 'utf8')).module;
}

/** Every module a file imports statically, transitively: relative files followed, bare specifiers collected. */
function importGraph(file: string, seen = new Set<string>(), bare = new Set<string>()): { files: Set<string>; bare: Set<string> } {
  if (seen.has(file)) return { files: seen, bare };
  seen.add(file);
  const module = parse(file);
  const requests = [
    ...module.staticImports.map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((statement) => statement.entries.map((entry) => entry.moduleRequest?.value)),
  ];
  for (const request of requests) {
    if (!request) continue;
    if (request.startsWith('.')) importGraph(join(dirname(file), request), seen, bare);
    else bare.add(request);
  }
  return { files: seen, bare };
}

/** The string specifiers of a module's `import()` calls. */
function dynamicImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return parse(file).dynamicImports.map((entry) => code.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^[`'"]|[`'"]$/g, ''));
}

/** Bundles `code` as an app's entry with the scratch app's node_modules, as a bundler user would; returns the output. */
async function bundleInApp(name: string, code: string): Promise<string> {
  writeFileSync(join(app, `${name}.js`), code);
  const output = await build({
    configFile: false,
    root: app,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: join(app, `${name}.js`), formats: ['es'] }, rolldownOptions: { output: { codeSplitting: false } } },
  });
  const [result] = Array.isArray(output) ? output : [output];
  return (result as { output: { type: string; code?: string }[] }).output.map((chunk) => chunk.code ?? '').join('\n');
}

let installOutput: string;

before(() => {
  run('npm', ['run', '--silent', 'build'], repo);
  scratch = mkdtempSync(join(tmpdir(), 'passkey-elements-pack-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], repo));
  packed = pack.files.map((file: { path: string }) => file.path);
  app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  // The app's own setup, from npm's cache where it has the packages.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...Object.entries(APP_HAS).map(([name, major]) => `${name}@${major}`)], app);
  // What the README tells people to run: no flags.
  const result = spawnSync('npm', ['install', join(scratch, pack.filename)], { cwd: app, encoding: 'utf8' });
  installOutput = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, `npm install of the tarball failed:\n${installOutput}`);
  installed = join(app, 'node_modules/passkey-elements');
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('ships dist/, the manifest, the README and the licence, and no sources, tests or stories', () => {
    const outside = packed.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'custom-elements.json', 'LICENSE'].includes(path));
    assert.deepEqual(outside, []);
    assert.deepEqual(packed.filter((path) => /\.test\.|stories|(^|\/)test\//.test(path)), []);
    assert.ok(packed.includes('custom-elements.json'));
    assert.ok(packed.includes('LICENSE'));
    assert.equal(manifest.customElements, 'custom-elements.json');
  });

  test('every file the exports map names is in it', () => {
    for (const [subpath, target] of Object.entries(manifest.exports as Record<string, string | Record<string, string>>)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        const pattern = new RegExp(`^${file.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '.+')}$`);
        assert.ok(packed.some((path) => pattern.test(path)), `${subpath}: ${file} is not in the tarball`);
      }
    }
    for (const target of [manifest.main, manifest.types]) assert.ok(packed.includes(target.replace(/^\.\//, '')), `${target} is not in the tarball`);
  });

  test('installs with a plain npm install next to other versions of msw, @simplewebauthn/server and cookie, and brings only lit and @simplewebauthn/browser', () => {
    assert.equal(manifest.peerDependencies, undefined, 'the UI package declares peers');
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@simplewebauthn/browser', 'lit']);
    assert.doesNotMatch(installOutput, /ERESOLVE|peer dep|EBADENGINE/i);
    for (const name of ['lit', '@simplewebauthn/browser']) assert.ok(existsSync(join(app, 'node_modules', name)), name);
    for (const [name, major] of Object.entries(APP_HAS)) assert.equal(installedVersion(name).split('.')[0], major, `the app's ${name} changed`);
  });

  test('has the metadata a registry shows, and no mock entry', () => {
    for (const field of ['description', 'license', 'repository', 'homepage', 'bugs', 'keywords', 'engines']) assert.ok(manifest[field], field);
    assert.deepEqual(Object.keys(manifest.exports).filter((subpath) => subpath.includes('mock')), []);
    assert.deepEqual(packed.filter((path) => path.includes('mock')), []);
  });
});

describe('entry points', () => {
  test('passkey-elements/client is PasskeyClient alone, and nothing it imports is lit', () => {
    const { exports, defined } = importInApp('passkey-elements/client');
    for (const name of ['PasskeyClient', 'PasskeyError', 'PASSKEY_ERROR_CODES', 'PASSKEY_PHASES', 'detectPasskeySupport']) {
      assert.ok(exports.includes(name), name);
    }
    assert.deepEqual(defined, []);
    const { files, bare } = importGraph(resolveInApp('passkey-elements/client'));
    assert.deepEqual([...bare].filter((specifier) => /^(lit|@lit\/|@lit-labs\/|lit-)/.test(specifier)), []);
    assert.deepEqual([...bare], [], 'a static import of a package');
    assert.ok([...files].every((file) => file.includes('/dist/client/')), 'the client imports outside dist/client/');
    // Loaded when needed: @simplewebauthn/browser only for browsers without WebAuthn's JSON methods, an error body's
    // reader after a request failed, the Signal API after a sign-in with a passkey the server does not know.
    const lazy = [...files].flatMap((file) => dynamicImports(file).map((request) => join(dirname(file), request)));
    assert.deepEqual(lazy.map((file) => file.slice(file.indexOf('/dist/'))).sort(), ['/dist/client/response-body.js', '/dist/client/signals.js', '/dist/client/webauthn-fallback.js']);
    assert.deepEqual([...importGraph(lazy.find((file) => file.endsWith('/webauthn-fallback.js'))!).bare], ['@simplewebauthn/browser']);
  });

  test('passkey-elements defines every element and exports everything', () => {
    const root = importInApp('passkey-elements');
    assert.deepEqual(root.defined, tags);
    const client = importInApp('passkey-elements/client');
    const elements = importInApp('passkey-elements/elements');
    for (const name of [...client.exports, ...elements.exports]) assert.ok(root.exports.includes(name), `passkey-elements lacks ${name}`);
  });

  test('passkey-elements/elements exports every element class and defines nothing', () => {
    const { exports, defined } = importInApp('passkey-elements/elements');
    for (const tag of tags) assert.ok(exports.includes(className(tag)), className(tag));
    for (const name of ['PasskeyErrorEvent', 'PasskeyElement', 'PASSKEY_LOCALES']) assert.ok(exports.includes(name), name);
    assert.deepEqual(defined, []);
  });

  for (const tag of tags) {
    test(`passkey-elements/${tag} defines <${tag}>, and only the elements it renders`, () => {
      const { exports, defined } = importInApp(`passkey-elements/${tag}`);
      assert.ok(exports.includes(className(tag)));
      // <passkey-recovery> shows a <passkey-register>, so its define module imports that one's.
      const defines = [...importGraph(resolveInApp(`passkey-elements/${tag}`)).files]
        .map((file) => /\/elements\/(passkey-[^/]+)\/define\.js$/.exec(file)?.[1])
        .filter((name) => name !== undefined);
      assert.ok(defined.includes(tag));
      assert.deepEqual(defined, defines.sort());
    });
  }
});

describe('types', () => {
  test('the declarations type a consumer: tags, events, the client, and the Vue, Svelte and React typings', () => {
    const modules = join(app, 'node_modules');
    // The framework typings need each framework's own types: borrow the repo's (a symlink resolves to its real path).
    for (const name of ['vue', 'svelte', '@types/react']) {
      mkdirSync(dirname(join(modules, name)), { recursive: true });
      if (!existsSync(join(modules, name))) symlinkSync(join(repo, 'node_modules', name), join(modules, name), 'dir');
    }
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023', 'dom', 'dom.iterable'],
          jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: false, types: [],
        },
        files: ['tags.ts', 'vue.ts', 'svelte.ts', 'react.tsx'],
      }),
    );
    writeFileSync(
      join(app, 'tags.ts'),
      `import { ${tags.map(className).join(', ')}, PasskeyClient } from 'passkey-elements';
      import { PasskeyError } from 'passkey-elements/client';
      ${tags.map((tag) => `export const ${className(tag)}Element: ${className(tag)} = document.createElement('${tag}');`).join('\n')}
      const login = document.querySelector('passkey-login')!;
      login.apiUrl = '/api/passkey';
      login.client = new PasskeyClient({ apiUrl: '/api' });
      // @ts-expect-error apiUrl is a string
      login.apiUrl = 1;
      login.addEventListener('passkey-authenticated', (event) => event.detail.username.toUpperCase());
      document.addEventListener('passkey-error', (event) => {
        const code: PasskeyError['code'] = event.detail.code;
        return code;
      });
      // @ts-expect-error the event has no such field
      login.addEventListener('passkey-registered', (event) => event.detail.nope);
      `,
    );
    writeFileSync(
      join(app, 'vue.ts'),
      `import type { GlobalComponents } from 'vue';
      import type {} from 'passkey-elements/vue';
      import { PasskeyClient } from 'passkey-elements/client';
      type Login = InstanceType<GlobalComponents['passkey-login']>;
      export const props: Login['$props'] = {
        'api-url': '/api', apiUrl: '/api', autofill: true, username: 'ada', 'color-scheme': 'dark', client: new PasskeyClient(), class: 'x',
      };
      // @ts-expect-error autofill is a boolean
      export const wrong: Login['$props'] = { autofill: 'yes' };
      export const emit = (login: Login, event: HTMLElementEventMap['passkey-authenticated']) => login.$emit('passkey-authenticated', event);
      `,
    );
    writeFileSync(
      join(app, 'svelte.ts'),
      `/// <reference path="${join(repo, 'node_modules/svelte/svelte-html.d.ts')}" />
      import type {} from 'passkey-elements/svelte';
      type Login = svelteHTML.IntrinsicElements['passkey-login'];
      export const props: Login = {
        'api-url': '/api', username: 'ada', autofill: true,
        'onpasskey-authenticated': (event) => event.detail.username, 'on:passkey-error': (event) => event.detail.code,
      };
      // @ts-expect-error color-scheme is light or dark
      export const wrong: Login = { 'color-scheme': 'blue' };
      `,
    );
    writeFileSync(
      join(app, 'react.tsx'),
      `import type {} from 'passkey-elements/jsx';
      export const ok = (
        <passkey-login api-url="/api" username="ada" autofill className="x" onpasskey-authenticated={(event) => event.detail.username} />
      );
      // @ts-expect-error the detail has no such field
      export const wrongEvent = <passkey-login onpasskey-error={(event) => event.detail.nope} />;
      // @ts-expect-error disabled is a boolean
      export const wrongType = <passkey-register disabled="no" />;
      `,
    );
    run(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
  });

  test('the root declarations declare HTMLElementTagNameMap entries for every tag', () => {
    const declared = new Set<string>();
    for (const file of importGraph(resolveInApp('passkey-elements')).files) {
      const types = readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8');
      for (const match of types.matchAll(/interface HTMLElementTagNameMap\s*\{([^}]*)\}/g)) {
        for (const [, tag] of match[1]!.matchAll(/['"]([\w-]+)['"]\s*:/g)) declared.add(tag!);
      }
    }
    assert.deepEqual([...declared].sort(), tags);
  });

  test('custom-elements.json defines every tag, with attributes named as the framework typings derive them', () => {
    const elements = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
    const definitions = elements.modules.flatMap((module: { exports?: { kind: string; name: string }[] }) =>
      (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition').map((entry) => entry.name),
    );
    assert.deepEqual([...new Set(definitions)].sort(), tags);
    for (const module of elements.modules) {
      for (const declaration of module.declarations ?? []) {
        for (const attribute of declaration.attributes ?? []) {
          if (!attribute.fieldName) continue;
          const kebab = attribute.fieldName.replace(/[A-Z]/g, (letter: string) => `-${letter.toLowerCase()}`);
          assert.equal(attribute.name, kebab, `${declaration.name}.${attribute.fieldName}`);
        }
      }
    }
  });

  test('every module custom-elements.json names imports through the exports map, as `passkey-elements/<path>`', () => {
    const elements = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
    const references = new Set([...JSON.stringify(elements).matchAll(/"(?:path|module)":"([^"]+)"/g)].map(([, reference]) => reference!));
    assert.ok(references.size >= tags.length * 2, `${references.size} module paths`);
    for (const reference of references) {
      assert.equal(resolveInApp(`passkey-elements/${reference}`), join(installed, reference), `passkey-elements/${reference}`);
    }
    const script = `for (const path of ${JSON.stringify([...references])}) await import('passkey-elements/' + path);`;
    run(process.execPath, ['--input-type=module', '-e', script], app);
  });
});

describe('editor data', () => {
  type Tag = { name: string; attributes: { name: string }[] };
  const attributesOf = (list: Tag[], tag: string) => list.find((entry) => entry.name === tag)?.attributes.map((attribute) => attribute.name) ?? [];

  test('VS Code custom data lists every tag with its attributes, and every custom property once', () => {
    const html = JSON.parse(readFileSync(join(installed, 'dist/vscode.html-custom-data.json'), 'utf8'));
    assert.deepEqual(html.tags.map((tag: Tag) => tag.name).sort(), tags);
    assert.ok(attributesOf(html.tags, 'passkey-login').includes('autofill'));
    assert.ok(attributesOf(html.tags, 'passkey-register').includes('ask-display-name'));
    const colorScheme = html.tags[0].attributes.find((attribute: { name: string }) => attribute.name === 'color-scheme');
    assert.deepEqual(colorScheme.values.map((value: { name: string }) => value.name), ['light', 'dark']);
    const css = JSON.parse(readFileSync(join(installed, 'dist/vscode.css-custom-data.json'), 'utf8'));
    const names = css.properties.map((property: { name: string }) => property.name);
    assert.ok(names.includes('--passkey-color-accent'));
    assert.equal(new Set(names).size, names.length, 'a custom property is listed twice');
  });

  test('the README\'s html.customData setting names the shipped files', () => {
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/node_modules\/passkey-elements\/([\w./-]+\.json)/g)].map(([, path]) => path!);
    assert.ok(named.includes('dist/vscode.html-custom-data.json'), 'the README does not name the VS Code HTML data');
    for (const path of named) assert.ok(existsSync(join(installed, path)), `${path}, named in the README, is not in the package`);
  });

  test('JetBrains web-types, which package.json names, list every tag with where to import it from', () => {
    assert.equal(manifest['web-types'], './dist/web-types.json');
    const webTypes = JSON.parse(readFileSync(join(installed, manifest['web-types']), 'utf8'));
    assert.equal(webTypes.name, 'passkey-elements');
    const elements: (Tag & { source: { module: string; symbol: string } })[] = webTypes.contributions.html.elements;
    assert.deepEqual(elements.map((element) => element.name).sort(), tags);
    for (const element of elements) {
      assert.deepEqual(element.source, { module: `passkey-elements/${element.name}`, symbol: className(element.name) });
      assert.ok(importInApp(element.source.module).exports.includes(element.source.symbol), element.name);
    }
  });
});

describe('bundles', () => {
  const cdn = (file: string) => join(installed, 'dist/cdn', file);
  // Strings that only the German table has: none may be in what a page loads up front, which takes other locales on demand.
  const german = ['Passkey erstellen', 'Mit Passkey anmelden', 'Benutzername'];
  const specifier = (code: string, request: { start: number; end: number }) => code.slice(request.start, request.end).replace(/^[`'"]|[`'"]$/g, '');

  /** A script-tag file and every file it imports statically (what a page loads up front), and what they `import()`. */
  function cdnGraph(file: string): { upFront: string[]; lazy: string[]; bare: string[] } {
    const upFront = new Set<string>();
    const lazy = new Set<string>();
    const bare: string[] = [];
    const visit = (path: string): void => {
      if (upFront.has(path)) return;
      upFront.add(path);
      const code = readFileSync(path, 'utf8');
      const module = parseSync(path, code).module;
      for (const request of [...module.staticImports.map((entry) => entry.moduleRequest.value), ...module.staticExports.flatMap((statement) => statement.entries.map((entry) => entry.moduleRequest?.value))]) {
        if (!request) continue;
        if (request.startsWith('.')) visit(join(dirname(path), request));
        else bare.push(request);
      }
      for (const entry of module.dynamicImports) lazy.add(join(dirname(path), specifier(code, entry.moduleRequest)));
    };
    visit(cdn(file));
    return { upFront: [...upFront], lazy: [...lazy].filter((path) => !upFront.has(path)), bare };
  }

  for (const tag of ['passkey-elements', ...tags]) {
    test(`dist/cdn/${tag}.js loads its chunks from beside it, English up front and the other locales on demand`, () => {
      const { upFront, lazy, bare } = cdnGraph(`${tag}.js`);
      assert.deepEqual(bare, [], 'a bare specifier, which no script tag can resolve');
      for (const path of [...upFront, ...lazy]) assert.ok(existsSync(path), `${path} is missing`);
      const code = upFront.map((path) => readFileSync(path, 'utf8')).join('\n');
      for (const text of german) assert.ok(!code.includes(text), `"${text}" is loaded up front`);
      assert.ok(lazy.length >= 7, `${lazy.length} lazy chunks`);
      assert.ok(lazy.some((path) => readFileSync(path, 'utf8').includes('Passkey erstellen')), 'no German chunk');
      assert.ok(upFront.some((path) => /customElements\.define/.test(readFileSync(path, 'utf8'))), 'nothing defines a tag');
    });
  }

  test('dist/cdn/autoloader.js loads no element up front, and each element file on demand', () => {
    const { upFront, lazy, bare } = cdnGraph('autoloader.js');
    assert.deepEqual(bare, []);
    assert.ok(!upFront.some((path) => /LitElement|customElements\.define/.test(readFileSync(path, 'utf8'))), 'the autoloader loads an element up front');
    const onDemand = lazy.map((path) => relative(cdn('.'), path));
    assert.deepEqual(onDemand.filter((file) => !file.startsWith('chunks/')).sort(), tags.map((tag) => `${tag}.js`));
  });

  test('a bundler keeps only what an app uses (sideEffects)', async () => {
    const locales = await bundleInApp('locales', `import { PASSKEY_LOCALES } from 'passkey-elements/elements';\nconsole.log(PASSKEY_LOCALES);`);
    assert.ok(!/lit-html|LitElement|customElements\.define/.test(locales), 'importing a constant kept the elements');
    const login = await bundleInApp('login', `import 'passkey-elements/passkey-login';`);
    assert.match(login, /passkey-login/);
    assert.ok(!login.includes("'passkey-register'") && !login.includes('"passkey-register"'), 'passkey-login pulled in passkey-register');
  });
});
