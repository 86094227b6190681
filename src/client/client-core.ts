import { requestJson, type Call, type HttpSettings } from './http.ts';
import { DEFAULT_API_URL, defaultRecoveryUrl, endpointUrl, trimSlash, type ProtocolBases } from './protocol.ts';
import type { PasskeyClientOptions } from './types.ts';

const DEFAULT_TIMEOUT = 30_000;

/**
 * What every call of the client needs: the settings, HTTP, and the one ceremony in flight. `PasskeyClient` adds
 * the calls as methods; the elements take this bare core and import only the calls they make (register.ts,
 * authenticate.ts, credentials.ts, session.ts, recovery.ts), so a bundle of one element carries only those.
 */
export class ClientCore implements ProtocolBases {
  readonly apiUrl: string;
  readonly recoveryUrl: string;
  readonly #http: HttpSettings;
  #ceremony: AbortController | undefined;

  constructor(options: PasskeyClientOptions = {}) {
    this.apiUrl = trimSlash(options.apiUrl || DEFAULT_API_URL);
    this.recoveryUrl = trimSlash(options.recoveryUrl || defaultRecoveryUrl(this.apiUrl));
    const { headers } = options;
    this.#http = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      headers: () => (typeof headers === 'function' ? headers() : headers),
      credentials: options.credentials,
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      onRequest: options.onRequest,
    };
  }

  /** Aborts the ceremony in flight, if any; it rejects with code `aborted`. */
  abort(reason = 'The ceremony was aborted'): void {
    this.#ceremony?.abort(new DOMException(reason, 'AbortError'));
  }

  /** @internal Sends one protocol request with this client's settings (see `requestJson`). */
  request(call: Omit<Call, 'url'> & { id?: string }): Promise<unknown> {
    return requestJson(this.#http, { ...call, url: endpointUrl(call.endpoint, this, call.id) });
  }

  /**
   * @internal Runs a ceremony as the one in flight: aborts the previous one, and aborts this one's signal when
   * `callerSignal` aborts or a newer one starts.
   */
  async ceremony<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.abort('A newer ceremony started');
    const controller = new AbortController();
    this.#ceremony = controller;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true, signal: controller.signal });
    try {
      return await run(controller.signal);
    } finally {
      if (this.#ceremony === controller) this.#ceremony = undefined;
    }
  }
}
