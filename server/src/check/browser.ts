import { setTimeout as sleep } from 'node:timers/promises';
import { CookieJar, getPublicSuffix } from 'tough-cookie';
import { endpointUrl, PROTOCOL, type PasskeyEndpoint, type ProtocolBases } from './client-kit.ts';

/** One request the checker made and what came back. `status` 0: no answer (network error or timeout). */
export interface Exchange {
  /** What the request was, for the report: `POST register/options`. */
  label: string;
  /** The page origin the request was sent from (the `Origin` header), if any. */
  origin?: string;
  method: string;
  url: string;
  status: number;
  /** Why there was no answer. */
  error?: string;
  headers: Headers;
  text: string;
  /** The body as the kit's client reads it (a JSON string holding JSON is decoded twice); undefined if not JSON. */
  json: unknown;
}

export interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body`. */
  raw?: string;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  /** The `:id` of the path. */
  id?: string;
  /** Headers to set or replace, e.g. the `Sec-Fetch-*` of a form submission. */
  headers?: Record<string, string>;
}

export interface BrowserSettings {
  /** The page's origin: the browser sends it as `Origin`, and its site decides which cookies go along. */
  origin: string;
  bases: ProtocolBases;
  timeoutMs: number;
  /** Longest `Retry-After` a 429 is waited out for (then the request is sent again); longer, the 429 is the answer. */
  maxWaitMs: number;
  /** Told about every answer (and every request that got none). */
  onExchange?: ((exchange: Exchange) => void) | undefined;
  /** Told about every 429: with the wait when the browser waits it out, else with `undefined` (the 429 stands). */
  onRateLimited?: ((exchange: Exchange, waitMs: number | undefined) => void) | undefined;
}

/** How often one request is sent again after a 429 that asks for a short enough wait. */
const MAX_RETRIES = 3;
/** The most of an answer the checker reads: no protocol answer comes near it, and a hostile backend cannot exhaust memory. */
const MAX_ANSWER_BYTES = 1 << 20;

/**
 * A browser tab on the page origin calling the API with `fetch(…, { credentials: 'include' })`: it sends `Origin` and
 * the `Sec-Fetch-*` headers a browser sends, keeps cookies as RFC 6265 says (tough-cookie), and sends them only where a
 * browser would (SameSite against the page's site). Tabs made with `tab()` share the cookie jar, as tabs do.
 */
export class CheckBrowser {
  readonly settings: BrowserSettings;
  readonly jar: CookieJar;

  constructor(settings: BrowserSettings, jar = new CookieJar()) {
    this.settings = settings;
    this.jar = jar;
  }

  get origin(): string {
    return this.settings.origin;
  }

  /** Another tab of this browser: the same cookies. `record: false` keeps its answers from `onExchange`. */
  tab({ record = true } = {}): CheckBrowser {
    return new CheckBrowser(record ? this.settings : { ...this.settings, onExchange: undefined }, this.jar);
  }

  /** The URL of a protocol endpoint (from the protocol table). */
  url(endpoint: PasskeyEndpoint, id?: string): string {
    return endpointUrl(endpoint, this.settings.bases, id);
  }

  /** Calls a protocol endpoint with its method from the protocol table. */
  call(endpoint: PasskeyEndpoint, options: CallOptions = {}): Promise<Exchange> {
    return this.request(PROTOCOL[endpoint].method, this.url(endpoint, options.id), options, endpoint);
  }

  /** The CORS preflight a browser sends before `method` with these request headers. */
  preflight(endpoint: PasskeyEndpoint, method: string, requestHeaders: string[]): Promise<Exchange> {
    const headers = new Headers({ origin: this.origin, 'access-control-request-method': method, 'sec-fetch-mode': 'cors' });
    if (requestHeaders.length > 0) headers.set('access-control-request-headers', requestHeaders.join(','));
    return this.#send('OPTIONS', this.url(endpoint, 'passkey-check'), headers, undefined, `OPTIONS ${endpoint} (preflight for ${method})`);
  }

  /** A GET of any URL (the outbox), without cookies or Origin. */
  async fetchUrl(url: string, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.#send('GET', url, new Headers(headers), undefined, `GET ${url}`);
  }

  /** The value of a cookie the API's URL would get now. */
  async cookie(name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(this.url('credentials/list'), { sameSiteContext: this.#sameSiteContext(this.url('credentials/list')) });
    return cookies.find((cookie) => cookie.key === name)?.value;
  }

  async request(method: string, url: string, options: CallOptions = {}, endpoint?: PasskeyEndpoint): Promise<Exchange> {
    const headers = new Headers({ 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', 'sec-fetch-site': fetchSite(this.origin, url) });
    const crossOrigin = new URL(url).origin !== this.origin;
    // A browser sends Origin on every cross-origin request, and on same-origin ones except GET and HEAD.
    if (crossOrigin || (method !== 'GET' && method !== 'HEAD')) headers.set('origin', this.origin);
    const cookies = await this.jar.getCookieString(url, { sameSiteContext: this.#sameSiteContext(url) });
    if (cookies) headers.set('cookie', cookies);
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers.set('content-type', options.contentType ?? 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const label = `${method} ${endpoint ?? url}`;

    let exchange = await this.#send(method, url, headers, body, label);
    for (let retries = 0; exchange.status === 429; retries++) {
      const wait = retryAfterMs(exchange.headers.get('retry-after'));
      const waiting = retries < MAX_RETRIES && wait !== undefined && wait <= this.settings.maxWaitMs;
      this.settings.onRateLimited?.(exchange, waiting ? wait : undefined);
      if (!waiting) break;
      await sleep(wait);
      exchange = await this.#send(method, url, headers, body, label);
    }
    for (const header of exchange.headers.getSetCookie()) {
      // A browser ignores a cookie it may not store; so does the jar (`ignoreError`).
      await this.jar.setCookie(header, url, { sameSiteContext: this.#sameSiteContext(url), ignoreError: true });
    }
    exchange.origin = this.origin;
    this.settings.onExchange?.(exchange);
    return exchange;
  }

  async #send(method: string, url: string, headers: Headers, body: string | undefined, label: string): Promise<Exchange> {
    try {
      const response = await fetch(url, { method, headers, body: body ?? null, redirect: 'manual', signal: AbortSignal.timeout(this.settings.timeoutMs) });
      const text = await readCapped(response, MAX_ANSWER_BYTES);
      return { label, method, url, status: response.status, headers: response.headers, text, json: readJson(text) };
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.settings.timeoutMs} ms` : describeNetworkError(error);
      return { label, method, url, status: 0, error: reason, headers: new Headers(), text: '', json: undefined };
    }
  }

  /** Cookies of every SameSite mode go to the page's own site; only SameSite=None ones to another site. */
  #sameSiteContext(url: string): 'strict' | 'none' {
    return siteOf(url) === siteOf(this.origin) ? 'strict' : 'none';
  }
}

/** The schemeful site of a URL: its scheme and registrable domain (`https://example.co.uk`), or its host when it has none. */
export function siteOf(url: string): string {
  const { protocol, hostname } = new URL(url);
  const registrable = /^[\d.]+$|^\[/.test(hostname) ? undefined : getPublicSuffix(hostname, { allowSpecialUseDomain: true, ignoreError: true });
  return `${protocol}//${registrable ?? hostname}`;
}

/** `Sec-Fetch-Site` as a browser on `pageOrigin` sends it. */
export function fetchSite(pageOrigin: string, url: string): 'same-origin' | 'same-site' | 'cross-site' {
  if (new URL(url).origin === pageOrigin) return 'same-origin';
  return siteOf(url) === siteOf(pageOrigin) ? 'same-site' : 'cross-site';
}

/** `Retry-After` (seconds, or an HTTP date) in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The body as text, cut off after `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

/** As the kit's client parses a body: JSON, and a JSON string holding JSON decoded again. */
function readJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown })?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message || String(code ?? 'network error');
}
