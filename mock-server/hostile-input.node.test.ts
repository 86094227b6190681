// Malformed, oversized and malicious request bodies through the mock's MSW handlers: always a 4xx { error, code },
// never a 500, and the accounts unchanged. (Rate limits are off: these are about what one request can do.)
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import { createMockBackend } from './backend.ts';
import { assertRefused as refused, browserOn, ok, registered, type Answer } from './testing.ts';

const mock = createMockBackend({ rateLimits: false });
beforeEach(() => mock.reset());

/** A refusal with this status (and code), whose message names `reason` when given, the accounts unchanged. */
async function assertRefused(_: unknown, request: () => Promise<Answer>, status: number, code?: string, reason?: RegExp): Promise<Answer> {
  const answer = await refused(mock, request, status, code);
  if (reason) assert.match(answer.body.error, reason);
  return answer;
}
const registeredUser = async (username: string) => {
  const { client, credentialId } = await registered(mock, username);
  return { browser: client, credentialId };
};

interface Endpoint {
  name: string;
  /** The field the endpoint cannot do without. */
  field: string;
  /** A valid body apart from that field. */
  rest: Record<string, unknown>;
  /** Sends a body (a string as it is, anything else as JSON) the way a signed-in user would. */
  send(body: unknown): Promise<Answer>;
}

/** Every endpoint with a body, each reached by a signed-in user who owns a passkey (so rename gets past the session check). */
async function endpoints(): Promise<Endpoint[]> {
  const { browser, credentialId } = await registeredUser('ada');
  const post = (endpoint: Parameters<typeof browser.url>[0]) => (body: unknown) => browser.request('POST', browser.url(endpoint), body);
  return [
    { name: 'register/options', field: 'username', rest: { displayName: 'Bea' }, send: post('register/options') },
    { name: 'register/verify', field: 'credential', rest: { username: 'bea' }, send: post('register/verify') },
    { name: 'authenticate/options', field: 'username', rest: {}, send: post('authenticate/options') },
    { name: 'authenticate/verify', field: 'credential', rest: { username: 'ada' }, send: post('authenticate/verify') },
    { name: 'recovery/send', field: 'username', rest: {}, send: post('recovery/send') },
    { name: 'credentials/rename', field: 'name', rest: {}, send: (body) => browser.request('PATCH', browser.url('credentials/rename', credentialId), body) },
  ];
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
const megabyte = 'a'.repeat(1024 * 1024);

/** Bodies no endpoint can accept: not JSON, or not an object. Strings are sent as they are. */
const UNUSABLE_BODIES: Record<string, string> = {
  'malformed JSON': '{"username": "ada",',
  'a trailing comma': '{"username": "ada",}',
  'plain text': 'username=ada',
  'an empty body': '',
  'a NUL byte': '\u0000',
  'a JSON array': '[{"username": "ada"}]',
  'a JSON number': '42',
  'JSON null': 'null',
  'a JSON string': '"ada"',
  'JSON true': 'true',
  'an array nested 10,000 deep': deepArray(10_000),
  'an object nested 10,000 deep': `{"username": ${deepObject(10_000)}}`,
};

describe('bodies no endpoint can accept', () => {
  for (const [label, body] of Object.entries(UNUSABLE_BODIES)) {
    test(`${label} → 400 everywhere`, async () => {
      for (const endpoint of await endpoints()) await assertRefused(mock.store, () => endpoint.send(body), 400);
    });
  }

  test('a 1 MB body → 413 everywhere', async () => {
    const body = JSON.stringify({ username: megabyte, name: megabyte, credential: megabyte });
    for (const endpoint of await endpoints()) await assertRefused(mock.store, () => endpoint.send(body), 413, 'payload-too-large');
  });
});

/** Values of the required field that are not usable: missing, wrong types, control characters, too long, too deep. */
const BAD_FIELD_VALUES: Record<string, unknown> = {
  'a number': 42,
  'true': true,
  'an array': ['ada'],
  'an object': { value: 'ada' },
  'a string of spaces': '   ',
  'a NUL character': 'ada\u0000',
  'a newline': 'ada\nadmin',
  'an escape sequence': '\u001b[31mada',
  'DEL': 'ada\u007f',
  'a C1 control': 'ada\u0085',
  'a line separator': 'ada\u2028admin',
  '300 characters': 'a'.repeat(300),
};

describe('a required field that is missing or unusable', () => {
  test('missing → 400', async () => {
    for (const endpoint of await endpoints()) {
      if (endpoint.name === 'authenticate/options') continue; // no username is the username-less ceremony
      await assertRefused(mock.store, () => endpoint.send(endpoint.rest), 400, undefined, new RegExp(endpoint.field));
    }
  });

  for (const [label, value] of Object.entries(BAD_FIELD_VALUES)) {
    test(`${label} → 400`, async () => {
      for (const endpoint of await endpoints()) {
        if (endpoint.field === 'credential' && typeof value === 'string') continue; // covered below
        if (endpoint.name === 'authenticate/options' && value === '   ') continue; // a blank username is no username
        await assertRefused(mock.store, () => endpoint.send({ ...endpoint.rest, [endpoint.field]: value }), 400, undefined, new RegExp(endpoint.field));
      }
    });
  }

  test('a value nested 10,000 deep → 400', async () => {
    for (const endpoint of await endpoints()) {
      const body = JSON.stringify(endpoint.rest).replace(/}$/, `${Object.keys(endpoint.rest).length ? ',' : ''}"${endpoint.field}": ${deepArray(10_000)}}`);
      await assertRefused(mock.store, () => endpoint.send(body), 400, undefined, new RegExp(endpoint.field));
    }
  });

  test('a 1 MB value → 413 before it is parsed', async () => {
    for (const endpoint of await endpoints()) {
      await assertRefused(mock.store, () => endpoint.send({ ...endpoint.rest, [endpoint.field]: megabyte }), 413, 'payload-too-large');
    }
  });

  test('an oversized body streamed without a content-length → 413', async () => {
    const chunks = [new TextEncoder().encode(`{"username":"`), new TextEncoder().encode(megabyte), new TextEncoder().encode(`"}`)];
    const body = new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    const browser = browserOn(mock);
    const before = mock.store.snapshot();
    const request = new Request(browser.url('recovery/send'), { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    const response = (await browser.transport(request, browser.ip))!;
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), { error: 'The request body is too large', code: 'payload-too-large' });
    assert.deepEqual(mock.store.snapshot(), before);
  });
});

describe('__proto__ and friends', () => {
  const polluting = (inner: Record<string, unknown>) => `{"__proto__": ${JSON.stringify(inner)}, "constructor": {"prototype": ${JSON.stringify(inner)}}}`;

  test('a required field hidden in __proto__ is not read, and nothing is polluted', async () => {
    for (const endpoint of await endpoints()) {
      if (endpoint.name === 'authenticate/options') continue;
      await assertRefused(mock.store, () => endpoint.send(polluting({ ...endpoint.rest, [endpoint.field]: 'ada', isAdmin: true })), 400);
    }
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  test('authenticate/options ignores a username in __proto__: a username-less ceremony', async () => {
    await registeredUser('ada');
    const visitor = browserOn(mock);
    const response = await visitor.request('POST', visitor.url('authenticate/options'), polluting({ username: 'ada' }));
    assert.deepEqual(ok<{ allowCredentials: unknown[] }>(response).allowCredentials, []);
  });

  test('credential ids that are not ids: 404, never 500', async () => {
    const { browser } = await registeredUser('ada');
    for (const id of ['__proto__', 'constructor', '%E0%A4%A', '%00', '..%2F..%2Fsession', 'a'.repeat(4_000)]) {
      const url = browser.url('credentials/list') + `/${id}`; // the id as it is, not encoded again
      await assertRefused(mock.store, () => browser.request('PATCH', url, { name: 'x' }), 404);
      await assertRefused(mock.store, () => browser.request('DELETE', url), 404);
    }
  });
});

/** One change to a response a browser would send. */
type Change = (credential: Record<string, any>) => void;

describe('credentials that are not WebAuthn responses', () => {
  const b64 = (text: string) => isoBase64URL.fromUTF8String(text);

  /** A genuine response for a live challenge, and a way to send it with one change: everything else is right. */
  async function genuine(ceremony: 'registration' | 'authentication') {
    const [endpoint, username] = ceremony === 'registration' ? (['register/verify', 'bea'] as const) : (['authenticate/verify', 'ada'] as const);
    const { browser } = ceremony === 'registration' ? { browser: browserOn(mock) } : await registeredUser('ada');
    const credential: Record<string, any> =
      ceremony === 'registration'
        ? await browser.authenticator.create(await browser.registrationOptions({ username }))
        : await browser.authenticator.get(await browser.authenticationOptions(username));
    return (change: Change) => {
      const copy = structuredClone(credential);
      change(copy);
      return browser.call(endpoint, { username, credential: copy });
    };
  }

  const common: Record<string, Change> = {
    'no id': (c) => delete c.id,
    'an id that is not base64url': (c) => (c.id = c.rawId = 'not base64url!'),
    'id and rawId that differ': (c) => (c.rawId = b64('other')),
    'type "password"': (c) => (c.type = 'password'),
    'no response': (c) => delete c.response,
    'a response that is a string': (c) => (c.response = 'ok'),
    'no clientDataJSON': (c) => delete c.response.clientDataJSON,
    'clientDataJSON that is not base64url': (c) => (c.response.clientDataJSON = '{"challenge":1}'),
    'clientDataJSON that is not JSON': (c) => (c.response.clientDataJSON = b64('not json')),
    'clientDataJSON that is null': (c) => (c.response.clientDataJSON = b64('null')),
    'clientDataJSON with a numeric challenge': (c) => (c.response.clientDataJSON = b64('{"type":"webauthn.get","challenge":1}')),
    'clientDataJSON without a challenge': (c) => (c.response.clientDataJSON = b64('{}')),
  };
  const registration: Record<string, Change> = {
    ...common,
    'no attestationObject': (c) => delete c.response.attestationObject,
    'an attestationObject that is not CBOR': (c) => (c.response.attestationObject = b64('garbage')),
    'an attestationObject that is an empty CBOR map': (c) => (c.response.attestationObject = isoBase64URL.fromBuffer(isoCBOR.encode(new Map()))),
    'an attestationObject with truncated authData': (c) => {
      const attestation = isoCBOR.decodeFirst<Map<string, Uint8Array>>(isoBase64URL.toBuffer(c.response.attestationObject));
      attestation.set('authData', attestation.get('authData')!.slice(0, 40));
      c.response.attestationObject = isoBase64URL.fromBuffer(isoCBOR.encode(attestation));
    },
    'transports that are not a string array': (c) => (c.response.transports = 'usb'),
    'transports with numbers': (c) => (c.response.transports = [1, 2]),
  };
  const authentication: Record<string, Change> = {
    ...common,
    'no authenticatorData': (c) => delete c.response.authenticatorData,
    'truncated authenticatorData': (c) => (c.response.authenticatorData = c.response.authenticatorData.slice(0, 20)),
    'no signature': (c) => delete c.response.signature,
    'a signature that is not DER': (c) => (c.response.signature = b64('not a signature')),
    'a numeric userHandle': (c) => (c.response.userHandle = 42),
  };

  for (const [ceremony, changes] of [['registration', registration], ['authentication', authentication]] as const) {
    for (const [label, change] of Object.entries(changes)) {
      test(`a ${ceremony} response with ${label} → 400`, async () => {
        const send = await genuine(ceremony);
        await assertRefused(mock.store, () => send(change), 400);
      });
    }
  }

  test('the unchanged genuine responses are accepted (the cases above differ from them only as described)', async () => {
    ok(await (await genuine('authentication'))(() => {}));
    ok(await (await genuine('registration'))(() => {}));
  });
});
