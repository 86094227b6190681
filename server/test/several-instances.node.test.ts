/**
 * Several instances of the server on one PostgreSQL database, each in its own process behind the Node adapter, as a
 * deployment runs them behind a load balancer; and a SQLite server restarted after a crash. Real HTTP, real
 * registrations and sign-ins (a software authenticator), real PostgreSQL (PASSKEY_TEST_DATABASE_URL's, or a
 * throwaway cluster; when neither can start, these tests fail saying why).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import pg from 'pg';
import { ok, TestClient, type Transport } from '../src/testing/test-client.ts';
import { across, browserAcross, browserOn, startInstance, type Instance } from './instances.ts';
import { startTestPostgres } from './postgres.ts';

const postgres = startTestPostgres();
after(async () => (await postgres).stop());

/** Two instances started together on a new database (so their migrations race), and a client of that database. */
async function twoInstances(t: TestContext): Promise<{ a: Instance; b: Instance; db: pg.Pool }> {
  const databaseUrl = await (await postgres).createDatabase();
  const [a, b] = await Promise.all([startInstance(t, { databaseUrl }), startInstance(t, { databaseUrl })]);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  t.after(() => db.end());
  return { a, b, db };
}

const count = async (db: pg.Pool, sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

/** What a crash must never leave: an account without a passkey, or a passkey without an account. */
async function halfStored(db: pg.Pool) {
  return {
    usersWithoutPasskey: await count(db, 'SELECT count(*) AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.user_id)'),
    passkeysWithoutUser: await count(db, 'SELECT count(*) AS n FROM credentials c WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = c.user_id)'),
  };
}

/** The i-th of many simulated browsers, each from its own address. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

describe('several instances on one PostgreSQL database', () => {
  test('a ceremony begun on one instance finishes on the other, and a session from one is valid on the other', async (t) => {
    const { a, b } = await twoInstances(t);
    const browser = browserAcross([a, b]); // register/options → A, register/verify → B, then alternating
    const { userId } = ok(await browser.register('ada'));
    const onA = browserOn(a);
    const onB = browserOn(b);
    for (const [name, value] of browser.cookies) onA.cookies.set(name, value), onB.cookies.set(name, value);
    assert.equal(ok(await onA.call('session')).userId, userId, 'the session made on B is valid on A');
    assert.equal(ok(await onB.call('session')).userId, userId);

    const phone = browserAcross([a, b], { first: 1 }); // authenticate/options → B, authenticate/verify → A
    const sameKey = phone.authenticator;
    for (const [id, credential] of browser.authenticator.credentials) sameKey.credentials.set(id, credential);
    assert.deepEqual(ok(await phone.signIn('ada')), { verified: true, userId, username: 'ada' });
    const session = browserOn(b);
    for (const [name, value] of phone.cookies) session.cookies.set(name, value);
    assert.equal(ok(await session.call('credentials/list')).length, 1, 'the session made on A lists the passkeys on B');
  });

  test('200 concurrent registrations spread across both leave exactly 200 accounts and passkeys', { timeout: 120_000 }, async (t) => {
    const { a, b, db } = await twoInstances(t);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => browserAcross([a, b], { ip: addressOf(i), first: i % 2 }).register(`crowd-${i}@example.com`)),
    );
    assert.deepEqual(
      answers.filter(({ status }) => status !== 200).map(({ status, body }) => [status, body]),
      [],
    );
    assert.equal(await count(db, 'SELECT count(*) AS n FROM users'), 200);
    assert.equal(await count(db, 'SELECT count(*) AS n FROM credentials'), 200);
    assert.equal(await count(db, 'SELECT count(DISTINCT user_id) AS n FROM credentials'), 200);
  });

  test('the rate limits count requests to every instance together', async (t) => {
    const { a, b } = await twoInstances(t);
    // The default allows 10 options requests per account per minute: 5 on each instance pass, the 11th is refused.
    const browser = browserAcross([a, b]);
    for (let i = 0; i < 10; i++) assert.equal((await browser.call('authenticate/options', { username: 'ada' })).status, 200);
    const refused = await browser.call('authenticate/options', { username: 'ada' });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 'rate-limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await browserOn(a).call('authenticate/options', { username: 'ada' })).status, 429, 'refused on the other instance too');
  });

  test('an instance killed (SIGKILL) under load leaves nothing half-stored, and the other keeps serving', { timeout: 120_000 }, async (t) => {
    const { a, b, db } = await twoInstances(t);
    const total = 240;
    let crashed = false;
    let inFlightOnA = 0;
    let inFlightAtCrash = 0;
    // Requests alternate between the instances; once A is dead, the load balancer sends everything to B.
    let requests = 0;
    const transport: Transport = async (request, ip) => {
      const target = crashed || requests++ % 2 ? b : a;
      if (target === a) inFlightOnA++;
      try {
        return await across([target], () => 0)(request, ip);
      } finally {
        if (target === a) inFlightOnA--;
      }
    };
    let started = 0;
    let verified = 0;
    const failedBeforeCrash: number[] = [];
    const outcomesAfterCrash: number[] = [];
    // 40 browsers at a time register; A dies a third of the way through.
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (started < total) {
          const i = started++;
          if (i === total / 3) {
            inFlightAtCrash = inFlightOnA;
            crashed = true;
            await a.crash();
          }
          const startedAfterCrash = crashed;
          const browser = new TestClient({ transport, ip: addressOf(i) });
          const status = await browser.register(`load-${i}@example.com`).then(
            (answer) => answer.status,
            () => 0, // the connection died with A
          );
          if (status === 200) verified++;
          if (startedAfterCrash) outcomesAfterCrash.push(status);
          else if (status !== 200) failedBeforeCrash.push(status);
        }
      }),
    );
    assert.ok(inFlightAtCrash > 0, 'A was killed while it had requests in flight');
    assert.deepEqual(await halfStored(db), { usersWithoutPasskey: 0, passkeysWithoutUser: 0 });
    const stored = await count(db, 'SELECT count(*) AS n FROM credentials');
    // A verify that A committed before dying may never have been answered: stored can exceed verified, never fall short.
    assert.ok(stored >= verified && stored <= total, `stored ${stored}, verified ${verified}, attempted ${total}`);
    assert.ok(outcomesAfterCrash.length > 100, 'the load went on after the crash');
    assert.deepEqual(
      outcomesAfterCrash.filter((status) => status !== 200),
      [],
      'B served every registration begun after the crash',
    );
    assert.ok(failedBeforeCrash.length <= 40, `only ceremonies in flight at the crash may fail: ${failedBeforeCrash.length} did`);

    const survivor = browserOn(b, '192.0.2.1');
    const { userId } = ok(await survivor.register('after-the-crash@example.com'));
    assert.equal(ok(await survivor.withoutCookies().signIn('after-the-crash@example.com')).userId, userId);
  });
});

describe('a SQLite server restarted after a crash', () => {
  test('still has its passkeys and sessions, and sign-in works', async (t) => {
    const directory = mkdtempSync(join(tmpdir(), 'passkey-sqlite-restart-'));
    t.after(() => rmSync(directory, { recursive: true, force: true }));
    const sqliteFile = join(directory, 'passkeys.db');

    const first = await startInstance(t, { sqliteFile });
    const browser = browserOn(first);
    const { userId } = ok(await browser.register('ada'));
    await first.crash();

    const again = await startInstance(t, { sqliteFile });
    const sameBrowser = browserOn(again);
    for (const [name, value] of browser.cookies) sameBrowser.cookies.set(name, value);
    assert.equal(ok(await sameBrowser.call('session')).userId, userId, 'the session survived the restart');
    const otherDevice = browserOn(again, '198.51.100.2');
    for (const [id, credential] of browser.authenticator.credentials) otherDevice.authenticator.credentials.set(id, credential);
    assert.deepEqual(ok(await otherDevice.signIn('ada')), { verified: true, userId, username: 'ada' });
  });
});
