/**
 * The fault matrix's cases (test/browser/fault-matrix.test.ts): how a server misbehaves, and what the page and the
 * person must get. Expected texts are written out in English here, never read from src/i18n: a swapped or broken
 * translation must fail the matrix.
 */
import type { MockFault } from 'passkey-elements-mock';
import type { PasskeyErrorCode } from '../../src/client/index.ts';

/** What the elements show, in English. */
export const SHOWN = {
  server: 'Something went wrong on the server. Please try again in a moment.',
  refused: 'The server did not accept this. Check what you entered, then try again.',
  unauthorized: 'Please sign in first.',
  network: 'The server cannot be reached. Check your connection and try again.',
  timeout: 'The server took too long to answer. Please try again.',
  invalidResponse: 'The server sent an answer that could not be understood. Please try again later.',
  verificationFailed: 'Your passkey could not be verified. Please try again.',
  managerUnauthorized: 'Sign in to see and manage your passkeys.',
} as const;

/** The `passkey-error` messages the client writes itself (the server's own words are in each case). */
export const SAID = {
  unreachable: 'The server could not be reached',
  notJson: 'The server did not answer with JSON',
  empty: 'The server sent an empty answer',
  timedOut: (ms: number) => `No answer within ${ms} ms`,
} as const;

export interface FaultCase {
  name: string;
  fault: MockFault;
  code: PasskeyErrorCode;
  /** The `passkey-error` detail's `status`; none when the answer was not an HTTP failure the client read. */
  status?: number;
  /** The detail's `message`: what the server said, for the page's logs. */
  message: string;
  /** What the person reads. */
  shown: string;
}

/** Script that runs if the page ever renders the body as HTML: an `<img onerror>` (a `<script>` from innerHTML never runs). */
export const PAYLOAD = '<img src="data:," onerror="window.__pwned = true">';

/** A proxy's error page, titled `title`, carrying the payload. */
export const errorPage = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${PAYLOAD}</body></html>`;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** 401 and 403 mean nobody (or not this person) is signed in; the rest are the server's failures. */
const codeFor = (status: number): PasskeyErrorCode => (status === 401 || status === 403 ? 'unauthorized' : 'server');
/** A request the server refuses (400, 409) asks the person to check what they entered, not to wait for the server. */
const shownFor = (status: number) =>
  status === 401 || status === 403 ? SHOWN.unauthorized : status === 400 || status === 409 ? SHOWN.refused : SHOWN.server;

/** Every status in the shapes Express, FastAPI, a plain-text server and a proxy's HTML page give it. */
export const HTTP_CASES: FaultCase[] = Object.keys(STATUS_TEXT).map(Number).flatMap((status) => {
  const expected = { code: codeFor(status), status, shown: shownFor(status) };
  return [
    { name: `${status} with JSON { error }`, fault: { status, body: { error: `Refused (${status})` } }, ...expected, message: `Refused (${status})` },
    { name: `${status} with JSON { detail }`, fault: { status, body: { detail: `Detail ${status}` } }, ...expected, message: `Detail ${status}` },
    { name: `${status} with plain text`, fault: { status, body: `Plain ${status}` }, ...expected, message: `Plain ${status}` },
    {
      name: `${status} with an HTML page whose script would run if injected`,
      fault: { status, headers: { 'content-type': 'text/html' }, body: errorPage(`Proxy page ${status}`) },
      ...expected,
      message: `The server answered ${status} ${STATUS_TEXT[status]}: Proxy page ${status}`,
    },
  ];
});

const invalid = (name: string, body: unknown, message: string, status?: number): FaultCase => ({
  name,
  fault: { status: 200, ...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {}), body },
  code: 'invalid-response',
  ...(status === undefined ? {} : { status }),
  message,
  shown: SHOWN.invalidResponse,
});

/** 200 answers whose body cannot be read at all, whatever the request. */
const UNREADABLE: FaultCase[] = [
  invalid('200 with truncated JSON', '{"challenge":"abc","rp":', SAID.notJson, 200),
  invalid('200 with a JSON string that holds no JSON', JSON.stringify('hello'), SAID.notJson, 200),
  invalid('200 with an empty body', '', SAID.empty, 200),
];

/** Options with everything but the challenge. */
const WITHOUT_CHALLENGE = {
  rp: { id: 'localhost', name: 'x' },
  user: { id: 'dXNlcg', name: 'u', displayName: 'u' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  allowCredentials: [],
};

/** What a request's 200 answer can get wrong, by what the request asks for. */
export const BODY_CASES = {
  'register/options': [
    ...UNREADABLE,
    invalid('200 with options missing the challenge', WITHOUT_CHALLENGE, 'The registration options are incomplete (challenge, rp, user or pubKeyCredParams missing)'),
  ],
  'authenticate/options': [
    ...UNREADABLE,
    invalid('200 with options missing the challenge', WITHOUT_CHALLENGE, 'The sign-in options are incomplete (challenge missing)'),
  ],
  verify: [
    ...UNREADABLE,
    { name: '200 with { verified: false }', fault: { status: 200, body: { verified: false } }, code: 'verification-failed', message: 'The server could not verify the passkey', shown: SHOWN.verificationFailed },
    {
      name: '200 with { verified: false, error }',
      fault: { status: 200, body: { verified: false, error: 'Signature did not match' } },
      code: 'verification-failed',
      message: 'Signature did not match',
      shown: SHOWN.verificationFailed,
    },
    invalid('200 verified, without a userId', { verified: true }, 'The verification answer has no userId'),
    invalid('200 with a JSON list', [{ verified: true, userId: 'x' }], 'The verification answer is not a JSON object'),
  ],
  'credentials/list': [
    ...UNREADABLE,
    invalid('200 with a list of things without an id', [{ name: 'Laptop' }], 'The credential list is not a list of passkeys'),
    invalid('200 with the list wrapped in an object', { credentials: [] }, 'The credential list is not a list of passkeys'),
  ],
} satisfies Record<string, FaultCase[]>;
