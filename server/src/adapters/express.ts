import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PasskeyServer } from '../server.ts';
import type { ProxyOptions } from './client-ip.ts';
import { fetchAdapter } from './node.ts';

export type { ProxyOptions } from './client-ip.ts';

/** The parts of Express's request the middleware reads (Express 4 and 5 alike). */
interface ExpressRequest extends IncomingMessage {
  originalUrl?: string;
  body?: unknown;
  /** Set by body-parser (`express.json()` and kin) once it has read the stream. */
  _body?: boolean;
}
type Next = (error?: unknown) => void;

/**
 * Express middleware for the passkey server: it answers its own endpoints (at their full paths, wherever it is
 * mounted) and passes every other request on.
 *
 *   app.use(passkeyMiddleware(passkeys));
 *
 * Mount it before body parsers. After `express.json()` it still works (the parsed JSON is used, within the server's
 * size limit), and a body another parser read is refused as not JSON.
 */
export function passkeyMiddleware(server: PasskeyServer, options: ProxyOptions = {}): (req: ExpressRequest, res: ServerResponse, next: Next) => void {
  const listener = fetchAdapter(server, options).requestListener; // the adapter's getter binds a new function each time
  return (req, res, next) => {
    if (!server.handles(req.originalUrl ?? req.url ?? '/')) {
      next();
      return;
    }
    // whatwg-node reads `body` off the object it is given, and would dress up a parsed body as JSON (content type
    // included): give it the parsed body as text under the request's own headers, so a form or text/plain body that a
    // parser read is still refused for its Content-Type.
    const parsed = req._body === true || req.readableEnded;
    const body = parsed && typeof req.body === 'object' && req.body !== null ? JSON.stringify(req.body) : undefined;
    const request = { raw: req, method: req.method, headers: req.headers, ...(body === undefined ? {} : { body }) };
    void listener(request as never, res);
  };
}
