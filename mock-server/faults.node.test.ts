// Fault injection through the MSW handlers in Node: forced answers per endpoint of the protocol table, `times`,
// latency, delays and network errors. A forced answer runs nothing: the server never sees the request.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { startNodeMock } from './node.ts';
import { ok, registered, SERVER_URL, TestClient } from './testing.ts';

const mock = startNodeMock({ apiUrl: `${SERVER_URL}/api/passkey`, recoveryUrl: `${SERVER_URL}/api/auth` });
beforeEach(() => mock.reset());
after(() => mock.close());

/** A browser whose requests go through the global fetch, which MSW answers. */
const visitor = () => new TestClient({ transport: (request) => fetch(request) });

async function elapsed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

test('a forced status and JSON body answer for that endpoint only, and can be cleared', async () => {
  mock.faults.force('authenticate/options', { status: 503, body: { error: 'Down for maintenance', code: 'server' } });
  const browser = visitor();
  const forced = await browser.call('authenticate/options', {});
  assert.deepEqual([forced.status, forced.body], [503, { error: 'Down for maintenance', code: 'server' }]);
  await browser.registrationOptions({ username: 'ada' });
  mock.faults.clear('authenticate/options');
  await browser.authenticationOptions();
});

test('a forced text body is sent as it is, with the headers asked for, and with the CORS of the page', async () => {
  mock.faults.force('recovery/send', { status: 502, body: '<html><h1>Bad gateway</h1></html>', headers: { 'content-type': 'text/html' } });
  const answer = await visitor().recover('ada');
  assert.deepEqual([answer.status, answer.headers.get('content-type'), answer.body], [502, 'text/html', '<html><h1>Bad gateway</h1></html>']);
  assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:5173');
});

test('`times` limits a fault to that many requests', async () => {
  mock.faults.force('authenticate/options', { status: 500, times: 2 });
  const browser = visitor();
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await browser.call('authenticate/options', {})).status);
  assert.deepEqual(statuses, [500, 500, 200]);
});

test('a forced failure runs nothing: the challenge survives and the same verify body then succeeds', async () => {
  const browser = visitor();
  const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' }));
  mock.faults.force('register/verify', { status: 500, body: { error: 'Database unavailable' }, times: 1 });
  const before = mock.store.snapshot();
  assert.equal((await browser.call('register/verify', { username: 'ada', credential })).status, 500);
  assert.deepEqual(mock.store.snapshot(), before, 'not even a rate-limit count or a taken challenge');
  ok(await browser.call('register/verify', { username: 'ada', credential }));
});

test('`session` is GET /session and `session/end` DELETE /session, each on its own', async () => {
  const ada = await registered(mock, 'ada', visitor());
  mock.faults.force('session', { status: 500 });
  assert.equal((await ada.client.call('session')).status, 500);
  ok(await ada.client.call('credentials/list'));
  mock.faults.clear();
  mock.faults.force('session/end', { status: 500, body: 'Sign-out is broken' });
  assert.equal((await ada.client.call('session/end')).status, 500);
  assert.equal(ok(await ada.client.call('session')).userId, ada.userId, 'still signed in: the sign-out never ran');
});

test('only endpoints of the protocol table take faults', () => {
  assert.throws(() => mock.faults.force('register' as never, { status: 500 }), /Unknown endpoint "register"/);
});

test('latency delays every answer; a fault with only a delay delays the real answer', async () => {
  mock.faults.latency = 120;
  const [, slow] = await elapsed(() => visitor().authenticationOptions());
  assert.ok(slow >= 110, `answered after ${slow} ms`);
  mock.faults.latency = 0;

  mock.faults.force('authenticate/options', { delay: 120 });
  const [options, delayed] = await elapsed(() => visitor().authenticationOptions());
  assert.ok(delayed >= 110, `answered after ${delayed} ms`);
  assert.equal(typeof options.challenge, 'string');
});

test('a networkError fault makes fetch fail as a network failure does, and changes nothing', async () => {
  const ada = await registered(mock, 'ada', visitor());
  mock.faults.force('credentials/delete', { networkError: true, times: 1 });
  const before = mock.accounts();
  await assert.rejects(ada.client.call('credentials/delete', undefined, ada.credentialId), TypeError);
  assert.deepEqual(mock.accounts(), before);
  ok(await ada.client.call('credentials/delete', undefined, ada.credentialId));
  assert.deepEqual(mock.accounts().credentials, []);
});

test('an infinite delay never answers; the client can give up', async () => {
  mock.faults.force('authenticate/options', { delay: 'infinite' });
  const request = fetch(`${SERVER_URL}/api/passkey/authenticate/options`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) });
  await assert.rejects(request, { name: 'TimeoutError' });
});
