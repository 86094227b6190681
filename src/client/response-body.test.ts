import { expect } from '@open-wc/testing';
import { PasskeyError } from './errors.ts';
import { parseJsonBody } from './http.ts';
import { readErrorBody } from './response-body.ts';

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

  // Every common error shape keeps the server's words: what passkey-error's detail.message carries.
  const errors: [string, string, string, string][] = [
    ['Express { error }', '{"error":"Challenge not found or expired"}', 'application/json', 'Challenge not found or expired'],
    ['{ message }', '{"message":"Too many requests"}', 'application/json', 'Too many requests'],
    ['FastAPI { detail }', '{"detail":"User not found"}', 'application/json', 'User not found'],
    ['FastAPI validation errors { detail: [{ msg }] }', '{"detail":[{"loc":["body","username"],"msg":"field required"},{"msg":"too short"}]}', 'application/json', 'field required; too short'],
    ['Rails { errors: [string] }', '{"errors":["Username already taken"]}', 'application/json', 'Username already taken'],
    ['{ errors: [{ message }] }', '{"errors":[{"message":"Username already taken"},{"message":"Display name too long"}]}', 'application/json', 'Username already taken; Display name too long'],
    ['{ errors: [{ detail }] } (JSON:API)', '{"errors":[{"status":"422","title":"Invalid","detail":"username is taken"}]}', 'application/vnd.api+json', 'username is taken'],
    ['Rails { errors: { field: [string] } }', '{"errors":{"username":["has already been taken","is too long"]}}', 'application/json', 'username has already been taken; username is too long'],
    ['RFC 9457 problem+json with detail', '{"type":"about:blank","title":"Conflict","status":409,"detail":"That username is taken"}', 'application/problem+json', 'That username is taken'],
    ['RFC 9457 problem+json with a title only', '{"type":"https://example.com/probs/rate","title":"Slow down","status":429}', 'application/problem+json', 'Slow down'],
    ['{ error: { message } }', '{"error":{"message":"Nope"}}', 'application/json', 'Nope'],
    ['JSON encoded twice', JSON.stringify(JSON.stringify({ error: 'Challenge expired' })), 'application/json', 'Challenge expired'],
    ['a JSON string', '"Just no"', 'application/json', 'Just no'],
    ['plain text', 'Bad Gateway\n', 'text/plain', 'Bad Gateway'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', 'text/html', 'The server answered 502 Bad Gateway: 502 Bad Gateway'],
    ['an HTML page without a title (Express\'s default)', '<!DOCTYPE html><html><body><pre>Error: Username &amp; display name required<br> &nbsp;at x</pre></body></html>', 'text/html', 'The server answered 502 Bad Gateway: Error: Username & display name required at x'],
    ['an empty body', '', '', 'The server answered 502 Bad Gateway'],
    ['JSON without a message', '{"ok":false}', 'application/json', 'The server answered 502 Bad Gateway'],
  ];
  for (const [label, text, type, message] of errors) {
    it(`finds the message in ${label}`, () => {
      expect(readErrorBody(text, type, 502, 'Bad Gateway').message).to.equal(message);
    });
  }

  it('strips markup and scripts from the server\'s words, in JSON and in text, and decodes entities to text only', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>Username</b> &lt;taken&gt;';
    for (const body of [JSON.stringify({ error: hostile }), hostile]) {
      const { message } = readErrorBody(body, 'text/plain', 422, '');
      expect(message).to.equal('Username <taken>');
      expect(message).not.to.match(/onerror|alert|<img|<script|<b>/);
    }
  });

  it('drops control characters and collapses whitespace', () => {
    expect(readErrorBody('{"error":"two\\u0000 \\u001b[31mlines\\nhere"}', 'application/json', 400, '').message).to.equal('two [31mlines here');
  });

  it('reads a code the backend adds, and clips long messages to 200 characters', () => {
    expect(readErrorBody('{"error":"x","code":"unknown-credential"}', 'application/json', 400, '').code).to.equal('unknown-credential');
    expect(readErrorBody('{"errors":["x"],"code":"already-registered"}', 'application/json', 422, '').code).to.equal('already-registered');
    expect(readErrorBody('x'.repeat(1000), 'text/plain', 500, '').message).to.have.length(200);
    expect(readErrorBody(JSON.stringify({ errors: Array(100).fill('taken') }), 'application/json', 422, '').message).to.have.length(200);
  });
});
