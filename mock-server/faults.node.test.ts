// Fault injection through the MSW handlers in Node: forced answers per endpoint, `times`, latency, delays and network errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_URL, ok, registeredUser, TestBrowser, useNodeMock } from '../test/helpers/test-browser.ts';

const mock = useNodeMock();

async function elapsed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

test('a forced status and JSON body answer for that endpoint only', async () => {
  mock.faults.force('authenticate/options', { status: 503, body: { error: 'Down for maintenance', code: 'server' } });
  const visitor = new TestBrowser();
  const forced = await visitor.post('/authenticate/options', {});
  assert.deepEqual([forced.status, forced.body], [503, { error: 'Down for maintenance', code: 'server' }]);
  await visitor.registrationOptions({ username: 'ada' });
  mock.faults.clear('authenticate/options');
  await visitor.authenticationOptions();
});

test('a forced text body is sent as it is, with the headers asked for', async () => {
  mock.faults.force('recovery/send', { status: 502, body: '<html><h1>Bad gateway</h1></html>', headers: { 'content-type': 'text/html' } });
  const response = await new TestBrowser().recover('ada');
  assert.deepEqual([response.status, response.headers.get('content-type'), response.body], [502, 'text/html', '<html><h1>Bad gateway</h1></html>']);
});

test('`times` limits a fault to that many requests', async () => {
  mock.faults.force('authenticate/options', { status: 500, times: 2 });
  const visitor = new TestBrowser();
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await visitor.post('/authenticate/options', {})).status);
  assert.deepEqual(statuses, [500, 500, 200]);
});

test('a forced failure runs nothing: the challenge survives and the same verify body then succeeds', async () => {
  const browser = new TestBrowser();
  const credential = await browser.authenticator.create(await browser.registrationOptions({ username: 'ada' }));
  mock.faults.force('register/verify', { status: 500, times: 1 });
  assert.equal((await browser.post('/register/verify', { username: 'ada', credential })).status, 500);
  assert.deepEqual(mock.store.snapshot(), { users: [], credentials: [] });
  ok(await browser.post('/register/verify', { username: 'ada', credential }));
});

test('the `session` fault covers GET and DELETE /session', async () => {
  const ada = await registeredUser('ada');
  mock.faults.force('session', { status: 500 });
  assert.equal((await ada.browser.get('/session')).status, 500);
  assert.equal((await ada.browser.request('DELETE', '/session')).status, 500);
  ok(await ada.browser.get('/credentials'));
});

test('latency delays every answer; a fault with only a delay delays the real answer', async () => {
  mock.faults.latency = 120;
  const [, slow] = await elapsed(() => new TestBrowser().authenticationOptions());
  assert.ok(slow >= 110, `answered after ${slow} ms`);
  mock.faults.latency = 0;

  mock.faults.force('authenticate/options', { delay: 120 });
  const [options, delayed] = await elapsed(() => new TestBrowser().authenticationOptions());
  assert.ok(delayed >= 110, `answered after ${delayed} ms`);
  assert.equal(typeof options.challenge, 'string');
});

test('a networkError fault makes fetch fail as a network failure does', async () => {
  mock.faults.force('authenticate/options', { networkError: true, times: 1 });
  await assert.rejects(new TestBrowser().post('/authenticate/options', {}), TypeError);
  await new TestBrowser().authenticationOptions();
});

test('an infinite delay never answers; the client can give up', async () => {
  mock.faults.force('authenticate/options', { delay: 'infinite' });
  const request = fetch(`${API_URL}/authenticate/options`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) });
  await assert.rejects(request, { name: 'TimeoutError' });
});
