/**
 * Every refusal the server answers with: a status, a stable `code` and a short generic message. The body says no
 * more than `{ error, code }`; what went wrong in detail (a library's reason, the origin seen, a counter) goes to
 * `onEvent` as the refusal's `reason`, never to the client.
 *
 * Codes the client kit knows (src/client/errors.ts) are used where one fits, so its elements show the right message:
 * `already-registered`, `unknown-credential`, `verification-failed`, `unauthorized`.
 */
export const SERVER_ERROR_CODES = {
  'invalid-request': { status: 400, message: 'The request is not valid' },
  'invalid-username': { status: 400, message: 'The username is not valid' },
  'verification-failed': { status: 400, message: 'The passkey could not be verified' },
  'unknown-credential': { status: 400, message: 'This passkey is not registered here' },
  'recovery-invalid': { status: 400, message: 'This recovery link is invalid or has expired' },
  unauthorized: { status: 401, message: 'Not signed in' },
  'forbidden-origin': { status: 403, message: 'Cross-site requests are not accepted' },
  'not-found': { status: 404, message: 'Not found' },
  'method-not-allowed': { status: 405, message: 'Method not allowed' },
  'already-registered': { status: 409, message: 'This username is already registered. Sign in to add another passkey.' },
  'user-id-taken': { status: 409, message: 'This user id is already in use' },
  'payload-too-large': { status: 413, message: 'The request body is too large' },
  'uri-too-long': { status: 414, message: 'The URL is too long' },
  'unsupported-media-type': { status: 415, message: 'The request body must be application/json' },
  'rate-limited': { status: 429, message: 'Too many attempts. Try again later.' },
  internal: { status: 500, message: 'The server failed unexpectedly' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;

/** A refusal: the handler stops and the server answers `{ error, code }` with the code's status. */
export class PasskeyHttpError extends Error {
  readonly status: number;
  readonly code: ServerErrorCode;
  /** For `onEvent` only: what exactly was wrong. */
  readonly reason: string;
  readonly headers: Record<string, string>;

  /** `publicMessage` replaces the code's generic message; only for words safe to show anyone (our own field checks). */
  constructor(code: ServerErrorCode, reason?: string, options: { publicMessage?: string; headers?: Record<string, string> } = {}) {
    super(options.publicMessage ?? SERVER_ERROR_CODES[code].message);
    this.name = 'PasskeyHttpError';
    this.code = code;
    this.status = SERVER_ERROR_CODES[code].status;
    this.reason = reason ?? this.message;
    this.headers = options.headers ?? {};
  }
}

export const refuse = (code: ServerErrorCode, reason?: string) => new PasskeyHttpError(code, reason);

/** A malformed request: our own words about which field is wrong are safe to show, and help whoever writes a client. */
export const invalidRequest = (message: string) => new PasskeyHttpError('invalid-request', message, { publicMessage: message });
