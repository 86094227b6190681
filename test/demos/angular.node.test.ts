// passkey-elements/angular as an AOT app uses it: the demo (demo/frameworks/angular) compiled by ngc with
// strictTemplates against the package as it ships (dist/, partially compiled), linked and bundled by vite, driven in
// Chromium; and templates with wrong bindings, which must fail that compilation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { build } from 'vite';
import { cacheDir, runNgc } from '../../scripts/angular-compiler/compiler.ts';
import { buildIfStale, registerAndSignIn, repo, useBrowser, withPage } from './page-harness.ts';

const demo = `${repo}demo/frameworks/angular/vite.config.ts`;

useBrowser();
before(buildIfStale);

test('angular: the demo builds ahead of time with strictTemplates and no JIT compiler, binds inputs, hears outputs, registers and signs in', async () => {
  await build({ configFile: demo, logLevel: 'error' });
  const out = `${repo}node_modules/.cache/passkey-angular/demo/assets/`;
  const scripts = readdirSync(out).filter((file) => file.endsWith('.js'));
  const code = scripts.map((file) => readFileSync(join(out, file), 'utf8')).join('\n');
  assert.ok(code.includes('passkeyAuthenticated'), "the kit's directives are in the bundle");
  assert.doesNotMatch(code, /ɵɵngDeclare/, 'every partial declaration was linked: nothing is left for a JIT compiler');

  await withPage(demo, (page, origin) => page.goto(origin).then(() => registerAndSignIn(page, 'grace-angular')), { preview: true });
});

/** A component using the four directives; `bindings` replaces the marked line of its template. */
function component(bindings: string): string {
  return `import { Component } from '@angular/core';
import { PasskeyClient } from 'passkey-elements';
import { PASSKEY_DIRECTIVES } from 'passkey-elements/angular';

@Component({
  selector: 'app-bindings',
  imports: [PASSKEY_DIRECTIVES],
  template: \`
    <passkey-register [username]="name" [client]="client" askDisplayName [strings]="{ registerButton: 'Join' }" (passkeyRegistered)="said($event.detail.credentialId)"></passkey-register>
    <passkey-login autofill colorScheme="dark" [disabled]="false" (passkeyAuthenticated)="said($event.detail.username)" (passkeyError)="said($event.detail.code)"></passkey-login>
    <passkey-manager [allowDeleteLast]="true" apiUrl="/api/passkey" (passkeyCredentialRenamed)="said($event.detail.name)"></passkey-manager>
    <passkey-recovery [token]="undefined" credentials="include" (passkeyRecoverySent)="said($event.detail.username)"></passkey-recovery>
    ${bindings}
  \`,
})
export class Bindings {
  readonly name = 'ada';
  readonly client = new PasskeyClient({ apiUrl: '/api/passkey' });
  said(text: string): void {
    console.log(text);
  }
}
`;
}

/** Compiles `source` as an app would, against dist/; returns ngc's errors, one per line. */
function compile(source: string): string[] {
  const dir = cacheDir('bindings-');
  try {
    writeFileSync(join(dir, 'bindings.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: `${repo}demo/frameworks/angular/tsconfig.json`,
        compilerOptions: {
          rootDir: '.',
          paths: { 'passkey-elements': [`${repo}dist/index.d.ts`], 'passkey-elements/angular': [`${repo}dist/angular/index.d.ts`] },
        },
        files: ['bindings.ts'],
      }),
    );
    const { ok, output } = runNgc(join(dir, 'tsconfig.json'), join(dir, 'out'));
    // ngc colours its diagnostics even in a pipe.
    const errors = output
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((line) => / - error /.test(line));
    assert.equal(ok, errors.length === 0, `ngc's exit status agrees with its errors:\n${output}`);
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('angular: typed inputs and outputs of all four directives compile under strictTemplates, without CUSTOM_ELEMENTS_SCHEMA', () => {
  assert.deepEqual(compile(component('')), []);
});

test('angular: a wrong input type or an unknown input fails the AOT build: [colorScheme]="\'blue\'", [client]="42", [nonexistent]', () => {
  const errors = compile(
    component(`<passkey-login [colorScheme]="'blue'"></passkey-login>
    <passkey-register [client]="42"></passkey-register>
    <passkey-manager [nonexistent]="1"></passkey-manager>`),
  );
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.match(errors[0]!, /error TS2322: Type '"blue"' is not assignable to type '"light" \| "dark" \| undefined'/);
  assert.match(errors[1]!, /error TS2322: Type 'number' is not assignable to type 'PasskeyClient/);
  assert.match(errors[2]!, /error NG8002: Can't bind to 'nonexistent' since it isn't a known property of 'passkey-manager'/);
});
