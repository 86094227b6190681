/**
 * Every way a server can misbehave, against every element that talks to it: each case must end in the
 * right `passkey-error` (code and message), show the person the message for that code, store nothing
 * half-way, leave no unhandled promise rejection, and leave the element usable (a retry succeeds).
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { PasskeyClient, type PasskeyErrorCode, type PasskeyErrorDetail } from '../../src/client/index.ts';
import '../../src/index.ts';
import en from '../../src/i18n/en.ts';
import { ERROR_MESSAGE_KEYS } from '../../src/i18n/index.ts';
import type { MockEndpoint, MockFault } from '../../mock-server/index.ts';
import type { BrowserMock } from '../../mock-server/browser.ts';
import { VirtualAuthenticator } from '../helpers/authenticator.ts';
import { message } from '../helpers/element.ts';
import { freshMock, signOut } from '../helpers/mock.ts';

interface FaultCase {
  name: string;
  fault: MockFault;
  code: PasskeyErrorCode;
  /** Checks the event's `message`: what the server said, for the page's logs. */
  detail: (message: string) => boolean;
}

const STATUSES = [400, 401, 403, 404, 409, 429, 500, 502, 503];
const codeFor = (status: number): PasskeyErrorCode => (status === 401 || status === 403 ? 'unauthorized' : 'server');

const HTTP_CASES: FaultCase[] = STATUSES.flatMap((status) => [
  { name: `${status} with JSON { error }`, fault: { status, body: { error: `Refused (${status})` } }, code: codeFor(status), detail: (m) => m === `Refused (${status})` },
  { name: `${status} with JSON { detail }`, fault: { status, body: { detail: `Detail ${status}` } }, code: codeFor(status), detail: (m) => m === `Detail ${status}` },
  { name: `${status} with plain text`, fault: { status, body: `Plain ${status}` }, code: codeFor(status), detail: (m) => m === `Plain ${status}` },
  {
    name: `${status} with an HTML page`,
    fault: { status, headers: { 'content-type': 'text/html' }, body: `<!doctype html><html><head><title>Proxy page ${status}</title></head><body><script>window.__pwned = true</script></body></html>` },
    code: codeFor(status),
    detail: (m) => m.startsWith(`The server answered ${status}`) && m.endsWith(`: Proxy page ${status}`),
  },
]);

const BODY_CASES: FaultCase[] = [
  { name: '200 with truncated JSON', fault: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge":"abc","rp":' }, code: 'invalid-response', detail: (m) => m === 'The server did not answer with JSON' },
  { name: '200 with a JSON string that is not options', fault: { status: 200, body: JSON.stringify('hello') }, code: 'invalid-response', detail: (m) => m === 'The server did not answer with JSON' },
  { name: '200 with options missing the challenge', fault: { status: 200, body: { rp: { id: 'localhost', name: 'x' }, user: { id: 'dXNlcg', name: 'u', displayName: 'u' }, pubKeyCredParams: [], allowCredentials: [] } }, code: 'invalid-response', detail: (m) => /incomplete|challenge/.test(m) },
  { name: '200 with an empty body', fault: { status: 200, body: '' }, code: 'invalid-response', detail: (m) => m === 'The server sent an empty answer' },
];

interface Subject {
  tag: string;
  /** The request whose misbehaviour is tested. */
  endpoint: MockEndpoint;
  successEvent: string;
  /** What must exist before the element acts (e.g. an account to sign in to). */
  seed(client: PasskeyClient): Promise<void>;
  template(client: PasskeyClient): TemplateResult;
  act(element: HTMLElement): Promise<void>;
}

const start = (element: HTMLElement) => (element as HTMLElement & { start(): Promise<void> }).start();

const SUBJECTS: Subject[] = [
  {
    tag: 'passkey-register',
    endpoint: 'register/options',
    successEvent: 'passkey-registered',
    seed: async () => undefined,
    template: (client) => html`<passkey-register username="ada" .client=${client}></passkey-register>`,
    act: start,
  },
  {
    tag: 'passkey-login',
    endpoint: 'authenticate/options',
    successEvent: 'passkey-authenticated',
    async seed(client) {
      await client.register({ username: 'ada' });
      await signOut();
    },
    template: (client) => html`<passkey-login username="ada" .client=${client}></passkey-login>`,
    act: start,
  },
];

const SHOWN = (code: PasskeyErrorCode) => en[ERROR_MESSAGE_KEYS[code as Exclude<PasskeyErrorCode, 'cancelled'>]];

let caseCount = 0;

describe('fault matrix', () => {
  let mock: BrowserMock;
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

  before(() => window.addEventListener('unhandledrejection', onUnhandled));
  after(() => {
    window.removeEventListener('unhandledrejection', onUnhandled);
    console.log(`fault matrix: ${caseCount} cases`);
  });
  beforeEach(async () => {
    mock = await freshMock();
    unhandled.length = 0;
    await VirtualAuthenticator.add();
  });
  afterEach(async () => {
    await aTimeout(0);
    expect(unhandled, 'unhandled promise rejections').to.deep.equal([]);
    expect((window as { __pwned?: boolean }).__pwned, 'no script from an error page ran').to.equal(undefined);
    await VirtualAuthenticator.removeAll();
  });

  /** Mounts the element, makes it act once with `fault` in place, and returns what the page and the person got. */
  async function failOnce(subject: Subject, fault: MockFault, client = new PasskeyClient()) {
    await subject.seed(client);
    const before = mock.store.snapshot();
    const element = await fixture<HTMLElement & { state: string }>(subject.template(client));
    const errors: PasskeyErrorDetail[] = [];
    element.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
    mock.faults.force(subject.endpoint, { ...fault, times: 1 });
    await subject.act(element);
    return { element, errors, before };
  }

  async function expectUsableAgain(subject: Subject, element: HTMLElement) {
    let succeeded = false;
    element.addEventListener(subject.successEvent, () => (succeeded = true), { once: true });
    await subject.act(element);
    expect(succeeded, 'a retry succeeds').to.equal(true);
  }

  for (const subject of SUBJECTS) {
    describe(`<${subject.tag}>`, () => {
      for (const testCase of [...HTTP_CASES, ...BODY_CASES]) {
        caseCount++;
        it(`${testCase.name} → ${testCase.code}`, async () => {
          const { element, errors, before } = await failOnce(subject, testCase.fault);

          expect(errors.map((e) => e.code)).to.deep.equal([testCase.code]);
          expect(testCase.detail(errors[0]!.message), `message: ${errors[0]!.message}`).to.equal(true);
          expect(element.state).to.equal('error');
          expect(message(element)).to.equal(SHOWN(testCase.code));
          expect(mock.store.snapshot()).to.deep.equal(before);
          await expectUsableAgain(subject, element);
        });
      }

      caseCount++;
      it('connection refused → network', async () => {
        const refused = new PasskeyClient({ apiUrl: 'http://127.0.0.1:9/nothing-listens-here' });
        const element = await fixture<HTMLElement>(subject.template(refused));
        const errors: PasskeyErrorDetail[] = [];
        element.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
        await subject.act(element);
        expect(errors.map((e) => [e.code, e.phase])).to.deep.equal([['network', 'options']]);
        expect(message(element)).to.equal(SHOWN('network'));
        expect(mock.store.snapshot()).to.deep.equal({ users: [], credentials: [] });
      });

      caseCount++;
      it('an answer that never comes → timeout', async () => {
        const { element, errors, before } = await failOnce(subject, { delay: 'infinite' }, new PasskeyClient({ timeout: 250 }));
        expect(errors.map((e) => e.code)).to.deep.equal(['timeout']);
        expect(message(element)).to.equal(SHOWN('timeout'));
        expect(mock.store.snapshot()).to.deep.equal(before);
        await expectUsableAgain(subject, element);
      });

      caseCount++;
      it('a slow answer that arrives after the element was removed changes nothing and reports nothing', async () => {
        const client = new PasskeyClient();
        await subject.seed(client);
        const before = mock.store.snapshot();
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        render(subject.template(client), host);
        const element = host.firstElementChild as HTMLElement;
        const events: string[] = [];
        for (const type of ['passkey-error', subject.successEvent]) element.addEventListener(type, () => events.push(type));
        mock.faults.latency = 150;
        const acting = subject.act(element);
        await aTimeout(20);
        element.remove();
        await acting;
        await aTimeout(400);
        expect(events).to.deep.equal([]);
        expect(mock.store.snapshot()).to.deep.equal(before);
      });
    });
  }
});
