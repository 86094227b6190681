import { invalidRequest, PasskeyHttpError } from './errors.ts';

export type JsonObject = Record<string, unknown>;

/** Whether the request says its body is JSON (`application/json`, with or without parameters). */
export function isJsonContentType(request: Request): boolean {
  const type = request.headers.get('content-type');
  return type !== null && type.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * The body as text, refused with 413 once it passes `maxBytes`: by its Content-Length when it declares one, else while
 * it streams in, so a chunked body of any size costs at most `maxBytes` of memory before it is cut off.
 *
 * A body that declares a length within the limit is read in one go: the HTTP server that parsed the request (Node's,
 * or any other runtime's) delivers exactly that many bytes, and reading the stream chunk by chunk through a
 * `ReadableStream` reader cost about 50 µs per request more. Its size is checked again all the same.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(`Content-Length ${declared}`);
  if (!request.body) return request.text(); // Some adapters hand over a body an earlier middleware already read.
  if (declared !== null && /^\d+$/.test(declared)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(`${bytes.byteLength} bytes under Content-Length ${declared}`);
    return decodeUtf8(bytes);
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Stop reading: the rest is never buffered. No cancel(): under Node it would reset the connection before the
        // 413 is sent. The answer says `Connection: close`, so the adapter drops the rest with the connection.
        throw tooLarge(`more than ${maxBytes} bytes streamed`);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest('Request body is not valid UTF-8');
  }
}

/** Parses the body as a JSON object, or refuses the request. */
export function parseJsonObject(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest('Request body is not valid JSON');
  }
  if (!isObject(value)) throw invalidRequest('Request body must be a JSON object');
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const tooLarge = (reason: string) => new PasskeyHttpError('payload-too-large', reason, { headers: { connection: 'close' } });
