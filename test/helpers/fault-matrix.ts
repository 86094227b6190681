/**
 * The fault matrix (test/browser/fault-matrix.*.test.ts): every way a server can misbehave, against every request an
 * element makes in a ceremony or a list: the options and the verify of <passkey-register> and <passkey-login>, and the
 * list of <passkey-manager>. Each case checks, in the case itself:
 * - the `passkey-error`: code, phase, status and message (the server's words, or the client's own);
 * - what the person reads, in English written out in fault-cases.ts;
 * - the store (accounts, passkeys, sessions, recovery links and challenges): nothing half done; the only change allowed
 *   is the challenge an earlier request of the same ceremony handed out;
 * - over a bounded stretch of real time after the failure: no unhandled promise rejection, and no script from an
 *   error page ran;
 * - a retry succeeds.
 * One file per element keeps each page's run short; each prints its case count (wtr shows it under "Browser logs").
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import { render, type TemplateResult } from 'lit';
import { PasskeyClient, PROTOCOL, type PasskeyErrorCode, type PasskeyErrorDetail, type PasskeyPhase } from '../../src/client/index.ts';
import '../../src/index.ts';
import type { MemorySnapshot, PasskeyEndpoint } from 'passkey-elements-mock';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from './authenticator.ts';
import { message, part } from './element.ts';
import { BODY_CASES, errorPage, HTTP_CASES, SAID, SHOWN, type FaultCase } from './fault-cases.ts';
import { gate, loaded, mockAnswer, names } from './manager.ts';
import { freshMock, signOut } from './mock.ts';
import type { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';

/** The client's timeout in every case: long enough for a loaded machine's real answers, short enough to wait for. */
export const TIMEOUT_MS = 1000;
/** How long after a failure a late rejection or an injected script still counts against the case. */
const QUIET_MS = 300;
/** Where nothing listens: a real refused connection (a port browsers do not block). */
const NOWHERE = 'http://127.0.0.1:2/nothing-listens-here';

type Element = HTMLElement & { state: string };

export interface Subject {
  /** What the describe block says. */
  title: string;
  /** The request whose misbehaviour is tested. */
  endpoint: PasskeyEndpoint;
  /** The phase its passkey-error names. */
  phase: PasskeyPhase;
  /** What a 200 answer of this request can get wrong. */
  bodies: FaultCase[];
  /** The event a success fires; a list has none (see `usableAgain`). */
  successEvent?: string;
  /** What must exist before the element acts (e.g. an account to sign in to). */
  seed(client: PasskeyClient, mock: BrowserMock): Promise<void>;
  template(client: PasskeyClient): TemplateResult;
  /** Waits for what the element does by itself on connect, before a fault is forced and listeners are added. */
  settle?(element: Element): Promise<void>;
  act(element: Element): Promise<void>;
  /** The state and the text the person gets now. */
  failed(element: Element): { state: string; shows: string };
  /** What `failed` must give after a failure that shows `shown` (with `code`). */
  expected(code: PasskeyErrorCode, shown: string): { state: string; shows: string };
  /** A retry works: by default, `act` fires `successEvent`. */
  usableAgain?(element: Element): Promise<void>;
  /** What the element shows, compared before it acts and after it was removed and a late answer came. */
  untouched(element: Element): unknown;
  /** The challenges a failure of this request leaves: those the ceremony's earlier requests handed out. */
  leftBehind: string[];
  /** What a late answer of this request (the element gone) did to the store; the server cannot know the page left. */
  lateAnswer: { people: 'unchanged' | 'ada registered' | 'ada signed in'; challenges: string[] };
}

const start = (element: Element) => (element as Element & { start(): Promise<void> }).start();
export const partText = (element: Element, name: string) => part(element, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const ceremonyFailed = (element: Element) => ({ state: element.state, shows: message(element) });
const ceremonyExpected = (_code: PasskeyErrorCode, shown: string) => ({ state: 'error', shows: shown });
const ceremonyUntouched = (element: Element) => [element.state, element.getAttribute('state'), message(element)];
/** The name of ada's first passkey in the manager's cases. */
export const SEEDED = 'Laptop';

/** <passkey-register> for a new account, failing at `endpoint`. */
export const register = (endpoint: 'register/options' | 'register/verify'): Subject => ({
  title: `<passkey-register>, ${endpoint}`,
  endpoint,
  phase: endpoint === 'register/options' ? 'options' : 'verify',
  bodies: endpoint === 'register/options' ? BODY_CASES['register/options'] : BODY_CASES.verify,
  successEvent: 'passkey-registered',
  seed: async () => undefined,
  template: (client) => html`<passkey-register username="ada" .client=${client}></passkey-register>`,
  act: start,
  failed: ceremonyFailed,
  expected: ceremonyExpected,
  untouched: ceremonyUntouched,
  leftBehind: endpoint === 'register/options' ? [] : ['registration for ada'],
  lateAnswer: endpoint === 'register/options' ? { people: 'unchanged', challenges: ['registration for ada'] } : { people: 'ada registered', challenges: [] },
});

/** <passkey-login> for ada (registered, signed out), failing at `endpoint`. */
export const login = (endpoint: 'authenticate/options' | 'authenticate/verify'): Subject => ({
  title: `<passkey-login>, ${endpoint}`,
  endpoint,
  phase: endpoint === 'authenticate/options' ? 'options' : 'verify',
  bodies: endpoint === 'authenticate/options' ? BODY_CASES['authenticate/options'] : BODY_CASES.verify,
  successEvent: 'passkey-authenticated',
  async seed(client) {
    await client.register({ username: 'ada' });
    await signOut();
  },
  template: (client) => html`<passkey-login username="ada" .client=${client}></passkey-login>`,
  act: start,
  failed: ceremonyFailed,
  expected: ceremonyExpected,
  untouched: ceremonyUntouched,
  leftBehind: endpoint === 'authenticate/options' ? [] : ['authentication for ada'],
  lateAnswer:
    endpoint === 'authenticate/options' ? { people: 'unchanged', challenges: ['authentication for ada'] } : { people: 'ada signed in', challenges: [] },
});

/** <passkey-manager> of ada (signed in, one passkey named `SEEDED`), its list failing on `refresh()`. */
export const managerList: Subject = {
  title: '<passkey-manager>, credentials/list',
  endpoint: 'credentials/list',
  phase: 'manage',
  bodies: BODY_CASES['credentials/list'],
  async seed(client, mock) {
    // A real ceremony: ada has a passkey, and is signed in.
    const { credentialId, userId } = await client.register({ username: 'ada' });
    await mock.store.renameCredential(userId, credentialId, SEEDED);
  },
  template: (client) => html`<passkey-manager .client=${client}></passkey-manager>`,
  settle: (element) => loaded(element as unknown as PasskeyManager),
  act: (element) => (element as unknown as PasskeyManager).refresh(),
  failed: (element) => ({
    state: element.state,
    shows: [partText(element, 'unauthorized') || partText(element, 'error'), part(element, 'retry-button') ? 'Try again' : 'no retry', `${names(element).length} rows`].join(' | '),
  }),
  // Documented: `unauthorized` is nobody signed in (its own text, no retry, no rows), not the error state with its retry.
  expected: (code, shown) =>
    code === 'unauthorized' ? { state: 'unauthorized', shows: `${SHOWN.managerUnauthorized} | no retry | 0 rows` } : { state: 'error', shows: `${shown} | Try again | 0 rows` },
  async usableAgain(element) {
    const el = element as unknown as PasskeyManager;
    await el.refresh();
    expect([el.state, names(el)], 'refresh() lists the passkeys again').to.deep.equal(['ready', [SEEDED]]);
  },
  untouched: (element) => [element.state, (element as unknown as PasskeyManager).passkeys.length, names(element)],
  leftBehind: [],
  lateAnswer: { people: 'unchanged', challenges: [] },
};

/** Accounts, passkeys, sessions and recovery links: what a failed request must never change. */
const people = ({ users, credentials, sessions, recoveryTokens }: MemorySnapshot) => ({ users, credentials, sessions, recoveryTokens });
const describeChallenge = (challenge: MemorySnapshot['challenges'][number]) => `${challenge.ceremony} for ${challenge.usernameKey ?? 'anyone'}`;

/** The challenges in `after` that `before` did not have, described; and how many of `before` are gone. */
function challengeChanges(before: MemorySnapshot, after: MemorySnapshot) {
  const had = new Set(before.challenges.map(({ challenge }) => challenge));
  const kept = after.challenges.filter(({ challenge }) => had.has(challenge)).length;
  return { usedUp: before.challenges.length - kept, handedOut: after.challenges.filter(({ challenge }) => !had.has(challenge)).map(describeChallenge) };
}

/** Nothing half done: people as they were, and no challenge used up or handed out but those `leftBehind` names. */
export function expectNothingHalfDone(before: MemorySnapshot, after: MemorySnapshot, leftBehind: string[] = []): void {
  expect(people(after), 'accounts, passkeys, sessions or recovery links changed').to.deep.equal(people(before));
  expect(challengeChanges(before, after), 'challenges').to.deep.equal({ usedUp: 0, handedOut: leftBehind });
}

/** What cases beyond the subjects' get from the matrix. */
export interface MatrixContext {
  /** This case's mock backend, fresh. */
  readonly mock: BrowserMock;
  /** Until a bounded stretch after `since`: then no unhandled rejection and no injected script, or this case fails. */
  expectQuietSince(since: number): Promise<void>;
  /** Counts one more case in the printed total. */
  count(): void;
}

/**
 * Defines the matrix of `subjects` (each case against each subject), then `more` cases with the same setup; prints
 * "fault matrix, <name>: N cases" when done.
 */
export function faultMatrix(name: string, subjects: Subject[], more?: (context: MatrixContext) => void): void {
  let caseCount = 0;
  let mock!: BrowserMock;
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  const pwned = () => (window as { __pwned?: unknown }).__pwned;

  async function expectQuietSince(since: number) {
    const left = since + QUIET_MS - performance.now();
    if (left > 0) await aTimeout(left);
    expect(unhandled.map(String), 'unhandled promise rejections').to.deep.equal([]);
    expect(pwned(), 'script from an error page ran').to.equal(undefined);
  }

  /**
   * Mounts the element with `client`, makes it act once with the subject's request failing (`fail` arms the failure),
   * and returns what the page got and the store before.
   */
  async function failOnce(subject: Subject, client: PasskeyClient, fail: () => void) {
    await subject.seed(client, mock);
    const element = await fixture<Element>(subject.template(client));
    await subject.settle?.(element);
    const errors: PasskeyErrorDetail[] = [];
    element.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
    const before = mock.store.snapshot();
    fail();
    await subject.act(element);
    await waitUntil(() => errors.length > 0, 'no passkey-error', { timeout: 10_000 });
    return { element, errors, before, failedAt: performance.now() };
  }

  /** The whole check of one failure, then the retry. */
  async function expectFailure(subject: Subject, failure: Awaited<ReturnType<typeof failOnce>>, expected: Omit<FaultCase, 'name' | 'fault'>) {
    const { element, errors, before, failedAt } = failure;
    await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(errors.map((e) => [e.code, e.phase, e.status])).to.deep.equal([[expected.code, subject.phase, expected.status]]);
    expect(errors[0]!.message).to.equal(expected.message);
    expect(subject.failed(element), 'what the person sees').to.deep.equal(subject.expected(expected.code, expected.shown));
    expectNothingHalfDone(before, mock.store.snapshot(), subject.leftBehind);

    await expectUsableAgain(subject, element);
    expect(errors, 'the retry reported a failure').to.have.length(1);
    await expectQuietSince(failedAt);
  }

  async function expectUsableAgain(subject: Subject, element: Element) {
    if (subject.usableAgain) return subject.usableAgain(element);
    let succeeded = false;
    element.addEventListener(subject.successEvent!, () => (succeeded = true), { once: true });
    await subject.act(element);
    expect([succeeded, element.state], 'a retry succeeds').to.deep.equal([true, 'success']);
  }

  /** A client that sends the subject's next request (once armed) where nothing listens. */
  function refusingClient(endpoint: PasskeyEndpoint) {
    let armed = false;
    const client = new PasskeyClient({
      timeout: TIMEOUT_MS,
      onRequest(request) {
        if (armed && request.endpoint === endpoint) {
          armed = false;
          request.url = NOWHERE;
        }
      },
    });
    return { client, arm: () => (armed = true) };
  }

  /** The next request to `endpoint` waits at the mock until `release()`; then the mock answers it as usual. */
  function holdNext(endpoint: PasskeyEndpoint) {
    const { method, path } = PROTOCOL[endpoint];
    const arrival = gate();
    const release = gate();
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    const handle = { GET: http.get, POST: http.post, PATCH: http.patch, DELETE: http.delete }[method];
    mock.worker.use(
      handle(
        `*/api/passkey${path}`,
        async (info) => {
          arrival.open();
          await release.opened;
          const answer = await mockAnswer(mock, info);
          answered();
          return answer;
        },
        { once: true },
      ),
    );
    return { arrived: arrival.opened, release: release.open, answered: done };
  }

  describe(`fault matrix: ${name}`, () => {
    before(() => window.addEventListener('unhandledrejection', onUnhandled));
    after(() => {
      window.removeEventListener('unhandledrejection', onUnhandled);
      console.log(`fault matrix, ${name}: ${caseCount} cases`);
    });
    beforeEach(async () => {
      mock = await freshMock();
      unhandled.length = 0;
      delete (window as { __pwned?: unknown }).__pwned;
      await VirtualAuthenticator.add();
    });
    afterEach(() => VirtualAuthenticator.removeAll());

    it('the error pages’ script runs if injected, within the quiet window: the check can fail', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      host.innerHTML = errorPage('Proxy page 500');
      await waitUntil(() => pwned() === true, `the payload did not run within ${QUIET_MS} ms`, { timeout: QUIET_MS });
    });

    for (const subject of subjects) {
      describe(subject.title, () => {
        for (const testCase of [...HTTP_CASES, ...subject.bodies]) {
          caseCount++;
          it(`${testCase.name} → ${testCase.code}`, async () => {
            const client = new PasskeyClient({ timeout: TIMEOUT_MS });
            const failure = await failOnce(subject, client, () => mock.faults.force(subject.endpoint, { ...testCase.fault, times: 1 }));
            await expectFailure(subject, failure, testCase);
          });
        }

        caseCount++;
        it('a network error → network', async () => {
          const client = new PasskeyClient({ timeout: TIMEOUT_MS });
          const failure = await failOnce(subject, client, () => mock.faults.force(subject.endpoint, { networkError: true, times: 1 }));
          await expectFailure(subject, failure, { code: 'network', message: SAID.unreachable, shown: SHOWN.network });
        });

        caseCount++;
        it('connection refused → network', async () => {
          const { client, arm } = refusingClient(subject.endpoint);
          const failure = await failOnce(subject, client, arm);
          await expectFailure(subject, failure, { code: 'network', message: SAID.unreachable, shown: SHOWN.network });
        });

        caseCount++;
        it('an answer that never comes → timeout', async () => {
          const client = new PasskeyClient({ timeout: TIMEOUT_MS });
          const failure = await failOnce(subject, client, () => mock.faults.force(subject.endpoint, { delay: 'infinite', times: 1 }));
          await expectFailure(subject, failure, { code: 'timeout', message: SAID.timedOut(TIMEOUT_MS), shown: SHOWN.timeout });
        });

        caseCount++;
        it('an answer that comes after the element was removed is neither shown nor reported', async () => {
          const client = new PasskeyClient({ timeout: TIMEOUT_MS });
          await subject.seed(client, mock);
          const host = await fixture<HTMLDivElement>(html`<div></div>`);
          render(subject.template(client), host);
          const element = host.firstElementChild as Element;
          await subject.settle?.(element);
          const untouched = subject.untouched(element);
          const events: string[] = [];
          for (const type of new Set(['passkey-error', subject.successEvent ?? 'passkey-error'])) element.addEventListener(type, () => events.push(type));
          const before = mock.store.snapshot();
          const held = holdNext(subject.endpoint);

          const acting = subject.act(element);
          await held.arrived;
          element.remove();
          await acting;
          held.release();
          await held.answered;
          // The point: nothing happens once the answer is in. A bounded stretch of real time to see that.
          await expectQuietSince(performance.now());

          expect(events).to.deep.equal([]);
          expect(subject.untouched(element), 'what the element showed before it acted').to.deep.equal(untouched);
          const after = mock.store.snapshot();
          expect(challengeChanges(before, after).handedOut, 'challenges the late answer handed out').to.deep.equal(subject.lateAnswer.challenges);
          const { people: changed } = subject.lateAnswer;
          if (changed === 'unchanged') expect(people(after)).to.deep.equal(people(before));
          if (changed === 'ada registered') expect([after.users.map((u) => u.username), after.credentials.length, after.sessions.length]).to.deep.equal([['ada'], 1, 1]);
          if (changed === 'ada signed in') expect([after.users, after.sessions.length]).to.deep.equal([before.users, before.sessions.length + 1]);
        });
      });
    }

    more?.({
      get mock() {
        return mock;
      },
      expectQuietSince,
      count: () => void caseCount++,
    });
  });
}
