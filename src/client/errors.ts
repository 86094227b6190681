/** Every `code` a PasskeyError (and a `passkey-error` event) can carry; a page can switch on these. */
export const PASSKEY_ERROR_CODES = [
  'cancelled',
  'aborted',
  'timeout',
  'not-supported',
  'already-registered',
  'unknown-credential',
  'network',
  'server',
  'invalid-response',
  'verification-failed',
  'security',
  'unauthorized',
  'unknown',
] as const;
export type PasskeyErrorCode = (typeof PASSKEY_ERROR_CODES)[number];

/** Where in a flow the error happened. */
export const PASSKEY_PHASES = ['options', 'ceremony', 'verify', 'manage', 'recovery'] as const;
export type PasskeyPhase = (typeof PASSKEY_PHASES)[number];

/** The `detail` of a `passkey-error` event. */
export interface PasskeyErrorDetail {
  code: PasskeyErrorCode;
  message: string;
  phase: PasskeyPhase;
  status?: number;
  cause?: unknown;
}

/** The one error type of the kit: a closed `code`, the `phase` it happened in, the HTTP `status` when there was one. */
export class PasskeyError extends Error {
  readonly code: PasskeyErrorCode;
  readonly phase: PasskeyPhase;
  readonly status: number | undefined;

  constructor(code: PasskeyErrorCode, message: string, options: { phase: PasskeyPhase; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'PasskeyError';
    this.code = code;
    this.phase = options.phase;
    this.status = options.status;
  }

  toDetail(): PasskeyErrorDetail {
    return {
      code: this.code,
      message: this.message,
      phase: this.phase,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
    };
  }
}

export function isPasskeyErrorCode(value: unknown): value is PasskeyErrorCode {
  return PASSKEY_ERROR_CODES.includes(value as PasskeyErrorCode);
}

/** An abort reason the client uses for its own timeouts, so they map to `timeout` rather than `aborted`. */
export function timeoutReason(ms: number): DOMException {
  return new DOMException(`No answer within ${ms} ms`, 'TimeoutError');
}

/** Maps why a signal was aborted: the client's own timeout, or anything else (a newer ceremony, the caller, disconnect). */
export function fromAbort(signal: AbortSignal, phase: PasskeyPhase, cause?: unknown): PasskeyError {
  const reason = signal.reason as { name?: string; message?: string } | undefined;
  if (reason?.name === 'TimeoutError') return new PasskeyError('timeout', reason.message ?? 'The request timed out', { phase, cause });
  return new PasskeyError('aborted', reason?.message ?? 'The operation was aborted', { phase, cause: cause ?? reason });
}

/**
 * The codes of the DOMExceptions a failed `navigator.credentials.create()` / `.get()` throws, by name, per WebAuthn
 * Level 3, §5.1.3 (create) and §5.1.4 (get): https://www.w3.org/TR/webauthn-3/. A Map: a name such as "constructor"
 * finds nothing.
 */
const CEREMONY_ERRORS = new Map<unknown, PasskeyErrorCode>([
  // The person dismissed the prompt, or it timed out; the spec deliberately does not tell the two apart.
  ['NotAllowedError', 'cancelled'],
  ['AbortError', 'aborted'],
  // The RP ID is not a registrable suffix of the origin, or the context is not secure.
  ['SecurityError', 'security'],
  // No authenticator supports the algorithms, resident keys or user verification asked for.
  ['NotSupportedError', 'not-supported'],
  ['ConstraintError', 'not-supported'],
  // The options were malformed (a field of the wrong type or length, or not base64url).
  ['TypeError', 'invalid-response'],
  ['EncodingError', 'invalid-response'],
  ['InvalidCharacterError', 'invalid-response'],
]);

/** Maps a failed `navigator.credentials.create()` / `.get()` to a code. This is the only place that reads DOMException names. */
export function fromCeremonyError(error: unknown, ceremony: 'create' | 'get'): PasskeyError {
  if (error instanceof PasskeyError) return error;
  // @simplewebauthn/browser (the fallback in webauthn-fallback.ts) wraps the DOMException in a WebAuthnError whose
  // `cause` is the original.
  const original = (error as { cause?: unknown })?.cause instanceof Error ? (error as { cause: Error }).cause : error;
  const name = (original as { name?: string })?.name;
  const code =
    // create(): an authenticator already holds one of excludeCredentials (§5.1.3 step 20.6).
    name === 'InvalidStateError' ? (ceremony === 'create' ? 'already-registered' : 'unknown-credential') : (CEREMONY_ERRORS.get(name) ?? 'unknown');
  return new PasskeyError(code, (original as { message?: string })?.message ?? String(original), { phase: 'ceremony', cause: error });
}

/** Maps a non-2xx answer. A body's own `code`, when it is one of ours, is the most precise and wins. */
export function fromHttpStatus(
  status: number,
  message: string,
  phase: PasskeyPhase,
  serverCode?: unknown,
): PasskeyError {
  const code: PasskeyErrorCode = isPasskeyErrorCode(serverCode)
    ? serverCode
    : status === 401 || status === 403
      ? 'unauthorized'
      : 'server';
  return new PasskeyError(code, message, { phase, status });
}
