/**
 * Angular's compiler and linker, from this folder's own node_modules: they need TypeScript 5.9's JS API (the repo's
 * TypeScript 7 has none), and npm gives compiler-cli that TypeScript only in a package of its own (package.json).
 * Everything is resolved from here, not from the importer, so a vite config that bundles this file still finds them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BabelFileResult } from '@babel/core';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../');
const resolve = createRequire(join(here, 'package.json')).resolve;

/** The `ngc` script of @angular/compiler-cli, to run with `node`. */
export function ngcPath(): string {
  const manifest = resolve('@angular/compiler-cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.ngc!);
}

/** A folder under the repo's node_modules/.cache/, so that what is compiled there finds @angular/* from it. */
export function cacheDir(prefix: string): string {
  const dir = join(root, 'node_modules/.cache/passkey-angular');
  mkdirSync(dir, { recursive: true });
  return mkdtempSync(join(dir, prefix));
}

/** What ngc said, and whether it succeeded. */
export interface NgcResult {
  ok: boolean;
  output: string;
}

/** Runs ngc on `tsconfig`, emitting into `outDir`. */
export function runNgc(tsconfig: string, outDir: string): NgcResult {
  const work = cacheDir('tsconfig-');
  try {
    const wrapper = join(work, 'tsconfig.json');
    writeFileSync(wrapper, JSON.stringify({ extends: tsconfig, compilerOptions: { outDir } }));
    const result = spawnSync(process.execPath, [ngcPath(), '-p', wrapper], { cwd: root, encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export type Linker = (code: string, file: string) => Promise<{ code: string; map: NonNullable<BabelFileResult['map']> } | undefined>;

/** Angular's linker as a Babel transform: `link(code, file)` gives the final code, or undefined when there is nothing to link. */
export async function loadLinker(): Promise<Linker> {
  const load = <T>(id: string): Promise<T> => import(pathToFileURL(resolve(id)).href) as Promise<T>;
  const { needsLinking } = await load<typeof import('@angular/compiler-cli/linker')>('@angular/compiler-cli/linker');
  const { default: linkerPlugin } = await load<typeof import('@angular/compiler-cli/linker/babel')>('@angular/compiler-cli/linker/babel');
  const { transformAsync } = await load<typeof import('@babel/core')>('@babel/core');
  return async (code, file) => {
    if (!needsLinking(file, code)) return undefined;
    const result = await transformAsync(code, { filename: file, babelrc: false, configFile: false, compact: false, sourceMaps: true, plugins: [linkerPlugin] });
    return result?.code && result.map ? { code: result.code, map: result.map } : undefined;
  };
}
