// Property-based, through the mock's MSW handlers: whatever arrives at an endpoint, the answer is never a 5xx and a
// refusal changes nothing. (Rate limits are off: they would refuse most of these before they reach the checks.)
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import fc from 'fast-check';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { createMockBackend, type MockAccounts } from './backend.ts';
import { browserOn, PAGE_ORIGIN, registered, type Answer } from './testing.ts';

const mock = createMockBackend({ rateLimits: false });
beforeEach(() => mock.reset());
const registeredUser = async (username: string) => {
  const { client, ...rest } = await registered(mock, username);
  return { browser: client, ...rest };
};

/** Stands for a challenge the mock handed out just before the request, so bodies reach the signature checks. */
const LIVE = '$live-challenge$';
/** Marks a clientData object to send base64url-encoded, once LIVE in it is replaced. */
const ENCODE = '$client-data$';
const NEW_USER = 'carol';

/** Checks one answer: never 5xx, a refusal has `{ error }` and leaves the store as it was; only a rename or a recovery mail may change it. */
function checkAnswer(endpoint: string, response: Answer, before: MockAccounts, label: string): void {
  assert.ok(response.status < 500, `${label} → ${response.status} ${JSON.stringify(response.body)}`);
  const expected = structuredClone(before);
  if (response.status >= 400) {
    assert.equal(typeof response.body?.error, 'string', `${label} → ${response.status} without { error }`);
  } else if (endpoint === 'credentials/rename') {
    expected.credentials.find((c) => c.id === response.body.id)!.name = response.body.name;
  } else if (endpoint === 'recovery/send') {
    expected.recoveryTokens = mock.accounts().recoveryTokens; // a known account got a new link
  }
  assert.deepEqual(mock.accounts(), expected, `${label} → ${response.status} changed the store`);
}

test('arbitrary bodies at every POST and PATCH endpoint, with and without a session', async () => {
  const ada = await registeredUser('ada');
  const bob = await registeredUser('bob');
  const browsers = { ada: ada.browser, bob: bob.browser, anonymous: browserOn(mock) };

  // Mostly well-formed values, so that inputs get past the shape checks and reach the challenge, account and signature checks.
  const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
  const b64 = fc.uint8Array({ maxLength: 80 }).map((bytes) => isoBase64URL.fromBuffer(bytes));
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('ada', 'bob', NEW_USER, '', ' ', 'ada\u0000', '__proto__'));
  const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, b64);
  const realAuthenticatorData = (await ada.browser.authenticator.get(await ada.browser.authenticationOptions('ada'))).response.authenticatorData;
  const clientDataJSON = fc
    .record(
      {
        type: mostly(fc.constantFrom('webauthn.create', 'webauthn.get'), anything),
        challenge: mostly(fc.constant(LIVE), anything),
        origin: mostly(fc.constant(PAGE_ORIGIN), anything),
        crossOrigin: mostly(fc.constant(false), anything),
      },
      { requiredKeys: ['type', 'challenge', 'origin'] },
    )
    .map((clientData) => ({ [ENCODE]: clientData }));
  const response = fc.record(
    {
      clientDataJSON: mostly(clientDataJSON, anything),
      attestationObject: mostly(b64, anything),
      authenticatorData: mostly(fc.oneof(fc.constant(realAuthenticatorData), b64), anything),
      signature: mostly(b64, anything),
      userHandle: fc.oneof(fc.constant(mock.store.users.get(ada.userId)!.userHandle), b64, anything),
      transports: fc.oneof(fc.array(text), anything),
    },
    { requiredKeys: ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature'] },
  );
  const wellFormedCredential = fc
    .record({ id: mostly(fc.constantFrom(ada.credentialId, bob.credentialId), b64), type: mostly(fc.constant('public-key'), anything), response: mostly(response, anything) })
    .map((credential) => ({ ...credential, rawId: credential.id }));
  const fields = fc.record(
    {
      username: mostly(fc.constantFrom('ada', 'bob', NEW_USER), anything),
      displayName: anything,
      userId: anything,
      recoveryToken: anything,
      credential: mostly(wellFormedCredential, anything),
      name: mostly(text, anything),
    },
    { requiredKeys: [] },
  );
  const verifyBody = fc.record({ username: fc.constantFrom('ada', 'bob', NEW_USER), credential: wellFormedCredential }, { requiredKeys: ['credential'] });
  const body = fc.oneof(
    { weight: 3, arbitrary: fields.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: verifyBody.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string() },
  );
  // Any id but '', '.' and '..', which leave the route (and would reach the network): those are not the mock's to answer.
  const otherId = fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id !== '.' && id !== '..').map(encodeURIComponent);
  const credentialPath = fc.oneof(fc.constantFrom(ada.credentialId, bob.credentialId), otherId);
  const endpoint = fc.oneof(
    fc.constantFrom('register/options', 'register/verify', 'authenticate/options', 'authenticate/verify', 'recovery/send').map((name) => ({ name, path: browsers.anonymous.url(name), method: 'POST' })),
    credentialPath.map((id) => ({ name: 'credentials/rename', path: `${browsers.anonymous.url('credentials/list')}/${id}`, method: 'PATCH' })),
  );

  /** A live challenge of the ceremony this endpoint verifies, as a client would have asked for first. */
  async function liveChallenge(name: string): Promise<string> {
    const visitor = browserOn(mock);
    const options = name === 'register/verify' ? await visitor.registrationOptions({ username: NEW_USER }) : await visitor.authenticationOptions();
    return options.challenge;
  }

  /** The body with each marked clientData object encoded as clientDataJSON, holding the live challenge. */
  function withClientData(raw: string, challenge: string): string {
    return JSON.stringify(JSON.parse(raw), (_key, value) =>
      value && typeof value === 'object' && ENCODE in value ? isoBase64URL.fromUTF8String(JSON.stringify(value[ENCODE]).replaceAll(LIVE, challenge)) : value,
    );
  }

  let tried = 0;
  await fc.assert(
    fc.asyncProperty(endpoint, fc.constantFrom('ada', 'bob', 'anonymous' as const), body, async ({ name, path, method }, who, raw) => {
      tried++;
      const sent = raw.includes(ENCODE) ? withClientData(raw, await liveChallenge(name)) : raw;
      const before = mock.accounts();
      checkAnswer(name, await browsers[who].request(method, path, sent), before, `${name} as ${who} with ${sent.slice(0, 300)}`);
    }),
    { numRuns: 1000 },
  );
  console.log(`arbitrary bodies: ${tried} inputs tried`);
});

test('genuine responses with one field replaced: refused when a signed part changed, never 5xx', async () => {
  const ada = await registeredUser('ada');
  const signedParts = ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature'];
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => isoBase64URL.fromBuffer(bytes)),
    fc.constant(undefined),
  );

  let tried = 0;
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('registration', 'authentication'), fc.nat(), replacement, async (ceremony, pick, value) => {
      tried++;
      const browser = ceremony === 'registration' ? browserOn(mock) : ada.browser;
      const username = ceremony === 'registration' ? `user${tried}` : 'ada';
      const credential: Record<string, any> =
        ceremony === 'registration'
          ? await browser.authenticator.create(await browser.registrationOptions({ username }))
          : await browser.authenticator.get(await browser.authenticationOptions(username));
      const fields = [...Object.keys(credential).map((key) => [credential, key] as const), ...Object.keys(credential.response).map((key) => [credential.response, key] as const)];
      const [parent, key] = fields[pick % fields.length]!;
      const original = parent[key];
      if (value === undefined) delete parent[key];
      else parent[key] = value;

      const before = mock.accounts();
      const label = `${ceremony} with ${parent === credential ? '' : 'response.'}${key} = ${JSON.stringify(value)?.slice(0, 200)}`;
      const response = await browser.call(ceremony === 'registration' ? 'register/verify' : 'authenticate/verify', { username, credential });
      if (response.status === 200) {
        accepted++;
        assert.ok(!signedParts.includes(key) || JSON.stringify(value) === JSON.stringify(original), `${label} was accepted`);
      } else {
        checkAnswer(ceremony, response, before, label);
      }
    }),
    { numRuns: 300 },
  );
  console.log(`one-field changes of genuine responses: ${tried} inputs tried, ${accepted} harmless ones accepted`);
});
