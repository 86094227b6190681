import type { MockFault } from 'passkey-elements-mock';
import type { PasskeyErrorCode } from '../../src/client/index.ts';

/** One way a real backend fails, as the mock can force it, and what a person and the page should get. */
export interface ServerFailure {
  name: string;
  /** Which request of the ceremony fails. */
  step: 'options' | 'verify';
  fault: MockFault;
  code: PasskeyErrorCode;
  status?: number;
  /** The `passkey-error` detail's `message`: what the server said, for the page's logs. */
  detail: string;
  /** What the element shows, in English. */
  shows: string;
}

const SERVER = 'Something went wrong on the server. Please try again in a moment.';

/** The error shapes of Express, FastAPI, proxies and broken networks. Each is forced once, so a retry succeeds. */
export const SERVER_FAILURES: ServerFailure[] = [
  {
    name: 'a 500 with an HTML error page',
    step: 'options',
    fault: {
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<!doctype html><html><head><title>Upstream crashed</title></head><body><h1>Oops</h1></body></html>',
    },
    code: 'server',
    status: 500,
    detail: 'The server answered 500 Internal Server Error: Upstream crashed',
    shows: SERVER,
  },
  {
    name: "FastAPI's { detail }",
    step: 'options',
    fault: { status: 422, body: { detail: 'username: field required' } },
    code: 'server',
    status: 422,
    detail: 'username: field required',
    shows: 'The server did not accept this. Check what you entered, then try again.',
  },
  {
    name: "Express's { error }",
    step: 'verify',
    fault: { status: 500, body: { error: 'Database unavailable' } },
    code: 'server',
    status: 500,
    detail: 'Database unavailable',
    shows: SERVER,
  },
  {
    name: 'plain text',
    step: 'verify',
    fault: { status: 503, body: 'Down for maintenance' },
    code: 'server',
    status: 503,
    detail: 'Down for maintenance',
    shows: SERVER,
  },
  {
    name: 'a network error',
    step: 'verify',
    fault: { networkError: true },
    code: 'network',
    detail: 'The server could not be reached',
    shows: 'The server cannot be reached. Check your connection and try again.',
  },
  {
    name: 'malformed JSON',
    step: 'options',
    fault: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge": "abc", ' },
    code: 'invalid-response',
    status: 200,
    detail: 'The server did not answer with JSON',
    shows: 'The server sent an answer that could not be understood. Please try again later.',
  },
];
