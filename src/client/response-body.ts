import { PasskeyError, type PasskeyPhase } from './errors.ts';

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

export interface ErrorBody {
  message: string;
  code?: unknown;
}

const MAX_MESSAGE = 200;

/** Finds the human message in an error body: `{error}` (Express), `{detail}` (FastAPI), `{message}`, plain text, or an HTML page. */
export function readErrorBody(text: string, contentType: string, status: number, statusText: string): ErrorBody {
  const fallback = `The server answered ${status}${statusText ? ` ${statusText}` : ''}`;
  const trimmed = text.trim();
  if (trimmed === '') return { message: fallback };

  const json = tryJson(trimmed);
  if (json !== undefined) {
    const fromJson = messageFromJson(json);
    const code = typeof json === 'object' && json !== null ? (json as { code?: unknown }).code : undefined;
    return { message: fromJson ?? fallback, code };
  }
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return { message: title ? `${fallback}: ${clip(title)}` : fallback };
  }
  return { message: clip(trimmed) };
}

function tryJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? (tryJson(value) ?? value) : value;
  } catch {
    return undefined;
  }
}

function messageFromJson(json: unknown): string | undefined {
  if (typeof json === 'string') return clip(json);
  if (typeof json !== 'object' || json === null) return undefined;
  const { error, detail, message } = json as Record<string, unknown>;
  for (const candidate of [error, detail, message]) {
    if (typeof candidate === 'string' && candidate.trim()) return clip(candidate.trim());
    // { error: { message } } and FastAPI's validation errors: { detail: [{ msg }] }
    if (typeof candidate === 'object' && candidate !== null) {
      const nested = Array.isArray(candidate)
        ? candidate.map((item) => (item as { msg?: unknown })?.msg).filter((msg) => typeof msg === 'string').join('; ')
        : (candidate as { message?: unknown }).message;
      if (typeof nested === 'string' && nested) return clip(nested);
    }
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
