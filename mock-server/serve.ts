/**
 * `npm run mock-server -- --port 8787 --origin http://localhost:5173 [--origin …] [--rp-id localhost] [--admin] [--no-rate-limits]`
 *
 * The mock backend as an HTTP server on localhost, for pages in other frameworks, pages on another origin, and curl:
 * the kit's passkey server on a memory store, with CORS (with cookies) for the given page origins. With `--admin`, the
 * admin endpoints under /__mock (outbox, store, reset, faults, latency) answer requests that carry the token printed
 * at start; without it they do not exist. `--no-rate-limits` turns the server's rate limits off (load tests, the
 * backend checker run many times from one address).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createServerAdapter } from '@whatwg-node/server';
import { clientIpOf } from '../server/src/adapters/client-ip.ts';
import { ADMIN_BASE, createAdminHandler } from './admin.ts';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './backend.ts';

export interface MockHttpServerOptions extends MockBackendOptions {
  /** Default 8787; 0 lets the system choose. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve the admin endpoints under /__mock, behind a random token (`adminToken`). Default false. */
  admin?: boolean;
  /** How many proxies in front append to `X-Forwarded-For` (the rate limits' client address). Default 0. */
  trustProxy?: number;
}

export interface MockHttpServer {
  /** `http://localhost:<port>`: on localhost, so a page on another localhost port is the same site. */
  readonly url: string;
  readonly backend: MockBackend;
  readonly httpServer: Server;
  /** With `admin`: the token the admin endpoints want as `Authorization: Bearer <token>`. */
  readonly adminToken: string | undefined;
  close(): Promise<void>;
}

/** Starts the mock backend as an HTTP server. `origins` are the pages that may call it (CORS) and run ceremonies. */
export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const { port = 8787, host = '127.0.0.1', admin = false, trustProxy = 0, ...backendOptions } = options;
  const backend = createMockBackend(backendOptions);
  const adminToken = admin ? randomBytes(32).toString('base64url') : undefined;
  const adminHandler = adminToken === undefined ? undefined : createAdminHandler(backend, adminToken);

  const adapter = createServerAdapter<{ req: IncomingMessage; res: ServerResponse }>(async (request, { req, res }) => {
    const answer = (await adminHandler?.(request)) ?? (await backend.fetch(request, { clientIp: clientIpOf(req, { trustProxy }) }));
    // A `networkError` fault cannot be sent as HTTP: drop the connection, as a failing network would.
    if (answer.type === 'error') res.destroy();
    return answer;
  });
  const httpServer = createServer(adapter);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const { port: bound } = httpServer.address() as AddressInfo;
  const local = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  return {
    url: `http://${local ? 'localhost' : host}:${bound}`,
    backend,
    httpServer,
    adminToken,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections(); // also the requests still in flight, such as one held by an infinite delay
      });
      await backend.close();
    },
  };
}

const USAGE = `Usage: npm run mock-server -- [--port 8787] [--host 127.0.0.1] [--origin http://localhost:5173]... [--rp-id localhost] [--admin] [--no-rate-limits]`;

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [process.env.MOCK_ORIGIN ?? 'http://localhost:5173'] },
      'rp-id': { type: 'string', default: 'localhost' },
      admin: { type: 'boolean', default: false },
      'no-rate-limits': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const running = await startMockHttpServer({
    port: Number(values.port),
    host: values.host,
    origins: values.origin.map((origin) => origin.replace(/\/+$/, '')),
    rpID: values['rp-id'],
    admin: values.admin,
    ...(values['no-rate-limits'] ? { rateLimits: false as const } : {}),
  });
  const { apiPath, recoveryPath } = running.backend.server.options;
  console.log(`passkey-elements mock backend on ${running.url}${apiPath} (recovery: ${running.url}${recoveryPath})`);
  console.log(`  pages: ${values.origin.join(', ')}; everything is kept in memory and forgotten when it stops`);
  if (running.adminToken) {
    console.log(`  admin: ${running.url}${ADMIN_BASE}/outbox, /store, /reset, /faults/<endpoint>, /latency`);
    console.log(`  admin token (send it as Authorization: Bearer <token>): ${running.adminToken}`);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void running.close().then(() => process.exit(0)));
}
