/**
 * `npm run build -w passkey-elements-server`: the server package in server/dist/.
 *   dist/<entry>.js       ES modules for Node 22+, one per entry, sharing chunks in dist/chunks/. The kit's protocol
 *                         table and username check (src/client/…) are bundled in: the server does not depend on the UI
 *                         package. Dependencies and node: modules stay imports.
 *   dist/<entry>.d.ts     declarations (tsc), the kit's modules among them under dist/client/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const server = fileURLToPath(new URL('..', import.meta.url));
const dist = join(server, 'dist');
const types = join(server, '.types');

/** Output name (without .js) → source, for every `exports` entry and bin (a bin's source starts with its `#!`). */
const ENTRIES: Record<string, string> = {
  index: 'src/index.ts',
  'adapters/node': 'src/adapters/node.ts',
  'adapters/express': 'src/adapters/express.ts',
  'stores/memory': 'src/stores/memory.ts',
  'stores/sqlite': 'src/stores/sqlite.ts',
  'stores/postgres': 'src/stores/postgres.ts',
  cli: 'src/cli.ts',
  'check/cli': 'src/check/cli.ts',
};
const entries = Object.fromEntries(Object.entries(ENTRIES).filter(([, source]) => existsSync(join(server, source))));

function run(command: string, args: string[]): void {
  console.log(`> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: server, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
rmSync(types, { recursive: true, force: true });

console.log(`> bundle ${Object.values(entries).join(', ')} → server/dist/`);
await build({
  configFile: false,
  root: server,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: true,
    outDir: dist,
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: Object.fromEntries(Object.entries(entries).map(([name, source]) => [name, join(server, source)])),
      // Packages and node: modules are imports of the published code; only relative modules are bundled.
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});

// Declarations: tsc over the entries, from the repository root so the kit's modules come along.
writeFileSync(
  join(server, 'tsconfig.build.json'),
  `${JSON.stringify(
    {
      extends: '../tsconfig.json',
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        rootDir: '..',
        outDir: '.types',
        types: ['node'],
        paths: {},
      },
      files: Object.values(entries),
      include: [],
    },
    null,
    2,
  )}\n`,
);
run('tsc', ['-p', 'tsconfig.build.json']);
rmSync(join(server, 'tsconfig.build.json'));

/** Where a declaration of the temporary tree goes in dist/. */
const shipped = (file: string): string | undefined => {
  const fromServer = relative(join(types, 'server', 'src'), file);
  if (!fromServer.startsWith('..')) return join(dist, fromServer);
  const fromKit = relative(join(types, 'src', 'client'), file);
  if (!fromKit.startsWith('..')) return join(dist, 'client', fromKit);
  return undefined;
};
for (const entry of readdirSync(types, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = shipped(from);
  if (!to || to.includes(`${sep}testing${sep}`)) continue;
  // Relative specifiers point at the moved files, as .js.
  const source = readFileSync(from, 'utf8').replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, (_, before: string, specifier: string, after: string) => {
    const target = shipped(resolve(dirname(from), `${specifier}.d.ts`));
    if (!target) throw new Error(`${from} imports ${specifier}, outside the server and the kit's client modules`);
    let path = relative(dirname(to), target).replace(/\.d\.ts$/, '.js').split(sep).join('/');
    if (!path.startsWith('.')) path = `./${path}`;
    return `${before}${path}${after}`;
  });
  cpSync(from, to); // makes the directories
  writeFileSync(to, source);
}
rmSync(types, { recursive: true, force: true });

console.log(`built server/dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
