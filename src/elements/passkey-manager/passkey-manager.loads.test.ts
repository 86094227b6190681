/**
 * Loads that lose a race: a list request that a newer one replaced (a refresh, a retry) or whose element left the page
 * must neither be reported nor shown, even when its answer comes after the newer one's, or comes at all (a `fetch`
 * that does not honour aborts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http } from 'msw';
import './define.ts';
import { PasskeyClient, PROTOCOL, type RegistrationResult } from '../../client/index.ts';
import type { BrowserMock } from 'passkey-elements-mock/browser';
import { VirtualAuthenticator } from '../../../test/helpers/authenticator.ts';
import { record } from '../../../test/helpers/element.ts';
import { aliceSignedIn, changeStored, gate, loaded, mockAnswer, names, storeCredential } from '../../../test/helpers/manager.ts';
import type { PasskeyManager } from './passkey-manager.ts';

const LIST = `*/api/passkey${PROTOCOL['credentials/list'].path}`;

describe('<passkey-manager>: a load that lost its race', () => {
  let mock: BrowserMock;
  let alice: RegistrationResult;

  beforeEach(async () => {
    ({ mock, alice } = await aliceSignedIn());
    changeStored(mock, alice.credentialId, { name: 'Laptop' });
  });
  afterEach(() => VirtualAuthenticator.removeAll());

  /** The next list request waits at the mock until `release()`; `arrived` once it got there. */
  function holdNextList() {
    const arrival = gate();
    const release = gate();
    mock.worker.use(
      http.get(LIST, async (info) => {
        arrival.open();
        await release.opened;
        return mockAnswer(mock, info);
      }, { once: true }),
    );
    return { arrived: arrival.opened, release: release.open };
  }

  it('a refresh while the list is on its way: the first request is cancelled without a passkey-error, and the newer list shows', async () => {
    const el = await fixture<PasskeyManager>(html`<passkey-manager></passkey-manager>`);
    await loaded(el);
    const errors = record(el, 'passkey-error');
    const held = holdNextList();
    const first = el.refresh();
    await held.arrived;
    storeCredential(mock, alice.userId, { name: 'Phone' });

    await el.refresh();
    held.release();
    await first;

    expect(errors.map((event) => event.detail.code), 'the replaced load was reported').to.deep.equal([]);
    expect([el.state, names(el)]).to.deep.equal(['ready', ['Laptop', 'Phone']]);
  });

  /**
   * A client whose fetch drops the signal, as some fetch wrappers do: a request runs to its end whatever the element
   * does. `holdNextList()`: the next list answer, once in, waits for `release()`; `answered` once it is in.
   */
  function abortDeafClient() {
    let next: { answer: ReturnType<typeof gate>; release: ReturnType<typeof gate> } | undefined;
    const isList = (input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'GET' && new URL(String(input), location.href).pathname.endsWith(PROTOCOL['credentials/list'].path);
    const client = new PasskeyClient({
      async fetch(input, init) {
        const answer = await fetch(input, { ...init, signal: null });
        const held = isList(input, init) ? next : undefined;
        if (held) {
          next = undefined;
          held.answer.open();
          await held.release.opened;
        }
        return answer;
      },
    });
    function holdNextList() {
      next = { answer: gate(), release: gate() };
      return { answered: next.answer.opened, release: next.release.open };
    }
    return { client, holdNextList };
  }

  it('with a fetch that ignores aborts, an older list that answers last does not replace the newer one', async () => {
    const { client, holdNextList } = abortDeafClient();
    const el = await fixture<PasskeyManager>(html`<passkey-manager .client=${client}></passkey-manager>`);
    await loaded(el);
    const errors = record(el, 'passkey-error');

    const held = holdNextList();
    const stale = el.refresh();
    await held.answered; // Laptop alone
    storeCredential(mock, alice.userId, { name: 'Phone' });
    await el.refresh();
    expect(names(el)).to.deep.equal(['Laptop', 'Phone']);
    held.release();
    await stale;
    el.requestUpdate(); // whatever renders next (a click, a language change) shows what the element holds
    await el.updateComplete;

    expect([el.passkeys.map((passkey) => passkey.name), names(el)], 'the older answer replaced the newer list').to.deep.equal([
      ['Laptop', 'Phone'],
      ['Laptop', 'Phone'],
    ]);
    expect(errors.map((event) => event.detail.code)).to.deep.equal([]);
  });

  it('with a fetch that ignores aborts, a list that answers after the element left changes nothing in it', async () => {
    const { client, holdNextList } = abortDeafClient();
    const el = await fixture<PasskeyManager>(html`<passkey-manager .client=${client}></passkey-manager>`);
    await loaded(el);
    const errors = record(el, 'passkey-error');

    storeCredential(mock, alice.userId, { name: 'Phone' });
    const held = holdNextList();
    const leaving = el.refresh();
    await held.answered; // Laptop and Phone
    el.remove();
    held.release();
    await leaving;
    el.requestUpdate();
    await el.updateComplete;

    expect([el.state, el.passkeys.length, names(el)], 'what it showed when it left').to.deep.equal(['ready', 1, ['Laptop']]);
    expect(errors.map((event) => event.detail.code)).to.deep.equal([]);
  });
});
