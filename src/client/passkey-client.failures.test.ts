import { expect } from '@open-wc/testing';
import { startAuthentication } from '@simplewebauthn/browser';
import { delay, getResponse, http, HttpResponse } from 'msw';
import { PasskeyClient } from './passkey-client.ts';
import type { PasskeyEndpoint, PasskeyRequest } from './http.ts';
import { VirtualAuthenticator } from '../../test/helpers/authenticator.ts';
import { expectPasskeyError } from '../../test/helpers/expect-error.ts';
import { api, freshMock, signOut } from '../../test/helpers/mock.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';

const HTML_500 = '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>';

describe('PasskeyClient: failure paths', () => {
  let mock: BrowserMock;
  let authenticator: VirtualAuthenticator;
  let client: PasskeyClient;

  beforeEach(async () => {
    mock = await freshMock();
    authenticator = await VirtualAuthenticator.add();
    client = new PasskeyClient();
  });

  afterEach(() => VirtualAuthenticator.removeAll());

  /** Registers alice and signs out, returning the store as it then is. */
  async function aliceRegistered() {
    const registered = await client.register({ username: 'alice' });
    await signOut();
    return { registered, before: mock.accounts() };
  }

  describe('the person or the browser', () => {
    it('cancelled: user verification fails (the prompt was dismissed)', async () => {
      await authenticator.setUserVerified(false);
      await expectPasskeyError(client.register({ username: 'alice' }), { code: 'cancelled', phase: 'ceremony' });
      expect(mock.accounts()).to.deep.equal({ users: [], credentials: [], sessions: [], recoveryTokens: [] });
    });

    it('cancelled at sign-in leaves the counter untouched', async () => {
      const { before } = await aliceRegistered();
      await authenticator.setUserVerified(false);
      await expectPasskeyError(client.authenticate({ username: 'alice' }), { code: 'cancelled', phase: 'ceremony' });
      expect(mock.accounts()).to.deep.equal(before);
    });

    it('not-supported: no WebAuthn in this browser, and no request is sent', async () => {
      const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
      let requests = 0;
      const counting = new PasskeyClient({ fetch: (...args) => (requests++, fetch(...args)) });
      Object.defineProperty(window, 'PublicKeyCredential', { configurable: true, value: undefined });
      try {
        await expectPasskeyError(counting.register({ username: 'alice' }), { code: 'not-supported', phase: 'ceremony' });
        await expectPasskeyError(counting.authenticate(), { code: 'not-supported', phase: 'ceremony' });
      } finally {
        Object.defineProperty(window, 'PublicKeyCredential', original);
      }
      expect(requests).to.equal(0);
    });

    it('aborted by the caller while the browser prompt is open', async () => {
      await aliceRegistered();
      await authenticator.setPresence(false); // nobody touches the authenticator: the prompt stays open
      const controller = new AbortController();
      // Abort as soon as the browser has the request: navigator.credentials.get() was called and waits for the person.
      const get = Object.getOwnPropertyDescriptor(CredentialsContainer.prototype, 'get')!;
      Object.defineProperty(navigator.credentials, 'get', {
        configurable: true,
        value(options?: CredentialRequestOptions) {
          const pending = (get.value as CredentialsContainer['get']).call(navigator.credentials, options);
          controller.abort();
          return pending;
        },
      });
      try {
        await expectPasskeyError(client.authenticate({ username: 'alice', signal: controller.signal }), { code: 'aborted', phase: 'ceremony' });
      } finally {
        delete (navigator.credentials as { get?: unknown }).get;
      }
    });

    it('a new ceremony aborts the one in flight', async () => {
      await aliceRegistered();
      let arrived!: () => void;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      mock.worker.use(
        http.post(`*${api('authenticate/options')}`, () => (arrived(), delay('infinite')), { once: true }),
      );

      const first = client.authenticate({ username: 'alice' });
      await reached;
      const second = client.authenticate({ username: 'alice' });

      await expectPasskeyError(first, { code: 'aborted', phase: 'options' });
      expect((await second).username).to.equal('alice');
    });

    it('a credential of another user is refused and changes nothing', async () => {
      await aliceRegistered();
      await client.register({ username: 'bob' });
      await signOut();
      const before = mock.accounts();
      // Sign in username-less with whichever passkey the authenticator picks, but claim to be someone else.
      const claimOther = new PasskeyClient({
        onRequest(request) {
          if (request.endpoint === 'authenticate/verify') request.body!.username = 'mallory';
        },
      });
      const error = await expectPasskeyError(claimOther.authenticate(), { code: 'verification-failed', phase: 'verify', status: 400 });
      expect(error.message).to.equal('The passkey could not be verified');
      expect(mock.accounts()).to.deep.equal(before);
    });
  });

  describe('the server', () => {
    it('500 with an HTML page: code server, the page title as message, nothing stored', async () => {
      mock.faults.force('register/verify', { status: 500, body: HTML_500, headers: { 'content-type': 'text/html' } });
      const error = await expectPasskeyError(client.register({ username: 'alice' }), { code: 'server', phase: 'verify', status: 500 });
      expect(error.message).to.equal('The server answered 500 Internal Server Error: 500 Internal Server Error');
      expect(mock.accounts()).to.deep.equal({ users: [], credentials: [], sessions: [], recoveryTokens: [] });
    });

    it('{ detail } (FastAPI) is the message', async () => {
      mock.faults.force('authenticate/options', { status: 400, body: { detail: 'Challenge not found or expired' } });
      const error = await expectPasskeyError(client.authenticate(), { code: 'server', phase: 'options', status: 400 });
      expect(error.message).to.equal('Challenge not found or expired');
    });

    it('plain text error is the message', async () => {
      mock.faults.force('register/options', { status: 503, body: 'Service Unavailable: try later' });
      const error = await expectPasskeyError(client.register({ username: 'alice' }), { code: 'server', phase: 'options', status: 503 });
      expect(error.message).to.equal('Service Unavailable: try later');
    });

    it('401 and 403 are unauthorized', async () => {
      mock.faults.force('register/options', { status: 403, body: { error: 'CSRF token missing' } });
      const error = await expectPasskeyError(client.register({ username: 'alice' }), { code: 'unauthorized', phase: 'options', status: 403 });
      expect(error.message).to.equal('CSRF token missing');
    });

    it('network failure at verify: code network, nothing stored', async () => {
      mock.faults.force('register/verify', { networkError: true });
      await expectPasskeyError(client.register({ username: 'alice' }), { code: 'network', phase: 'verify' });
      expect(mock.store.snapshot().credentials).to.deep.equal([]);
    });

    it('connection refused: code network', async () => {
      // A path the mock does not answer on, on a port nothing listens on.
      const offline = new PasskeyClient({ apiUrl: 'http://127.0.0.1:9/nothing-here' });
      await expectPasskeyError(offline.authenticate(), { code: 'network', phase: 'options' });
    });

    it('an endpoint that never answers hits the timeout', async () => {
      mock.faults.force('authenticate/options', { delay: 'infinite' });
      const impatient = new PasskeyClient({ timeout: 300 });
      const error = await expectPasskeyError(impatient.authenticate(), { code: 'timeout', phase: 'options' });
      expect(error.message).to.equal('No answer within 300 ms');
    });

    it('malformed JSON, an empty body, and options without a challenge are invalid-response', async () => {
      mock.faults.force('authenticate/options', { status: 200, body: '{"challenge": "abc", ', times: 1 });
      await expectPasskeyError(client.authenticate(), { code: 'invalid-response', phase: 'options', status: 200 });
      mock.faults.force('authenticate/options', { status: 200, body: '', times: 1 });
      await expectPasskeyError(client.authenticate(), { code: 'invalid-response', phase: 'options', status: 200 });
      mock.faults.force('register/options', { status: 200, body: { rp: { id: 'localhost' }, user: { id: 'x' } }, times: 1 });
      await expectPasskeyError(client.register({ username: 'alice' }), { code: 'invalid-response', phase: 'options' });
      expect(mock.accounts()).to.deep.equal({ users: [], credentials: [], sessions: [], recoveryTokens: [] });
    });

    it('verified: false is verification-failed', async () => {
      await aliceRegistered();
      mock.faults.force('authenticate/verify', { status: 200, body: { verified: false } });
      await expectPasskeyError(client.authenticate({ username: 'alice' }), { code: 'verification-failed', phase: 'verify' });
    });

    it('accepts double-encoded options (a JSON string holding the JSON, as FastAPI sends them)', async () => {
      mock.worker.use(
        http.post(`*${api('register/options')}`, async ({ request }) => {
          const real = await getResponse(mock.handlers, request);
          return HttpResponse.json(JSON.stringify(await real!.json()));
        }),
      );
      const registered = await client.register({ username: 'alice' });
      expect(mock.store.snapshot().credentials.map((c) => c.id)).to.deep.equal([registered.credentialId]);
    });

    it('accepts extra fields and the guide servers\' minimal verify answers', async () => {
      mock.worker.use(
        http.post('*/api/passkey/register/verify', async ({ request }) => {
          const real = (await (await getResponse(mock.handlers, request))!.json()) as Record<string, unknown>;
          return HttpResponse.json({ verified: true, userId: real.userId, plan: 'pro' });
        }),
      );
      const registered = await client.register({ username: 'alice' });
      expect(registered.credentialId).to.equal(mock.store.snapshot().credentials[0]!.id);
      expect(registered.response).to.deep.include({ plan: 'pro' });
    });
  });

  describe('challenges', () => {
    it('an expired challenge is refused and nothing changes', async () => {
      const { before } = await aliceRegistered();
      const late = new PasskeyClient({
        onRequest(request) {
          if (request.endpoint === 'authenticate/verify') mock.clock.advance(5 * 60_000 + 1);
        },
      });
      const error = await expectPasskeyError(late.authenticate({ username: 'alice' }), { code: 'verification-failed', phase: 'verify', status: 400 });
      expect(error.message).to.equal('The passkey could not be verified');
      expect(mock.accounts()).to.deep.equal(before);
    });

    it('a replayed verify body is refused and nothing changes', async () => {
      await aliceRegistered();
      let captured: PasskeyRequest | undefined;
      await new PasskeyClient({ onRequest: (request) => void (request.endpoint === 'authenticate/verify' && (captured = request)) }).authenticate({ username: 'alice' });
      await signOut();
      const before = mock.accounts();
      const replaying = new PasskeyClient({
        onRequest(request) {
          if (request.endpoint === 'authenticate/verify') request.body = captured!.body;
        },
      });
      const error = await expectPasskeyError(replaying.authenticate({ username: 'alice' }), { code: 'verification-failed', phase: 'verify', status: 400 });
      expect(error.message).to.equal('The passkey could not be verified');
      expect(mock.accounts()).to.deep.equal(before);
    });

    it('two ceremonies in flight for one username do not overwrite each other', async () => {
      await aliceRegistered();
      const post = async (endpoint: PasskeyEndpoint, body: unknown) =>
        (await fetch(api(endpoint), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
      const firstOptions = await post('authenticate/options', { username: 'alice' });
      const secondOptions = await post('authenticate/options', { username: 'alice' });
      expect(firstOptions.challenge).to.not.equal(secondOptions.challenge);

      // Answer the second first, then the first: each verify finds its own challenge.
      const secondAnswer = await startAuthentication({ optionsJSON: secondOptions });
      const firstAnswer = await startAuthentication({ optionsJSON: firstOptions });
      expect(await post('authenticate/verify', { username: 'alice', credential: secondAnswer })).to.include({ verified: true });
      expect(await post('authenticate/verify', { username: 'alice', credential: firstAnswer })).to.include({ verified: true });
    });
  });

  describe('credential management without the right session', () => {
    it('list, rename and delete without a session are unauthorized', async () => {
      const { registered, before } = await aliceRegistered();
      await expectPasskeyError(client.listCredentials(), { code: 'unauthorized', phase: 'manage', status: 401 });
      await expectPasskeyError(client.renameCredential(registered.credentialId, 'x'), { code: 'unauthorized', phase: 'manage', status: 401 });
      await expectPasskeyError(client.deleteCredential(registered.credentialId), { code: 'unauthorized', phase: 'manage', status: 401 });
      expect(mock.accounts()).to.deep.equal(before);
    });

    it("another user's passkey is never listed, renamed or deleted", async () => {
      const { registered: alice } = await aliceRegistered();
      await client.register({ username: 'bob' });
      const before = mock.accounts();

      expect((await client.listCredentials()).map((c) => c.id)).to.not.include(alice.credentialId);
      await expectPasskeyError(client.renameCredential(alice.credentialId, 'pwned'), { code: 'server', phase: 'manage', status: 404 });
      await expectPasskeyError(client.deleteCredential(alice.credentialId), { code: 'server', phase: 'manage', status: 404 });
      expect(mock.accounts()).to.deep.equal(before);
    });

    it('a rename with an empty name is refused with the server\'s reason', async () => {
      const { credentialId } = await client.register({ username: 'alice' });
      const error = await expectPasskeyError(client.renameCredential(credentialId, '   '), { code: 'server', phase: 'manage', status: 400 });
      expect(error.message).to.equal('name is required');
    });
  });
});
