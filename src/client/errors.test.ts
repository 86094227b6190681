import { expect } from '@open-wc/testing';
import { WebAuthnError } from '@simplewebauthn/browser';
import { fromAbort, fromCeremonyError, fromHttpStatus, PasskeyError, timeoutReason } from './errors.ts';

const dom = (name: string) => new DOMException(`${name} happened`, name);

describe('error mapping', () => {
  const table: [string, 'create' | 'get', string][] = [
    ['NotAllowedError', 'create', 'cancelled'],
    ['NotAllowedError', 'get', 'cancelled'],
    ['AbortError', 'get', 'aborted'],
    ['InvalidStateError', 'create', 'already-registered'],
    // get() registers nothing, so its InvalidStateError is never already-registered.
    ['InvalidStateError', 'get', 'unknown-credential'],
    ['SecurityError', 'create', 'security'],
    ['NotSupportedError', 'create', 'not-supported'],
    ['ConstraintError', 'create', 'not-supported'],
    ['TypeError', 'get', 'invalid-response'],
    ['EncodingError', 'create', 'invalid-response'],
    ['InvalidCharacterError', 'get', 'invalid-response'],
    ['UnknownError', 'get', 'unknown'],
  ];
  for (const [name, ceremony, code] of table) {
    it(`${name} on ${ceremony} → ${code}, with the browser's message and phase ceremony`, () => {
      const cause = dom(name);
      const wrapped = new WebAuthnError({ message: 'wrapped', code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', cause, name });
      for (const error of [cause, wrapped]) {
        const mapped = fromCeremonyError(error, ceremony);
        expect(mapped).to.include({ code, phase: 'ceremony', message: `${name} happened` });
        expect(mapped.cause).to.equal(error);
      }
    });
  }

  it('HTTP statuses: 401/403 unauthorized, other failures server, a known body code wins', () => {
    expect(fromHttpStatus(401, 'm', 'manage').code).to.equal('unauthorized');
    expect(fromHttpStatus(403, 'm', 'options').code).to.equal('unauthorized');
    expect(fromHttpStatus(404, 'm', 'manage').code).to.equal('server');
    expect(fromHttpStatus(500, 'm', 'verify')).to.include({ code: 'server', status: 500, phase: 'verify' });
    expect(fromHttpStatus(400, 'm', 'verify', 'unknown-credential').code).to.equal('unknown-credential');
    expect(fromHttpStatus(400, 'm', 'verify', 'made-up').code).to.equal('server');
  });

  it('an abort is a timeout only when the client timed out', () => {
    const timedOut = new AbortController();
    timedOut.abort(timeoutReason(50));
    expect(fromAbort(timedOut.signal, 'options')).to.include({ code: 'timeout', message: 'No answer within 50 ms' });
    const aborted = new AbortController();
    aborted.abort();
    expect(fromAbort(aborted.signal, 'ceremony').code).to.equal('aborted');
  });

  it('toDetail() is the passkey-error event detail', () => {
    const error = new PasskeyError('server', 'Boom', { phase: 'verify', status: 502 });
    expect(error.toDetail()).to.deep.equal({ code: 'server', message: 'Boom', phase: 'verify', status: 502 });
  });
});
