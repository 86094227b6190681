import { PASSKEY_ENDPOINTS, type PasskeyEndpoint } from '../server/src/kit.ts';

/** A forced misbehaviour of one endpoint. */
export interface MockFault {
  /** Answer with this status instead of running the endpoint. */
  status?: number;
  /** The forced body: a string is sent as is (text/plain unless `headers` say otherwise), anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long first; `'infinite'` never answers. Alone, it delays the real answer. */
  delay?: number | 'infinite';
  /** Fail the connection (the client sees a network error). */
  networkError?: boolean;
  /** How many requests it applies to before it clears itself; every request when unset. */
  times?: number;
}

/** Whether `name` is an endpoint of the protocol table (what faults are forced on). */
export function isPasskeyEndpoint(name: string): name is PasskeyEndpoint {
  return (PASSKEY_ENDPOINTS as string[]).includes(name);
}

const sleep = (ms: number | 'infinite') => new Promise<void>((resolve) => void (ms === 'infinite' || setTimeout(resolve, ms)));

/**
 * Fault injection for demos and tests: latency on every answer, and forced answers per endpoint of the protocol table
 * (`session` is `GET /session`, `session/end` is `DELETE /session`). The mock's server consults it before handling a
 * request (its `beforeHandle` hook), so a forced answer runs nothing and changes nothing.
 */
export class MockFaults {
  /** Milliseconds added before every answer. */
  latency = 0;
  readonly #forced = new Map<PasskeyEndpoint, MockFault>();

  force(endpoint: PasskeyEndpoint, fault: MockFault): void {
    if (!isPasskeyEndpoint(endpoint)) throw new TypeError(`Unknown endpoint "${endpoint}": one of ${PASSKEY_ENDPOINTS.join(', ')}`);
    this.#forced.set(endpoint, { ...fault });
  }

  clear(endpoint?: PasskeyEndpoint): void {
    if (endpoint) this.#forced.delete(endpoint);
    else this.#forced.clear();
  }

  /** No latency and no forced answers. */
  reset(): void {
    this.latency = 0;
    this.clear();
  }

  /** Applies latency and any fault for this endpoint; resolves to the forced response, if there is one. */
  async intercept(endpoint: PasskeyEndpoint): Promise<Response | undefined> {
    if (this.latency > 0) await sleep(this.latency);
    const fault = this.#forced.get(endpoint);
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.#forced.delete(endpoint);
    if (fault.delay !== undefined) await sleep(fault.delay);
    if (fault.networkError) return Response.error();
    if (fault.status === undefined && fault.body === undefined) return undefined;
    return forcedResponse(fault);
  }
}

function forcedResponse({ status = 200, body, headers = {} }: MockFault): Response {
  if (typeof body === 'string' || body === undefined) {
    return new Response(body ?? null, { status, headers: { 'content-type': 'text/plain', ...headers } });
  }
  return Response.json(body, { status, headers });
}
