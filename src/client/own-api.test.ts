import { expect } from '@open-wc/testing';
import { PasskeyClient } from './passkey-client.ts';
import { defaultRecoveryUrl, endpointUrl, matchEndpoint, PASSKEY_ENDPOINTS, PROTOCOL } from './protocol.ts';
import { expectPasskeyError } from '../../test/helpers/expect-error.ts';

/** A fetch that records what the client asked for and answers `answer` (a test seam of the client, not of the browser). */
function recordingFetch(answer: () => Response = () => Response.json([])) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return answer();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('PasskeyClient against your own API', () => {
  describe('cookies', () => {
    it('sends cookies to an API on another origin (include), as the guide configures it', async () => {
      const { calls, fetch } = recordingFetch();
      await new PasskeyClient({ apiUrl: 'http://localhost:3001/api/passkey', fetch }).listCredentials();
      expect(calls[0]).to.deep.include({ url: 'http://localhost:3001/api/passkey/credentials' });
      expect(calls[0]!.init.credentials).to.equal('include');
    });

    it('keeps same-origin for the page\'s own API, relative or absolute', async () => {
      const { calls, fetch } = recordingFetch();
      await new PasskeyClient({ fetch }).listCredentials();
      await new PasskeyClient({ apiUrl: `${location.origin}/api/passkey`, fetch }).listCredentials();
      expect(calls.map((call) => call.init.credentials)).to.deep.equal(['same-origin', 'same-origin']);
    });

    it('lets the credentials option override either way (omit for a token-based backend)', async () => {
      const { calls, fetch } = recordingFetch();
      await new PasskeyClient({ apiUrl: 'http://localhost:3001/api/passkey', credentials: 'omit', fetch }).listCredentials();
      await new PasskeyClient({ credentials: 'include', fetch }).listCredentials();
      expect(calls.map((call) => call.init.credentials)).to.deep.equal(['omit', 'include']);
    });

    it('decides per request: a cross-origin recoveryUrl gets cookies while a same-origin API does not', async () => {
      const { calls, fetch } = recordingFetch(() => Response.json({ success: true }));
      const client = new PasskeyClient({ recoveryUrl: 'https://auth.example.com/api/auth', fetch });
      await client.requestRecovery('ada');
      expect(calls[0]).to.deep.include({ url: 'https://auth.example.com/api/auth/recovery/send' });
      expect(calls[0]!.init.credentials).to.equal('include');
    });
  });

  describe('recoveryUrl', () => {
    it('defaults to the guide\'s /api/auth on the origin of apiUrl', () => {
      expect(new PasskeyClient({ apiUrl: 'http://localhost:3001/api/passkey' }).recoveryUrl).to.equal('http://localhost:3001/api/auth');
      expect(new PasskeyClient({ apiUrl: 'https://api.example.com:8443/v2/passkeys/' }).recoveryUrl).to.equal('https://api.example.com:8443/api/auth');
      expect(new PasskeyClient().recoveryUrl).to.equal('/api/auth');
      expect(new PasskeyClient({ apiUrl: '/backend/passkey' }).recoveryUrl).to.equal('/api/auth');
      expect(defaultRecoveryUrl('//cdn.example.com/api')).to.equal('/api/auth');
    });

    it('is posted to, on its own origin, when set', async () => {
      const { calls, fetch } = recordingFetch(() => Response.json({ success: true }));
      await new PasskeyClient({ apiUrl: 'http://localhost:3001/api/passkey', fetch }).requestRecovery('ada');
      await new PasskeyClient({ apiUrl: 'http://localhost:3001/api/passkey', recoveryUrl: 'http://localhost:3002/auth/', fetch }).requestRecovery('ada');
      expect(calls.map((call) => call.url)).to.deep.equal(['http://localhost:3001/api/auth/recovery/send', 'http://localhost:3002/auth/recovery/send']);
      expect(JSON.parse(String(calls[0]!.init.body))).to.deep.equal({ username: 'ada' });
    });
  });

  describe('the protocol table', () => {
    it('names every endpoint the client calls, with the method the request carries', async () => {
      const { calls, fetch } = recordingFetch(() => Response.json({ id: 'x', username: 'ada', success: true }));
      const client = new PasskeyClient({ apiUrl: 'https://api.example.com/p', fetch });
      await client.listCredentials().catch(() => undefined); // an object is not a list: the request is what counts here
      await client.renameCredential('a/b c', 'Laptop');
      await client.deleteCredential('a/b c');
      await client.getSession();
      await client.signOut();
      await client.requestRecovery('ada');
      const seen = calls.map(({ url, init }) => `${init.method} ${url}`);
      expect(seen).to.deep.equal([
        'GET https://api.example.com/p/credentials',
        'PATCH https://api.example.com/p/credentials/a%2Fb%20c',
        'DELETE https://api.example.com/p/credentials/a%2Fb%20c',
        'GET https://api.example.com/p/session',
        'DELETE https://api.example.com/p/session',
        'POST https://api.example.com/api/auth/recovery/send',
      ]);
    });

    it('matches every endpoint back from its method and path, ids decoded', () => {
      const bases = { apiUrl: '/api/passkey', recoveryUrl: '/api/auth' };
      for (const endpoint of PASSKEY_ENDPOINTS) {
        const url = endpointUrl(endpoint, bases, 'id/with%');
        const match = matchEndpoint(PROTOCOL[endpoint].method, url, bases);
        expect(match?.endpoint, endpoint).to.equal(endpoint);
        if (url.includes('%25')) expect(match?.id).to.equal('id/with%');
      }
      expect(matchEndpoint('GET', '/api/passkey/credentials/a/b', bases)).to.equal(undefined);
      expect(matchEndpoint('PUT', '/api/passkey/credentials', bases)).to.equal(undefined);
      expect(matchEndpoint('PATCH', '/api/passkey/credentials/%E0%A4%A', bases)).to.equal(undefined);
      expect(matchEndpoint('POST', '/api/auth/register/options', bases)).to.equal(undefined);
    });
  });

  describe('a backend\'s refusal keeps its words in the error', () => {
    const shapes: [string, string, string, string][] = [
      ['Rails 422 { errors: [string] }', '{"errors":["Username already taken"]}', 'application/json', 'Username already taken'],
      ['FastAPI 422 { detail: [{ msg }] }', '{"detail":[{"type":"missing","loc":["body","displayName"],"msg":"Field required"}]}', 'application/json', 'Field required'],
      ['problem+json', '{"title":"Conflict","detail":"That username is taken","status":422}', 'application/problem+json', 'That username is taken'],
      ['HTML', '<html><body><h1>Unprocessable</h1><img src=x onerror=alert(1)></body></html>', 'text/html', 'The server answered 422 Unprocessable Entity: Unprocessable'],
    ];
    for (const [label, body, type, message] of shapes) {
      it(label, async () => {
        const { fetch } = recordingFetch(() => new Response(body, { status: 422, statusText: 'Unprocessable Entity', headers: { 'content-type': type } }));
        const error = await expectPasskeyError(new PasskeyClient({ fetch }).register({ username: 'ada' }), {
          code: 'server',
          phase: 'options',
          status: 422,
        });
        expect(error.message).to.equal(message);
      });
    }

    it('a code the backend adds is the error\'s code', async () => {
      const { fetch } = recordingFetch(() => Response.json({ errors: ['Username already taken'], code: 'already-registered' }, { status: 422 }));
      const error = await expectPasskeyError(new PasskeyClient({ fetch }).register({ username: 'ada' }), { code: 'already-registered', phase: 'options', status: 422 });
      expect(error.message).to.equal('Username already taken');
    });
  });
});
