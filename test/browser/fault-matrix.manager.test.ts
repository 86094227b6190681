/**
 * The fault matrix (test/helpers/fault-matrix.ts) against <passkey-manager>: its list; then a row's rename and delete,
 * which fail in the row (the list stays), change nothing in the store, and work when tried again from the same row.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemorySnapshot } from 'passkey-elements-mock';
import { PasskeyClient, type PasskeyErrorDetail } from '../../src/client/index.ts';
import type { PasskeyManager } from '../../src/elements/passkey-manager/passkey-manager.ts';
import { part } from '../helpers/element.ts';
import { errorPage, SAID, SHOWN, type FaultCase } from '../helpers/fault-cases.ts';
import { expectNothingHalfDone, faultMatrix, managerList, partText, SEEDED, TIMEOUT_MS, type MatrixContext } from '../helpers/fault-matrix.ts';
import { loaded, names, press, row, rowButton, rowText, storeCredential } from '../helpers/manager.ts';

faultMatrix('<passkey-manager>', [managerList], rowCases);

function rowCases(context: MatrixContext) {
  const { count, expectQuietSince } = context;

  /**
   * A rename or a delete of one row fails: the row says why (the list stays), the store is unchanged, the
   * passkey-error names what the server said, and trying again from the same row works.
   */
  describe('<passkey-manager> rename and delete', () => {
    const ROW_FAULTS: FaultCase[] = [
      {
        name: 'a 500 with an HTML page whose script would run if injected',
        fault: { status: 500, headers: { 'content-type': 'text/html' }, body: errorPage('Upstream crashed') },
        code: 'server',
        status: 500,
        message: 'The server answered 500 Internal Server Error: Upstream crashed',
        shown: SHOWN.server,
      },
      { name: "FastAPI's 422 { detail }", fault: { status: 422, body: { detail: [{ msg: 'name: too long' }] } }, code: 'server', status: 422, message: 'name: too long', shown: SHOWN.refused },
      { name: 'a network error', fault: { networkError: true }, code: 'network', message: SAID.unreachable, shown: SHOWN.network },
      { name: 'an answer that never comes', fault: { delay: 'infinite' }, code: 'timeout', message: SAID.timedOut(TIMEOUT_MS), shown: SHOWN.timeout },
    ];

    /** ada, signed in, with two named passkeys (a delete of the only one is refused before any request). */
    async function twoPasskeys(client: PasskeyClient) {
      const { credentialId, userId } = await client.register({ username: 'ada' });
      await context.mock.store.renameCredential(userId, credentialId, SEEDED);
      const phone = storeCredential(context.mock, userId, { name: 'Phone' });
      const el = await fixture<PasskeyManager>(html`<passkey-manager .client=${client}></passkey-manager>`);
      await loaded(el);
      expect(names(el)).to.deep.equal([SEEDED, 'Phone']);
      const errors: PasskeyErrorDetail[] = [];
      el.addEventListener('passkey-error', (event) => errors.push((event as CustomEvent<PasskeyErrorDetail>).detail));
      return { el, errors, credentialId, phone };
    }

    async function expectRowFailure(el: PasskeyManager, errors: PasskeyErrorDetail[], testCase: (typeof ROW_FAULTS)[number], before: MemorySnapshot) {
      await waitUntil(() => errors.length > 0, 'no passkey-error', { timeout: 10_000 });
      await waitUntil(() => !row(el, SEEDED).hasAttribute('aria-busy'), 'the row stays busy');
      await el.updateComplete;
      expect(errors.map((e) => [e.code, e.phase, e.status])).to.deep.equal([[testCase.code, 'manage', testCase.status]]);
      expect(errors[0]!.message).to.equal(testCase.message);
      expect(el.state, 'the list stays').to.equal('ready');
      expect(names(el)).to.deep.equal([SEEDED, 'Phone']);
      expect(rowText(row(el, SEEDED), 'row-message')).to.equal(testCase.shown);
      expect(rowText(row(el, 'Phone'), 'row-message'), 'only its own row says so').to.equal('');
      expectNothingHalfDone(before, context.mock.store.snapshot());
      return performance.now();
    }

    for (const testCase of ROW_FAULTS) {
      count();
      it(`rename: ${testCase.name} → ${testCase.code}, shown in the row; Save again renames`, async () => {
        const { el, errors, credentialId } = await twoPasskeys(new PasskeyClient({ timeout: TIMEOUT_MS }));
        const before = context.mock.store.snapshot();
        context.mock.faults.force('credentials/rename', { ...testCase.fault, times: 1 });
        await press(rowButton(row(el, SEEDED), 'Rename'));
        await sendKeys({ type: 'Work laptop' });
        await sendKeys({ press: 'Enter' });
        const failedAt = await expectRowFailure(el, errors, testCase, before);
        expect(el.shadowRoot!.querySelector<HTMLInputElement>('[part~="rename-form"] input')?.value, 'the draft is kept').to.equal('Work laptop');

        await press(rowButton(row(el, SEEDED), 'Save'));
        await waitUntil(() => names(el)[0] === 'Work laptop', 'the retry did not rename');
        expect(context.mock.store.credentials.get(credentialId)!.name).to.equal('Work laptop');
        expect(el.shadowRoot!.querySelector('[part~="row-message"]')).to.equal(null);
        expect(errors).to.have.length(1);
        await expectQuietSince(failedAt);
      });

      count();
      it(`delete: ${testCase.name} → ${testCase.code}, shown in the row; confirming again deletes`, async () => {
        const { el, errors, credentialId } = await twoPasskeys(new PasskeyClient({ timeout: TIMEOUT_MS }));
        const before = context.mock.store.snapshot();
        context.mock.faults.force('credentials/delete', { ...testCase.fault, times: 1 });
        await press(rowButton(row(el, SEEDED), 'Delete'));
        await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        const failedAt = await expectRowFailure(el, errors, testCase, before);

        await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        await waitUntil(() => names(el).length === 1, 'the retry did not delete');
        expect(names(el)).to.deep.equal(['Phone']);
        expect(context.mock.store.credentials.has(credentialId)).to.equal(false);
        expect(errors).to.have.length(1);
        await expectQuietSince(failedAt);
      });
    }

    for (const op of ['rename', 'delete'] as const) {
      count();
      it(`${op}: a 401 → unauthorized: the signed-out state, not a row error; refresh() lists again once the session is back`, async () => {
        const { el, errors } = await twoPasskeys(new PasskeyClient({ timeout: TIMEOUT_MS }));
        const before = context.mock.store.snapshot();
        context.mock.faults.force(`credentials/${op}`, { status: 401, body: { error: 'Session expired' }, times: 1 });
        if (op === 'rename') {
          await press(rowButton(row(el, SEEDED), 'Rename'));
          await sendKeys({ type: 'Work laptop' });
          await sendKeys({ press: 'Enter' });
        } else {
          await press(rowButton(row(el, SEEDED), 'Delete'));
          await press(rowButton(row(el, SEEDED), 'Delete passkey'));
        }
        await waitUntil(() => el.state === 'unauthorized', `still ${el.state}`);
        const failedAt = performance.now();
        await el.updateComplete;
        expect(errors.map((e) => [e.code, e.phase, e.status, e.message])).to.deep.equal([['unauthorized', 'manage', 401, 'Session expired']]);
        expect([partText(el, 'unauthorized'), names(el), part(el, 'error')]).to.deep.equal([SHOWN.managerUnauthorized, [], null]);
        expectNothingHalfDone(before, context.mock.store.snapshot());
        await el.refresh();
        expect([el.state, names(el)]).to.deep.equal(['ready', [SEEDED, 'Phone']]);
        await expectQuietSince(failedAt);
      });
    }
  });
}
