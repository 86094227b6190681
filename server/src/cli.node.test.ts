// `npm run server`: its arguments, and a server on a SQLite file that keeps its passkeys across a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseCli, startFromConfig } from './cli.ts';
import { ok, PAGE_ORIGIN, TestClient } from './testing/test-client.ts';

describe('npm run server', () => {
  test('defaults: SQLite ./passkeys.db on 127.0.0.1:8787 for the demo page; DATABASE_URL switches to PostgreSQL', () => {
    const config = parseCli([], {})!;
    assert.deepEqual(
      [config.port, config.host, config.origins, config.rpID, config.db, config.databaseUrl, config.recoveryPageUrl],
      [8787, '127.0.0.1', ['http://localhost:5173'], 'localhost', './passkeys.db', undefined, 'http://localhost:5173/recovery'],
    );
    const custom = parseCli(['--port', '9000', '--origin', 'https://shop.example/', '--origin', 'https://www.shop.example', '--db', 'x.db'], {
      DATABASE_URL: 'postgres://db/passkeys',
      PASSKEY_SECRET: 's',
    })!;
    assert.deepEqual([custom.port, custom.origins, custom.rpID, custom.databaseUrl, custom.secret], [
      9000,
      ['https://shop.example', 'https://www.shop.example'],
      'shop.example',
      'postgres://db/passkeys',
      's',
    ]);
    assert.throws(() => parseCli(['--port', 'http']), /--port/);
    assert.throws(() => parseCli(['--origin', 'nonsense']), /--origin/);
    assert.throws(() => parseCli(['--bogus']), /bogus/);
    assert.equal(parseCli(['--help']), undefined);
  });

  test('on a SQLite file: prints its URL and the recovery mails; passkeys and decoys survive a restart', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'passkey-cli-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const config = parseCli(['--port', '0', '--db', join(dir, 'passkeys.db'), '--quiet', '--origin', PAGE_ORIGIN], {})!;
    const lines: string[] = [];
    const first = await startFromConfig(config, (line) => lines.push(line));
    assert.match(lines[0] ?? '', /^passkey-elements-server listening on http:\/\/localhost:\d+$/);
    assert.ok(lines.some((line) => line.includes(`${first.url}/api/passkey`)));
    assert.equal(statSync(join(dir, 'passkeys.db.secret')).mode & 0o777, 0o600);

    const ada = new TestClient({ transport: (request) => fetch(request), baseUrl: first.url });
    const { userId } = ok(await ada.register('ada'));
    const decoys = ok(await ada.call('authenticate/options', { username: 'nobody' })).allowCredentials;
    await first.close();

    const second = await startFromConfig(config, () => {});
    t.after(() => second.close());
    const device = new TestClient({ transport: (request) => fetch(request), baseUrl: second.url, authenticator: ada.authenticator });
    assert.deepEqual(ok(await device.signIn('ada')), { verified: true, userId, username: 'ada' });
    assert.deepEqual(ok(await device.call('authenticate/options', { username: 'nobody' })).allowCredentials, decoys);
  });
});
