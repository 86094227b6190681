import { delay, HttpResponse } from 'msw';

/** The endpoints of the protocol, as fault injection and the admin API name them. */
export const MOCK_ENDPOINTS = [
  'register/options',
  'register/verify',
  'authenticate/options',
  'authenticate/verify',
  'credentials/list',
  'credentials/rename',
  'credentials/delete',
  'recovery/send',
  'session',
] as const;
export type MockEndpoint = (typeof MOCK_ENDPOINTS)[number];

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

/** Fault injection for demos and tests: latency on every answer, and forced answers per endpoint. */
export class MockFaults {
  /** Milliseconds added before every answer. */
  latency = 0;
  readonly #forced = new Map<MockEndpoint, MockFault>();

  force(endpoint: MockEndpoint, fault: MockFault): void {
    this.#forced.set(endpoint, { ...fault });
  }

  clear(endpoint?: MockEndpoint): void {
    if (endpoint) this.#forced.delete(endpoint);
    else this.#forced.clear();
  }

  reset(): void {
    this.latency = 0;
    this.clear();
  }

  /** Applies latency and any fault for this endpoint; returns the forced response, if there is one. */
  async intercept(endpoint: MockEndpoint): Promise<Response | undefined> {
    if (this.latency > 0) await delay(this.latency);
    const fault = this.#forced.get(endpoint);
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.#forced.delete(endpoint);
    if (fault.delay !== undefined) await delay(fault.delay);
    if (fault.networkError) return HttpResponse.error();
    if (fault.status === undefined && fault.body === undefined) return undefined;
    return forcedResponse(fault);
  }
}

function forcedResponse({ status = 200, body, headers = {} }: MockFault): Response {
  if (typeof body === 'string' || body === undefined) {
    return new HttpResponse(body ?? null, { status, headers: { 'content-type': 'text/plain', ...headers } });
  }
  return HttpResponse.json(body, { status, headers });
}
