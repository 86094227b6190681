import { expect } from '@open-wc/testing';
import { PasskeyError } from './errors.ts';
import { parseJsonBody, readErrorBody } from './response-body.ts';

describe('response bodies of real backends', () => {
  it('parses JSON, and JSON double-encoded as a string (FastAPI options_to_json)', () => {
    const options = { challenge: 'abc', rpId: 'localhost' };
    expect(parseJsonBody(JSON.stringify(options), 'options', 200)).to.deep.equal(options);
    expect(parseJsonBody(JSON.stringify(JSON.stringify(options)), 'options', 200)).to.deep.equal(options);
  });

  for (const [label, text] of [['empty', ''], ['truncated', '{"challenge":'], ['HTML', '<html></html>'], ['a string that is not JSON', '"hello"']]) {
    it(`refuses a ${label} success body as invalid-response`, () => {
      expect(() => parseJsonBody(text!, 'verify', 200))
        .to.throw(PasskeyError)
        .with.property('code', 'invalid-response');
    });
  }

  const errors: [string, string, string, string][] = [
    ['Express { error }', '{"error":"Challenge not found or expired"}', 'application/json', 'Challenge not found or expired'],
    ['FastAPI { detail }', '{"detail":"User not found"}', 'application/json', 'User not found'],
    ['FastAPI validation errors', '{"detail":[{"loc":["body","username"],"msg":"field required"}]}', 'application/json', 'field required'],
    ['{ message }', '{"message":"Too many requests"}', 'application/json', 'Too many requests'],
    ['{ error: { message } }', '{"error":{"message":"Nope"}}', 'application/json', 'Nope'],
    ['plain text', 'Bad Gateway\n', 'text/plain', 'Bad Gateway'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', 'text/html', 'The server answered 502 Bad Gateway: 502 Bad Gateway'],
    ['an HTML page without a title', '<html><body>err</body></html>', 'text/html', 'The server answered 502 Bad Gateway'],
    ['an empty body', '', '', 'The server answered 502 Bad Gateway'],
    ['JSON without a message', '{"ok":false}', 'application/json', 'The server answered 502 Bad Gateway'],
  ];
  for (const [label, text, type, message] of errors) {
    it(`finds the message in ${label}`, () => {
      expect(readErrorBody(text, type, 502, 'Bad Gateway').message).to.equal(message);
    });
  }

  it('reads a code the backend adds, and clips long messages', () => {
    expect(readErrorBody('{"error":"x","code":"unknown-credential"}', 'application/json', 400, '').code).to.equal('unknown-credential');
    expect(readErrorBody('x'.repeat(1000), 'text/plain', 500, '').message).to.have.length(200);
  });
});
