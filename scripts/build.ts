/**
 * `npm run build`: the package in dist/.
 *   dist/**            ES modules, one per source file, with declarations: for bundlers (lit and @simplewebauthn/browser external)
 *   dist/mock/**       the mock backend (msw, @simplewebauthn/server, cookie, @whatwg-node/server: optional peers)
 *   dist/types/*       framework typings: passkey-elements/vue, /svelte, /jsx
 *   dist/cdn/*.js      minified self-contained bundles for a script tag; locales but English (and <passkey-manager>'s authenticator names) load on demand from dist/cdn/chunks/
 *   custom-elements.json (npm run analyze)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, root } from './bundle.ts';

function run(command: string, args: string[]): void {
  console.log(`> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const started = performance.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });

// tsc itself, not `npx tsc`: npm scripts have node_modules/.bin on PATH.
run('tsc', ['-p', 'tsconfig.build.json']);
run('tsc', ['-p', 'tsconfig.build.mock.json']);

// tsc keeps the sources' `.ts` specifiers in declarations (it rewrites them only in JS): point them at what ships.
for (const entry of readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const source = readFileSync(file, 'utf8');
  const rewritten = source.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
  if (rewritten !== source) writeFileSync(file, rewritten);
}

const cdn = [
  { entry: 'src/index.ts', fileName: 'passkey-elements.js' },
  { entry: 'src/elements/passkey-login/define.ts', fileName: 'passkey-login.js' },
];
for (const options of cdn) {
  console.log(`> bundle ${options.entry} → dist/cdn/${options.fileName}`);
  await bundle({ ...options, outDir: 'dist/cdn' });
}

run('npm', ['run', '--silent', 'analyze']); // custom-elements.json

console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
