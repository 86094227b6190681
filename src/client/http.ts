import { fromAbort, fromHttpStatus, PasskeyError, timeoutReason, type PasskeyPhase } from './errors.ts';
import { PROTOCOL, type PasskeyEndpoint } from './protocol.ts';

export type { PasskeyEndpoint };

/** A request about to be sent. `onRequest` may add headers or fields of the JSON body (a CSRF token, an invite code). */
export interface PasskeyRequest {
  readonly endpoint: PasskeyEndpoint;
  readonly phase: PasskeyPhase;
  readonly method: string;
  url: string;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

export interface HttpSettings {
  fetch: typeof fetch;
  /** Synchronous unless the caller's `headers` option is an async function, so a request can start in the same tick. */
  headers: () => HeadersInit | undefined | Promise<HeadersInit | undefined>;
  /** fetch's cookie mode; unset: `include` for a URL on another origin than the page, else `same-origin`. */
  credentials: RequestCredentials | undefined;
  /** Milliseconds to wait for each answer. */
  timeout: number;
  onRequest: ((request: PasskeyRequest) => void | Promise<void>) | undefined;
}

export interface Call {
  endpoint: PasskeyEndpoint;
  url: string;
  body?: Record<string, unknown>;
  signal?: AbortSignal | undefined;
  /** Accept an empty 2xx body (DELETE answering 204). */
  allowEmpty?: boolean;
}

/** Sends one protocol request and returns its JSON, or throws a PasskeyError saying what went wrong. */
export async function requestJson(settings: HttpSettings, call: Call): Promise<unknown> {
  const { phase, method } = PROTOCOL[call.endpoint];
  const extraHeaders = settings.headers();
  const request: PasskeyRequest = {
    endpoint: call.endpoint,
    phase,
    method,
    url: call.url,
    headers: new Headers(extraHeaders instanceof Promise ? await extraHeaders : extraHeaders),
    body: call.body ? { ...call.body } : undefined,
  };
  if (request.body) request.headers.set('content-type', 'application/json');
  request.headers.set('accept', 'application/json');
  const hook = settings.onRequest?.(request);
  if (hook) await hook;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(timeoutReason(settings.timeout)), settings.timeout);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
  try {
    let response: Response;
    try {
      response = await settings.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ? JSON.stringify(request.body) : null,
        credentials: settings.credentials ?? defaultCredentials(request.url),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw fromAbort(signal, phase, error);
      throw new PasskeyError('network', 'The server could not be reached', { phase, cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw fromAbort(signal, phase, error);
      throw new PasskeyError('network', 'The connection broke while reading the answer', { phase, status: response.status, cause: error });
    }
    if (!response.ok) {
      // Only a failed request reads its body, so that code loads then; without it, the status says what it can.
      const { message, code } = await import('./response-body.ts').then(
        ({ readErrorBody }) => readErrorBody(text, response.headers.get('content-type') ?? '', response.status, response.statusText),
        () => ({ message: `The server answered ${response.status}`, code: undefined }),
      );
      throw fromHttpStatus(response.status, message, phase, code);
    }
    if (call.allowEmpty && text.trim() === '') return undefined;
    return parseJsonBody(text, phase, response.status);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Parses a successful JSON body. A body that is a JSON string holding JSON (FastAPI returning
 * `options_to_json(...)` from a route) is decoded twice.
 */
export function parseJsonBody(text: string, phase: PasskeyPhase, status: number): unknown {
  const invalid = (message: string, cause?: unknown) => new PasskeyError('invalid-response', message, { phase, status, cause });
  if (text.trim() === '') throw invalid('The server sent an empty answer');
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (typeof value === 'string') value = JSON.parse(value);
  } catch (error) {
    throw invalid('The server did not answer with JSON', error);
  }
  return value;
}

/**
 * Cookies go with every request to the page's own origin (fetch's default), and also to an API on another origin:
 * the guide's backends keep the session (and some the challenge) in a cookie, and their CORS allows credentials.
 */
export function defaultCredentials(url: string): RequestCredentials {
  if (typeof location === 'undefined') return 'same-origin';
  return new URL(url, location.href).origin === location.origin ? 'same-origin' : 'include';
}
