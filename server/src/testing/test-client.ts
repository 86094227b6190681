import assert from 'node:assert/strict';
import { parseSetCookie, stringifyCookie } from 'cookie';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { SoftAuthenticator, type CreateTamper, type GetTamper } from '../check/soft-authenticator.ts';
import { endpointUrl, type PasskeyEndpoint } from '../../../src/client/protocol.ts';

/** The page the test "browser" shows: the origin in clientDataJSON, and the one the server under test allows. */
export const PAGE_ORIGIN = 'http://localhost:5173';
/** Where the server under test is mounted (it is called directly, so the host is only a name). */
export const SERVER_URL = 'http://localhost:8787';

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: any;
}

/** Something that answers requests: a server's `fetch`, or a real HTTP server through the global `fetch`. */
export type Transport = (request: Request, clientIp: string) => Promise<Response>;

export interface TestClientOptions {
  transport: Transport;
  /** Base URL of the server; default `SERVER_URL`. */
  baseUrl?: string;
  authenticator?: SoftAuthenticator;
  /** The client address the adapter would report. */
  ip?: string;
  /** The page's origin, sent as `Origin`. Default `PAGE_ORIGIN`. */
  origin?: string;
}

/**
 * One person's browser: a cookie jar, a SoftAuthenticator for their passkeys, and the headers a browser adds to a
 * same-site `fetch` from the page (`Origin`, `Sec-Fetch-Site`). Requests go through `transport`.
 */
export class TestClient {
  readonly transport: Transport;
  readonly baseUrl: string;
  readonly authenticator: SoftAuthenticator;
  readonly cookies = new Map<string, string>();
  readonly origin: string;
  ip: string;

  constructor({ transport, baseUrl = SERVER_URL, origin = PAGE_ORIGIN, authenticator = new SoftAuthenticator({ origin }), ip = '203.0.113.7' }: TestClientOptions) {
    this.transport = transport;
    this.baseUrl = baseUrl;
    this.origin = origin;
    this.authenticator = authenticator;
    this.ip = ip;
  }

  /** Another device of the same person: the same passkeys, no cookies. */
  withoutCookies(): TestClient {
    return new TestClient({ transport: this.transport, baseUrl: this.baseUrl, origin: this.origin, authenticator: this.authenticator, ip: this.ip });
  }

  url(endpoint: PasskeyEndpoint, id?: string): string {
    return endpointUrl(endpoint, { apiUrl: `${this.baseUrl}/api/passkey`, recoveryUrl: `${this.baseUrl}/api/auth` }, id);
  }

  /**
   * A request as the page's `fetch` makes it. `body`: a string is sent as is, anything else as JSON. `headers`
   * replace the defaults (`null` removes one).
   */
  async request(method: string, url: string, body?: unknown, headers: Record<string, string | null> = {}): Promise<Answer> {
    const sent = new Headers({ origin: this.origin, 'sec-fetch-site': 'same-site' });
    if (body !== undefined) sent.set('content-type', 'application/json');
    if (this.cookies.size > 0) sent.set('cookie', stringifyCookie(Object.fromEntries(this.cookies)));
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) sent.delete(name);
      else sent.set(name, value);
    }
    const init: RequestInit = { method, headers: sent };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await this.transport(new Request(url, init), this.ip);
    for (const header of response.headers.getSetCookie()) {
      const { name, value, maxAge } = parseSetCookie(header);
      if (maxAge !== undefined && maxAge <= 0) this.cookies.delete(name);
      else this.cookies.set(name, value ?? '');
    }
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
  }

  call(endpoint: PasskeyEndpoint, body?: unknown, id?: string): Promise<Answer> {
    const method = { 'credentials/list': 'GET', session: 'GET', 'credentials/rename': 'PATCH', 'credentials/delete': 'DELETE', 'session/end': 'DELETE' }[endpoint as string] ?? 'POST';
    return this.request(method, this.url(endpoint, id), body);
  }

  async registrationOptions(body: Record<string, unknown>): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return ok(await this.call('register/options', body));
  }

  async authenticationOptions(username?: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return ok(await this.call('authenticate/options', username === undefined ? {} : { username }));
  }

  /** register/options → create → register/verify; `extra` goes into the options body (displayName, recoveryToken…). */
  async register(username: string, extra: Record<string, unknown> = {}, tamper?: CreateTamper): Promise<Answer> {
    const credential = await this.authenticator.create(await this.registrationOptions({ username, ...extra }), tamper);
    return this.call('register/verify', { username, credential });
  }

  /** authenticate/options → get → authenticate/verify; without a username, the username-less ceremony. */
  async signIn(username?: string, tamper?: GetTamper): Promise<Answer> {
    const credential = await this.authenticator.get(await this.authenticationOptions(username), tamper);
    return this.call('authenticate/verify', { ...(username === undefined ? {} : { username }), credential });
  }

  recover(username: string): Promise<Answer> {
    return this.call('recovery/send', { username });
  }
}

/** The body of a 200 answer; anything else fails the test with the status and body. */
export function ok<T = any>(answer: Answer): T {
  assert.equal(answer.status, 200, `expected 200, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}
