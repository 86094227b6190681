/**
 * Every way a server can misbehave, against every element that talks to it: each case must end in the
 * right `passkey-error` (code and message), show the person the message for that code, store nothing
 * half-way, leave no unhandled promise rejection, and leave the element usable (a retry succeeds).
 * Subjects: the options request of <passkey-register> and <passkey-login>, and the list of <passkey-manager>
 * (whose retry is `refresh()` showing the passkeys again); then a manager row's rename and delete.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import { PasskeyClient, type PasskeyErrorCode, type PasskeyErrorDetail } from '../../src/client/index.ts';
import '../../src/index.ts';
import en from '../../src/i18n/en.ts';
import { ERROR_MESSAGE_KEYS } from '../../src/i18n/index.ts';
import type { MockFault, PasskeyEndpoint as MockEndpoint } from 'passkey-elements-mock';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../helpers/authenticator.ts';
import { message, part } from '../helpers/element.ts';
import { loaded, names, press, row, rowButton, rowText, storeCredential } from '../helpers/manager.ts';
import { freshMock, signOut } from '../helpers/mock.ts';
import type { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';

interface FaultCase {
  name: string;
  fault: MockFault;
  code: PasskeyErrorCode;
  /** What the person reads, where it is not the message of `code`. */
  shown?: string;
  /** Checks the event's `message`: what the server said, for the page's logs. */
  detail: (message: string) => boolean;
  /** Where a request says something else about the same body (the list is not options). */
  detailFor?: Partial<Record<MockEndpoint, (message: string) => boolean>>;
}

const STATUSES = [400, 401, 403, 404, 409, 429, 500, 502, 503];
const codeFor = (status: number): PasskeyErrorCode => (status === 401 || status === 403 ? 'unauthorized' : 'server');
// A request the server refuses (400, 409) asks the person to check what they entered, not to wait for the server.
const shownFor = (status: number) => (status === 400 || status === 409 ? en.errorRefused : undefined);

const HTTP_CASES: FaultCase[] = STATUSES.flatMap((status) => [
  { name: `${status} with JSON { error }`, fault: { status, body: { error: `Refused (${status})` } }, code: codeFor(status), shown: shownFor(status), detail: (m) => m === `Refused (${status})` },
  { name: `${status} with JSON { detail }`, fault: { status, body: { detail: `Detail ${status}` } }, code: codeFor(status), shown: shownFor(status), detail: (m) => m === `Detail ${status}` },
  { name: `${status} with plain text`, fault: { status, body: `Plain ${status}` }, code: codeFor(status), shown: shownFor(status), detail: (m) => m === `Plain ${status}` },
  {
    name: `${status} with an HTML page`,
    fault: { status, headers: { 'content-type': 'text/html' }, body: `<!doctype html><html><head><title>Proxy page ${status}</title></head><body><script>window.__pwned = true</script></body></html>` },
    code: codeFor(status),
    shown: shownFor(status),
    detail: (m) => m.startsWith(`The server answered ${status}`) && m.endsWith(`: Proxy page ${status}`),
  },
]);

const BODY_CASES: FaultCase[] = [
  { name: '200 with truncated JSON', fault: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge":"abc","rp":' }, code: 'invalid-response', detail: (m) => m === 'The server did not answer with JSON' },
  { name: '200 with a JSON string that is not options', fault: { status: 200, body: JSON.stringify('hello') }, code: 'invalid-response', detail: (m) => m === 'The server did not answer with JSON' },
  {
    name: '200 with options missing the challenge',
    fault: { status: 200, body: { rp: { id: 'localhost', name: 'x' }, user: { id: 'dXNlcg', name: 'u', displayName: 'u' }, pubKeyCredParams: [], allowCredentials: [] } },
    code: 'invalid-response',
    detail: (m) => /incomplete|challenge/.test(m),
    detailFor: { 'credentials/list': (m) => m === 'The credential list is not a list of passkeys' },
  },
  { name: '200 with an empty body', fault: { status: 200, body: '' }, code: 'invalid-response', detail: (m) => m === 'The server sent an empty answer' },
];

/** Bodies only a list can get wrong: a 200 JSON answer that is not a list of passkeys. */
const LIST_CASES: FaultCase[] = [
  { name: '200 with a list of things without an id', fault: { status: 200, body: [{ name: 'Laptop' }] }, code: 'invalid-response', detail: (m) => m === 'The credential list is not a list of passkeys' },
  { name: '200 with the list wrapped in an object', fault: { status: 200, body: { credentials: [] } }, code: 'invalid-response', detail: (m) => m === 'The credential list is not a list of passkeys' },
];

interface Subject {
  tag: string;
  /** The request whose misbehaviour is tested. */
  endpoint: MockEndpoint;
  /** The phase its passkey-error names. */
  phase: string;
  /** The event a success fires; a list has none (see `usableAgain`). */
  successEvent?: string;
  /** What must exist before the element acts (e.g. an account to sign in to). */
  seed(client: PasskeyClient, mock: BrowserMock): Promise<void>;
  template(client: PasskeyClient): TemplateResult;
  /** Waits for what the element does by itself on connect, before a fault is forced and listeners are added. */
  settle?(element: HTMLElement): Promise<void>;
  act(element: HTMLElement): Promise<void>;
  /** The state and the text the person gets for a failure with `code`. */
  failed(element: HTMLElement, code: PasskeyErrorCode): { state: string; shows: string };
  /** A retry works: by default, `act` fires `successEvent`. */
  usableAgain?(element: HTMLElement): Promise<void>;
  /** After an answer that arrived too late: what must still be as it was on connect. */
  untouched?(element: HTMLElement): unknown;
  /** Cases only this subject has. */
  extraCases?: FaultCase[];
}

const start = (element: HTMLElement) => (element as HTMLElement & { start(): Promise<void> }).start();
const ceremonyFailed = (element: HTMLElement) => ({ state: (element as HTMLElement & { state: string }).state, shows: message(element) });
const partText = (element: Element, name: string) => part(element, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const SEEDED = 'Laptop';

const SUBJECTS: Subject[] = [
  {
    tag: 'passkey-register',
    endpoint: 'register/options',
    successEvent: 'passkey-registered',
    seed: async () => undefined,
    phase: 'options',
    template: (client) => html`<passkey-register username="ada" .client=${client}></passkey-register>`,
    act: start,
    failed: ceremonyFailed,
  },
  {
    tag: 'passkey-login',
    endpoint: 'authenticate/options',
    successEvent: 'passkey-authenticated',
    async seed(client) {
      await client.register({ username: 'ada' });
      await signOut();
    },
    phase: 'options',
    template: (client) => html`<passkey-login username="ada" .client=${client}></passkey-login>`,
    act: start,
    failed: ceremonyFailed,
  },
  {
    tag: 'passkey-manager',
    endpoint: 'credentials/list',
    phase: 'manage',
    async seed(client, mock) {
      // A real ceremony: ada has a passkey, and is signed in.
      const { credentialId, userId } = await client.register({ username: 'ada' });
      await mock.store.renameCredential(userId, credentialId, SEEDED);
    },
    template: (client) => html`<passkey-manager .client=${client}></passkey-manager>`,
    settle: (element) => loaded(element as PasskeyManager),
    act: (element) => (element as PasskeyManager).refresh(),
    failed: (element) => ({
      state: (element as PasskeyManager).state,
      shows: [partText(element, 'unauthorized') || partText(element, 'error'), part(element, 'retry-button') ? 'Try again' : 'no retry', `${names(element).length} rows`].join(' | '),
    }),
    async usableAgain(element) {
      const manager = element as PasskeyManager;
      await manager.refresh();
      expect([manager.state, names(manager)], 'refresh() lists the passkeys again').to.deep.equal(['ready', [SEEDED]]);
    },
    untouched: (element) => [(element as PasskeyManager).state, (element as PasskeyManager).passkeys.length, names(element)],
    extraCases: LIST_CASES,
  },
];

/** What `failed()` gives for `code`, as the element documents it. */
function expectedFailure(subject: Subject, code: PasskeyErrorCode, shown = SHOWN(code)): { state: string; shows: string } {
  if (subject.tag === 'passkey-manager') {
    // Documented: `unauthorized` is nobody signed in (its own text, no retry, no rows), not the error state with its retry.
    if (code === 'unauthorized') return { state: 'unauthorized', shows: `${en.managerUnauthorized} | no retry | 0 rows` };
    return { state: 'error', shows: `${shown} | Try again | 0 rows` };
  }
  return { state: 'error', shows: shown };
}

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
    await subject.seed(client, mock);
    const before = mock.accounts();
    const element = await fixture<HTMLElement & { state: string }>(subject.template(client));
    await subject.settle?.(element);
    const errors: PasskeyErrorDetail[] = [];
    element.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
    mock.faults.force(subject.endpoint, { ...fault, times: 1 });
    await subject.act(element);
    return { element, errors, before };
  }

  async function expectUsableAgain(subject: Subject, element: HTMLElement) {
    if (subject.usableAgain) return subject.usableAgain(element);
    let succeeded = false;
    element.addEventListener(subject.successEvent!, () => (succeeded = true), { once: true });
    await subject.act(element);
    expect(succeeded, 'a retry succeeds').to.equal(true);
  }

  for (const subject of SUBJECTS) {
    describe(`<${subject.tag}>`, () => {
      for (const testCase of [...HTTP_CASES, ...BODY_CASES, ...(subject.extraCases ?? [])]) {
        caseCount++;
        it(`${testCase.name} → ${testCase.code}`, async () => {
          const { element, errors, before } = await failOnce(subject, testCase.fault);

          expect(errors.map((e) => [e.code, e.phase])).to.deep.equal([[testCase.code, subject.phase]]);
          const detail = testCase.detailFor?.[subject.endpoint] ?? testCase.detail;
          expect(detail(errors[0]!.message), `message: ${errors[0]!.message}`).to.equal(true);
          expect(subject.failed(element, testCase.code)).to.deep.equal(expectedFailure(subject, testCase.code, testCase.shown));
          expect(mock.accounts()).to.deep.equal(before);
          await expectUsableAgain(subject, element);
        });
      }

      caseCount++;
      it('connection refused → network', async () => {
        const refused = new PasskeyClient({ apiUrl: 'http://127.0.0.1:9/nothing-listens-here' });
        const element = await fixture<HTMLElement>(subject.template(refused));
        await subject.settle?.(element);
        const errors: PasskeyErrorDetail[] = [];
        element.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
        await subject.act(element);
        expect(errors.map((e) => [e.code, e.phase])).to.deep.equal([['network', subject.phase]]);
        expect(subject.failed(element, 'network')).to.deep.equal(expectedFailure(subject, 'network'));
        expect(mock.accounts()).to.deep.equal({ users: [], credentials: [], sessions: [], recoveryTokens: [] });
      });

      caseCount++;
      it('an answer that never comes → timeout', async () => {
        const { element, errors, before } = await failOnce(subject, { delay: 'infinite' }, new PasskeyClient({ timeout: 250 }));
        expect(errors.map((e) => e.code)).to.deep.equal(['timeout']);
        expect(subject.failed(element, 'timeout')).to.deep.equal(expectedFailure(subject, 'timeout'));
        expect(mock.accounts()).to.deep.equal(before);
        await expectUsableAgain(subject, element);
      });

      caseCount++;
      it('a slow answer that arrives after the element was removed changes nothing and reports nothing', async () => {
        const client = new PasskeyClient();
        await subject.seed(client, mock);
        const before = mock.accounts();
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        mock.faults.latency = 150;
        render(subject.template(client), host);
        const element = host.firstElementChild as HTMLElement;
        const untouched = subject.untouched?.(element);
        const events: string[] = [];
        for (const type of new Set(['passkey-error', subject.successEvent ?? 'passkey-error'])) element.addEventListener(type, () => events.push(type));
        const acting = subject.act(element);
        await aTimeout(20);
        element.remove();
        await acting;
        await aTimeout(400);
        expect(events).to.deep.equal([]);
        expect(mock.accounts()).to.deep.equal(before);
        expect(subject.untouched?.(element), 'the element still shows what it showed when it left').to.deep.equal(untouched);
      });
    });
  }

  /**
   * A rename or a delete of one row fails: the row says why (the list stays), the store is unchanged, the
   * passkey-error names what the server said, and trying again from the same row works.
   */
  describe('<passkey-manager> rename and delete', () => {
    const ROW_FAULTS: { name: string; fault: MockFault; code: PasskeyErrorCode; shown?: string; detail: string; timeout?: number }[] = [
      {
        name: 'a 500 with an HTML page',
        fault: { status: 500, headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>Upstream crashed</title></head><body><img src=x onerror="window.__pwned = true"></body></html>' },
        code: 'server',
        detail: 'The server answered 500 Internal Server Error: Upstream crashed',
      },
      { name: "FastAPI's 422 { detail }", fault: { status: 422, body: { detail: [{ msg: 'name: too long' }] } }, code: 'server', shown: en.errorRefused, detail: 'name: too long' },
      { name: 'a network error', fault: { networkError: true }, code: 'network', detail: 'The server could not be reached' },
      { name: 'an answer that never comes', fault: { delay: 'infinite' }, code: 'timeout', detail: '', timeout: 250 },
    ];

    /** ada, signed in, with two named passkeys (a delete of the only one is refused before any request). */
    async function twoPasskeys(client: PasskeyClient) {
      const { credentialId, userId } = await client.register({ username: 'ada' });
      await mock.store.renameCredential(userId, credentialId, SEEDED);
      const phone = storeCredential(mock, userId, { name: 'Phone' });
      const el = await fixture<PasskeyManager>(html`<passkey-manager .client=${client}></passkey-manager>`);
      await loaded(el);
      expect(names(el)).to.deep.equal([SEEDED, 'Phone']);
      const errors: PasskeyErrorDetail[] = [];
      el.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
      return { el, errors, credentialId, phone };
    }

    async function expectRowFailure(el: PasskeyManager, errors: PasskeyErrorDetail[], testCase: (typeof ROW_FAULTS)[number], before: unknown) {
      await waitUntil(() => errors.length > 0, 'no passkey-error', { timeout: 10_000 });
      await waitUntil(() => !row(el, SEEDED).hasAttribute('aria-busy'), 'the row stays busy');
      await el.updateComplete;
      expect(errors.map((e) => [e.code, e.phase])).to.deep.equal([[testCase.code, 'manage']]);
      if (testCase.detail) expect(errors[0]!.message).to.equal(testCase.detail);
      expect(el.state, 'the list stays').to.equal('ready');
      expect(names(el)).to.deep.equal([SEEDED, 'Phone']);
      expect(rowText(row(el, SEEDED), 'row-message')).to.equal(testCase.shown ?? SHOWN(testCase.code));
      expect(rowText(row(el, 'Phone'), 'row-message'), 'only its own row says so').to.equal('');
      expect(mock.accounts()).to.deep.equal(before);
    }

    for (const testCase of ROW_FAULTS) {
      caseCount++;
      it(`rename: ${testCase.name} → ${testCase.code}, shown in the row; Save again renames`, async () => {
        const { el, errors, credentialId } = await twoPasskeys(new PasskeyClient(testCase.timeout ? { timeout: testCase.timeout } : {}));
        const before = mock.accounts();
        mock.faults.force('credentials/rename', { ...testCase.fault, times: 1 });
        await press(rowButton(row(el, SEEDED), 'Rename'));
        await sendKeys({ type: 'Work laptop' });
        await sendKeys({ press: 'Enter' });
        await expectRowFailure(el, errors, testCase, before);
        expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')?.value, 'the draft is kept').to.equal('Work laptop');

        await press(rowButton(row(el, SEEDED), 'Save'));
        await waitUntil(() => names(el)[0] === 'Work laptop', 'the retry did not rename');
        expect(mock.store.credentials.get(credentialId)!.name).to.equal('Work laptop');
        expect(el.shadowRoot!.querySelector('[part~="row-message"]')).to.equal(null);
        expect(errors).to.have.length(1);
      });

      caseCount++;
      it(`delete: ${testCase.name} → ${testCase.code}, shown in the row; confirming again deletes`, async () => {
        const { el, errors, credentialId } = await twoPasskeys(new PasskeyClient(testCase.timeout ? { timeout: testCase.timeout } : {}));
        const before = mock.accounts();
        mock.faults.force('credentials/delete', { ...testCase.fault, times: 1 });
        await press(rowButton(row(el, SEEDED), 'Delete'));
        await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        await expectRowFailure(el, errors, testCase, before);

        await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        await waitUntil(() => names(el).length === 1, 'the retry did not delete');
        expect(names(el)).to.deep.equal(['Phone']);
        expect(mock.store.credentials.has(credentialId)).to.equal(false);
        expect(errors).to.have.length(1);
      });
    }

    for (const op of ['rename', 'delete'] as const) {
      caseCount++;
      it(`${op}: a 401 → unauthorized: the signed-out state, not a row error; refresh() lists again once the session is back`, async () => {
        const { el, errors } = await twoPasskeys(new PasskeyClient());
        const before = mock.accounts();
        mock.faults.force(`credentials/${op}`, { status: 401, body: { error: 'Session expired' }, times: 1 });
        if (op === 'rename') {
          await press(rowButton(row(el, SEEDED), 'Rename'));
          await sendKeys({ type: 'Work laptop' });
          await sendKeys({ press: 'Enter' });
        } else {
          await press(rowButton(row(el, SEEDED), 'Delete'));
          await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        }
        await waitUntil(() => el.state === 'unauthorized', `still ${el.state}`);
        await el.updateComplete;
        expect(errors.map((e) => [e.code, e.status, e.message])).to.deep.equal([['unauthorized', 401, 'Session expired']]);
        expect([partText(el, 'unauthorized'), names(el), part(el, 'error')]).to.deep.equal([en.managerUnauthorized, [], null]);
        expect(mock.accounts()).to.deep.equal(before);
        await el.refresh();
        expect([el.state, names(el)]).to.deep.equal(['ready', [SEEDED, 'Phone']]);
      });
    }
  });
});
