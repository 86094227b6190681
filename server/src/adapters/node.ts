import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import type { PasskeyServer } from '../server.ts';
import { clientIpOf, type ProxyOptions } from './client-ip.ts';

export type { ProxyOptions } from './client-ip.ts';

/** What the adapter hands the handler: Node's request (or a wrapper whose `raw` is it). */
interface NodeContext {
  req: IncomingMessage | { raw: IncomingMessage };
}

/**
 * The server as a whatwg-node adapter: Node requests become fetch `Request`s, the answer is streamed back, and the
 * client address (socket or trusted proxy) goes to the rate limits.
 */
export function fetchAdapter(server: PasskeyServer, options: ProxyOptions = {}) {
  return createServerAdapter<NodeContext>((request, { req }, fetchAPI) => {
    const raw = 'raw' in req ? req.raw : req;
    // Answered with the adapter's own Response class, which it writes out as it is.
    return server.fetch(request, { clientIp: clientIpOf(raw, options), Response: fetchAPI.Response });
  });
}

/**
 * A `node:http` request listener answering every request with the passkey server (404 outside its paths). To share a
 * server with other routes, ask `server.handles(req.url)` first.
 *
 *   http.createServer(toNodeHandler(passkeys)).listen(8787);
 */
export function toNodeHandler(server: PasskeyServer, options: ProxyOptions = {}): RequestListener {
  const listener = fetchAdapter(server, options).requestListener; // the adapter's getter binds a new function each time
  return (request: IncomingMessage, response: ServerResponse) => void listener(request, response);
}

/** A `node:http` server for the passkey server alone; call `listen()` on it. */
export function createNodeServer(server: PasskeyServer, options: ProxyOptions = {}): Server {
  return createServer(toNodeHandler(server, options));
}
