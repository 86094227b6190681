import assert from 'node:assert/strict';
import { after, beforeEach } from 'node:test';
import { parseSetCookie, stringifyCookie } from 'cookie';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { MockStore } from '../../mock-server/store.ts';
import { startNodeMock, type NodeMock } from '../../mock-server/node.ts';
import { SoftAuthenticator, type CreateTamper, type GetTamper } from './soft-authenticator.ts';

/** The page the "browser" shows: the origin in clientDataJSON and the one the mock accepts. */
export const PAGE_ORIGIN = 'http://localhost:3000';
export const API_URL = `${PAGE_ORIGIN}/api/passkey`;
export const RECOVERY_URL = `${PAGE_ORIGIN}/api/auth`;

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text; `any` so tests read fields directly. */
  body: any;
}

/**
 * One person's browser: a cookie jar for the session cookie and a SoftAuthenticator for their passkeys,
 * talking to the mock at `apiUrl` (MSW in this process or the real HTTP server, it makes no difference).
 */
export class TestBrowser {
  readonly apiUrl: string;
  readonly recoveryUrl: string;
  readonly authenticator: SoftAuthenticator;
  readonly cookies = new Map<string, string>();

  constructor({ apiUrl = API_URL, recoveryUrl = RECOVERY_URL, authenticator = new SoftAuthenticator({ origin: PAGE_ORIGIN }) } = {}) {
    this.apiUrl = apiUrl;
    this.recoveryUrl = recoveryUrl;
    this.authenticator = authenticator;
  }

  /** Another tab or device of the same person: the same passkeys, no cookies. */
  withoutCookies(): TestBrowser {
    return new TestBrowser({ apiUrl: this.apiUrl, recoveryUrl: this.recoveryUrl, authenticator: this.authenticator });
  }

  /** `path` is relative to apiUrl unless absolute. A string body is sent as it is, anything else as JSON. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await fetch(path.startsWith('http') ? path : this.apiUrl + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: stringifyCookie(Object.fromEntries(this.cookies)), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    for (const header of response.headers.getSetCookie()) {
      const { name, value, maxAge } = parseSetCookie(header);
      if (maxAge !== undefined && maxAge <= 0) this.cookies.delete(name);
      else this.cookies.set(name, value ?? '');
    }
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json');
    return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
  }

  post(path: string, body: unknown = {}): Promise<ApiResponse> {
    return this.request('POST', path, body);
  }

  get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  recover(username: string): Promise<ApiResponse> {
    return this.post(`${this.recoveryUrl}/recovery/send`, { username });
  }

  async registrationOptions(body: Record<string, unknown>): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return ok(await this.post('/register/options', body));
  }

  async authenticationOptions(username?: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return ok(await this.post('/authenticate/options', username === undefined ? {} : { username }));
  }

  /** register/options → create → register/verify; `extra` goes into the options body (displayName, recoveryToken…). */
  async register(username: string, extra: Record<string, unknown> = {}, tamper?: CreateTamper): Promise<ApiResponse> {
    const credential = await this.authenticator.create(await this.registrationOptions({ username, ...extra }), tamper);
    return this.post('/register/verify', { username, credential });
  }

  /** authenticate/options → get → authenticate/verify; without a username, the username-less ceremony. */
  async signIn(username?: string, tamper?: GetTamper): Promise<ApiResponse> {
    const credential = await this.authenticator.get(await this.authenticationOptions(username), tamper);
    return this.post('/authenticate/verify', { ...(username === undefined ? {} : { username }), credential });
  }
}

export interface RegisteredUser {
  browser: TestBrowser;
  userId: string;
  credentialId: string;
}

/** Someone who has just registered `username` with one passkey, and is signed in. */
export async function registeredUser(username: string, browser = new TestBrowser()): Promise<RegisteredUser> {
  const { userId, credentialId } = ok<{ userId: string; credentialId: string }>(await browser.register(username));
  return { browser, userId, credentialId };
}

/** The body of a 200 response; anything else fails the test with the status and body. */
export function ok<T>(response: ApiResponse): T {
  assert.equal(response.status, 200, `expected 200, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/** A refusal: this status, `{ error }` (matching `reason`, with `code`, when given), and the store's users and credentials untouched. */
export async function assertRefused(store: MockStore, request: () => Promise<ApiResponse>, status: number, code?: string, reason?: RegExp): Promise<ApiResponse> {
  const before = store.snapshot();
  const response = await request();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  assert.equal(typeof response.body.error, 'string', `no { error } in ${JSON.stringify(response.body)}`);
  if (code !== undefined) assert.equal(response.body.code, code);
  if (reason) assert.match(response.body.error, reason);
  assert.deepEqual(store.snapshot(), before, 'a refused request changed the store');
  return response;
}

/** The mock behind MSW in this process, for every test of the file: fresh before each test, closed after the file. */
export function useNodeMock(): NodeMock {
  const mock = startNodeMock({ apiUrl: API_URL, recoveryUrl: RECOVERY_URL, origins: [PAGE_ORIGIN] });
  beforeEach(() => mock.reset());
  after(() => mock.server.close());
  return mock;
}
