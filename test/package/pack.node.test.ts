/**
 * `npm run test:pack`: the package as people install it. Builds, packs, installs the tarball into a scratch
 * project under the OS temp dir, then checks each entry point from there: imported in Node where it runs there
 * (lit's Node build brings its own DOM shim), parsed statically where it does not (mock/browser), type-checked
 * (tag and event maps, framework typings), and bundled (what a bundler keeps and drops).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, parseSync } from 'vite';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const OPTIONAL_PEERS = ['msw', '@simplewebauthn/server', 'cookie', '@whatwg-node/server'];

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

/** `npm install` from npm's cache where it has the packages (lit, msw… are there after `npm ci`). */
const npmInstall = (specs: string[]) =>
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...specs], app);

/** Resolves a specifier as the scratch app would, without loading it. */
const resolveInApp = (specifier: string) => fileURLToPath(import.meta.resolve(specifier, pathToFileURL(join(app, 'index.js'))));

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

/** The names an ES module exports, following `export * from` through relative files, by a static parse. */
function staticExports(file: string): string[] {
  const names = new Set<string>();
  for (const statement of parse(file).staticExports) {
    for (const entry of statement.entries) {
      if (entry.isType) continue;
      if (entry.importName.kind === 'AllButDefault' && entry.moduleRequest) {
        for (const name of staticExports(join(dirname(file), entry.moduleRequest.value))) if (name !== 'default') names.add(name);
      } else if (entry.exportName.name) names.add(entry.exportName.name);
    }
  }
  return [...names].sort();
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

before(() => {
  run('npm', ['run', '--silent', 'build'], repo);
  scratch = mkdtempSync(join(tmpdir(), 'passkey-elements-pack-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], repo));
  packed = pack.files.map((file: { path: string }) => file.path);
  app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npmInstall([join(scratch, pack.filename)]);
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
    const targets = Object.entries(manifest.exports as Record<string, string | Record<string, string>>).flatMap(([subpath, target]) => {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      return subpath.includes('*') ? tags.flatMap((tag) => files.map((file) => file.replace('passkey-*', tag))) : files;
    });
    for (const target of [...targets, manifest.main, manifest.types]) {
      assert.ok(packed.includes(target.replace(/^\.\//, '')), `${target} is not in the tarball`);
    }
  });

  test('installs lit and @simplewebauthn/browser, and none of the mock backend\'s optional peers', () => {
    for (const name of ['lit', '@simplewebauthn/browser']) assert.ok(existsSync(join(app, 'node_modules', name)), name);
    for (const name of OPTIONAL_PEERS) {
      assert.ok(!existsSync(join(app, 'node_modules', name)), `${name} got installed`);
      assert.equal(manifest.peerDependenciesMeta[name]?.optional, true, `${name} is not an optional peer`);
      assert.ok(manifest.devDependencies[name], `${name} is not a devDependency`);
    }
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
    // @simplewebauthn/browser only for browsers without WebAuthn's JSON methods, loaded then.
    const lazy = [...files].flatMap((file) => dynamicImports(file).map((request) => join(dirname(file), request)));
    assert.deepEqual(lazy.map((file) => file.slice(file.indexOf('/dist/'))), ['/dist/client/webauthn-fallback.js']);
    assert.deepEqual([...importGraph(lazy[0]!).bare], ['@simplewebauthn/browser']);
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

  describe('the mock backend, with its optional peers installed', () => {
    before(() => npmInstall(OPTIONAL_PEERS.map((name) => `${name}@${manifest.peerDependencies[name]}`)));

    test('passkey-elements/mock', () => {
      const { exports } = importInApp('passkey-elements/mock');
      for (const name of ['createMockBackend', 'MockStore', 'MockVerifier', 'MockFaults', 'MockClock']) assert.ok(exports.includes(name), name);
    });

    test('passkey-elements/mock/node answers the protocol in-process', () => {
      const script = `
        import { startNodeMock } from 'passkey-elements/mock/node';
        const mock = startNodeMock();
        const response = await fetch('http://localhost/api/passkey/register/options', {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', displayName: 'Ada' }),
        });
        const options = await response.json();
        mock.server.close();
        console.log(JSON.stringify({ status: response.status, rp: options.rp?.name, challenge: typeof options.challenge }));`;
      const result = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app));
      assert.deepEqual(result, { status: 200, rp: 'passkey-elements mock', challenge: 'string' });
    });

    test('passkey-elements/mock/serve and /mock/browser resolve and export their starters', () => {
      assert.ok(importInApp('passkey-elements/mock/serve').exports.includes('startMockHttpServer'));
      // msw/browser has no Node build: read its exports instead of running it.
      assert.deepEqual(staticExports(resolveInApp('passkey-elements/mock/browser')), ['startBrowserMock']);
    });
  });
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
    const references = JSON.stringify(elements).matchAll(/"(?:path|module)":"([^"]+)"/g);
    for (const [, reference] of references) assert.ok(existsSync(join(installed, reference!)), `${reference} is not in the package`);
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
});

describe('bundles', () => {
  const cdn = (file: string) => join(installed, 'dist/cdn', file);
  // Strings that only the German table has: none may be in the bundles, which load other locales on demand.
  const german = ['Passkey erstellen', 'Mit Passkey anmelden', 'Benutzername'];

  for (const file of ['passkey-elements.js', 'passkey-login.js']) {
    test(`dist/cdn/${file} is self-contained, with the locales but English beside it, loaded on demand`, () => {
      const module = parse(cdn(file));
      assert.deepEqual(module.staticImports.map((entry) => entry.moduleRequest.value), [], 'static imports');
      const code = readFileSync(cdn(file), 'utf8');
      for (const text of german) assert.ok(!code.includes(text), `"${text}" is in ${file}`);
      assert.ok(code.includes('Create a passkey') || code.includes('passkey'), 'English is bundled');
      const lazy = module.dynamicImports.map((entry) => code.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^[`'"]|[`'"]$/g, ''));
      assert.ok(lazy.length >= 7, `${lazy.length} lazy chunks`);
      for (const chunk of lazy) assert.ok(existsSync(join(dirname(cdn(file)), chunk)), `${chunk} is missing`);
      assert.ok(lazy.some((chunk) => readFileSync(join(dirname(cdn(file)), chunk), 'utf8').includes('Passkey erstellen')), 'no German chunk');
    });
  }

  test('a bundler keeps only what an app uses (sideEffects)', async () => {
    const locales = await bundleInApp('locales', `import { PASSKEY_LOCALES } from 'passkey-elements/elements';\nconsole.log(PASSKEY_LOCALES);`);
    assert.ok(!/lit-html|LitElement|customElements\.define/.test(locales), 'importing a constant kept the elements');
    const login = await bundleInApp('login', `import 'passkey-elements/passkey-login';`);
    assert.match(login, /passkey-login/);
    assert.ok(!login.includes("'passkey-register'") && !login.includes('"passkey-register"'), 'passkey-login pulled in passkey-register');
  });
});
