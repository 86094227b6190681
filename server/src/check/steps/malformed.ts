import type { CheckBrowser } from '../browser.ts';
import { verified } from '../ceremonies.ts';
import type { PasskeyEndpoint } from '../client-kit.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass } from '../report.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Bodies no browser sends, each as the request body of every endpoint that takes one. */
export function malformedBodies(username: string): Record<string, string> {
  const unknownCredential = {
    id: b64('passkey-check unknown credential'),
    rawId: b64('passkey-check unknown credential'),
    type: 'public-key',
    response: {
      clientDataJSON: b64('{"type":"webauthn.get","challenge":"AAAA","origin":"https://passkey-check.invalid"}'),
      attestationObject: b64('not cbor'),
      authenticatorData: b64('short'),
      signature: b64('not a signature'),
    },
  };
  return {
    'not JSON': '{"username":',
    'an empty body': '',
    'a JSON array': '[]',
    'JSON null': 'null',
    'wrong types': JSON.stringify({ username: 42, displayName: [], userId: {}, recoveryToken: 7, credential: 'x', name: {} }),
    'a garbled credential': JSON.stringify({ username, credential: { id: '%%%', rawId: 5, type: 'public-key', response: { clientDataJSON: '!!', attestationObject: [], authenticatorData: {}, signature: null } } }),
    'an unknown credential': JSON.stringify({ username, credential: unknownCredential }),
    'prototype keys': `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"username":${JSON.stringify(username)}}`,
    'a 1 MiB string': JSON.stringify({ username: 'a'.repeat(1 << 20), credential: { id: 'a'.repeat(1 << 10) } }),
    'deep nesting': `{"username":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  };
}

const BODY_ENDPOINTS: PasskeyEndpoint[] = ['register/options', 'register/verify', 'authenticate/options', 'authenticate/verify', 'recovery/send', 'credentials/rename'];

/**
 * Every endpoint that reads a body, sent each malformed body: a 4xx is right; a 5xx or a dropped connection is a
 * crash an attacker can repeat at will, and `verified: true` would be a disaster.
 */
export async function checkMalformedBodies(ctx: CheckContext): Promise<void> {
  const stranger = ctx.browser({ record: false });
  // PATCH needs a session to reach the body (without one a 401 comes first).
  const signedIn: CheckBrowser = ctx.main?.browser.tab({ record: false }) ?? stranger;
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  for (const endpoint of BODY_ENDPOINTS) {
    const browser = endpoint === 'credentials/rename' ? signedIn : stranger;
    const id = endpoint === 'credentials/rename' ? (ctx.main?.credentialId ?? 'passkey-check') : undefined;
    for (const [name, raw] of Object.entries(malformedBodies(ctx.names.probe))) {
      const answer = await browser.call(endpoint, { raw, ...(id ? { id } : {}) });
      sent++;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 0) problems.push(`${endpoint} with ${name}: no answer (${answer.error})`);
      else if (answer.status >= 500) problems.push(`${endpoint} with ${name}: ${answer.status}`);
      else if (verified(answer)) problems.push(`${endpoint} with ${name}: verified`);
    }
  }
  const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status || 'no answer'} ×${count}`).join(', ');
  ctx.report(
    problems.length > 0
      ? fail('malformed-bodies', `${problems.slice(0, 6).join('; ')}${problems.length > 6 ? `; and ${problems.length - 6} more` : ''} (of ${sent}: ${counts})`, 'check every body before using it (JSON object, field types, lengths) and answer 400 (413 when too large); never let a parse or library error become a 500')
      : pass('malformed-bodies', `${sent} malformed bodies to ${BODY_ENDPOINTS.length} endpoints: ${counts}`),
  );
}
