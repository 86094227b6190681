import { requestJson, type Call, type HttpSettings } from './http.ts';
import { DEFAULT_API_URL, defaultRecoveryUrl, endpointUrl, trimSlash, type ProtocolBases } from './protocol.ts';
import type { PasskeyClientOptions } from './types.ts';

const DEFAULT_TIMEOUT = 30_000;

/**
 * The page's one ceremony turn, across clients and across copies of the kit: a browser refuses a second
 * `navigator.credentials` request while one waits (an autofill request waits until the person picks a passkey), so a
 * ceremony that starts aborts the one in flight, wherever it came from.
 */
const page: { turn?: AbortController } = ((globalThis as { [key: symbol]: { turn?: AbortController } })[Symbol.for('passkey-elements.turn')] ??= {});

/**
 * What every call of the client needs: the settings, HTTP, and the page's ceremony turn. `PasskeyClient` adds
 * the calls as methods; the elements take this bare core and import only the calls they make (register.ts,
 * authenticate.ts, credentials.ts, session.ts, recovery.ts), so a bundle of one element carries only those.
 */
export class ClientCore implements ProtocolBases {
  readonly apiUrl: string;
  readonly recoveryUrl: string;
  readonly #http: HttpSettings;
  /** The page's turn while this client's ceremony holds it. */
  #turn: AbortController | undefined;

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

  /** Aborts this client's ceremony in flight, if any; it rejects with code `aborted`. */
  abort(reason = 'The ceremony was aborted'): void {
    this.#turn?.abort(new DOMException(reason, 'AbortError'));
  }

  /** @internal Sends one protocol request with this client's settings (see `requestJson`). */
  request(call: Omit<Call, 'url'> & { id?: string }): Promise<unknown> {
    return requestJson(this.#http, { ...call, url: endpointUrl(call.endpoint, this, call.id) });
  }

  /**
   * @internal Runs a ceremony in the page's turn: aborts the one in flight (of any client), and aborts this one's signal
   * when `callerSignal` aborts or a newer ceremony starts.
   */
  async ceremony<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    page.turn?.abort(new DOMException('A newer passkey ceremony started', 'AbortError'));
    const turn = (page.turn = this.#turn = new AbortController());
    try {
      return await run(callerSignal ? AbortSignal.any([callerSignal, turn.signal]) : turn.signal);
    } finally {
      if (page.turn === turn) page.turn = undefined;
      if (this.#turn === turn) this.#turn = undefined;
    }
  }
}
