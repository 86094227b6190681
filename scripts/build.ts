/**
 * `npm run build`: the package in dist/.
 *   dist/**            ES modules, one per source file, with declarations: for bundlers (lit and @simplewebauthn/browser external)
 *   dist/types/*       framework typings: passkey-elements/vue, /svelte, /jsx
 *   dist/react/, dist/angular/   the framework entries (scripts/build-frameworks.ts)
 *   dist/cdn/*.js      minified files for a script tag (scripts/bundle.ts): the whole kit in one file, one per element
 *                      sharing chunks in dist/cdn/chunks/ (lit once), and the autoloader; the locales but English on demand
 *   custom-elements.json (npm run analyze), and the editor data made from it (scripts/editor-data.ts)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFrameworks } from './build-frameworks.ts';
import { bundleCdn, root } from './bundle.ts';
import { writeEditorData } from './editor-data.ts';

function run(command: string, args: string[]): void {
  console.log(`> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const started = performance.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });

// tsc itself, not `npx tsc`: npm scripts have node_modules/.bin on PATH.
run('tsc', ['-p', 'tsconfig.build.json']);

// tsc keeps the sources' `.ts` specifiers in declarations (it rewrites them only in JS): point them at what ships.
for (const entry of readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const source = readFileSync(file, 'utf8');
  const rewritten = source.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
  if (rewritten !== source) writeFileSync(file, rewritten);
}

await buildFrameworks(); // dist/react (with @lit/react bundled) and dist/angular (ngc, partial Ivy)

console.log('> bundle dist/cdn/');
await bundleCdn('dist/cdn');

run('npm', ['run', '--silent', 'analyze']); // custom-elements.json
console.log('> editor data from custom-elements.json → dist/');
writeEditorData(join(root, 'custom-elements.json'), join(root, 'dist'));

console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
