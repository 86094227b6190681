/**
 * A refusal the handlers turn into `{ error, code? }` with this status.
 * `code`, when set, is one of the kit's error codes, so the client can tell the person exactly what went wrong.
 */
export class MockHttpError extends Error {
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'MockHttpError';
    this.status = status;
    this.code = code;
  }
}

export const badRequest = (message: string, code?: string) => new MockHttpError(400, message, code);
