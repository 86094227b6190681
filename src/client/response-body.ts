/** An error body's message, loaded by http.ts only when a request failed. */

export interface ErrorBody {
  message: string;
  code?: unknown;
}

const MAX_MESSAGE = 200;

/**
 * Finds the server's own words in an error body, as plain text of at most 200 characters:
 * - JSON: `{ error }` (Express), `{ message }`, `{ detail }` (FastAPI), `{ detail: [{ msg }] }` (FastAPI validation),
 *   `{ errors: [string | { message } | { detail }] }` and `{ errors: { field: [string] } }` (Rails),
 *   RFC 9457 problem+json (`detail`, else `title`), `{ error: { message } }`; also when encoded twice;
 * - plain text;
 * - an HTML error page: its title, else its text.
 * Markup is stripped everywhere. `code` is the body's own, when it has one.
 */
export function readErrorBody(text: string, contentType: string, status: number, statusText: string): ErrorBody {
  const fallback = `The server answered ${status}${statusText ? ` ${statusText}` : ''}`;
  const trimmed = text.trim();
  if (trimmed === '') return { message: fallback };

  const json = tryJson(trimmed);
  if (json !== undefined) {
    const code = typeof json === 'object' && json !== null ? (json as { code?: unknown }).code : undefined;
    return { message: plain(messageFromJson(json)) || fallback, code };
  }
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1];
    const body = /<body[^>]*>([\s\S]*)/i.exec(trimmed)?.[1] ?? trimmed;
    const words = plain(title ?? '') || plain(body);
    return { message: words ? `${fallback}: ${words}` : fallback };
  }
  return { message: plain(trimmed) || fallback };
}

function tryJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? (tryJson(value) ?? value) : value;
  } catch {
    return undefined;
  }
}

/** The first human message in a JSON error body, by the conventions above. */
function messageFromJson(json: unknown): string | undefined {
  if (typeof json === 'string') return json;
  if (Array.isArray(json)) return joined(json.map(messageOfItem));
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail', 'errors', 'title']) {
    const value = body[key];
    const found = Array.isArray(value)
      ? joined(value.map(messageOfItem))
      : typeof value === 'object' && value !== null
        ? (messageOfItem(value) ?? fieldErrors(value as Record<string, unknown>))
        : messageOfItem(value);
    if (found) return found;
  }
  return undefined;
}

/** One error of a list: a string, or an object with `message`, `detail`, `msg` (FastAPI) or `title` (JSON:API). */
function messageOfItem(item: unknown): string | undefined {
  if (typeof item === 'string') return item.trim() || undefined;
  if (typeof item !== 'object' || item === null) return undefined;
  const { message, detail, msg, title } = item as Record<string, unknown>;
  return [message, detail, msg, title].find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

/** Rails' `{ errors: { username: ['has already been taken'] } }`: "username has already been taken". */
function fieldErrors(errors: Record<string, unknown>): string | undefined {
  return joined(
    Object.entries(errors).flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [messages]).map((message) => (typeof message === 'string' ? `${field} ${message}` : undefined)),
    ),
  );
}

function joined(messages: (string | undefined)[]): string | undefined {
  return messages.filter(Boolean).join('; ') || undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Plain text for a message: no scripts, styles or tags, the common entities decoded (after the tags are gone, so a
 * decoded `&lt;b&gt;` stays text), no control characters, whitespace collapsed, at most 200 characters.
 */
function plain(text: string | undefined): string {
  const words = (text ?? '')
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > MAX_MESSAGE ? `${words.slice(0, MAX_MESSAGE - 1)}…` : words;
}
