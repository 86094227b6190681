import { createServer, type Server, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { createServerAdapter, useCORS } from '@whatwg-node/server';
import { getResponse } from 'msw';
import { createAdminHandlers } from './admin.ts';
import { createMockBackend, type MockBackend, type MockBackendOptions } from './index.ts';

export interface MockHttpServerOptions extends MockBackendOptions {
  port?: number;
  host?: string;
}

export interface MockHttpServer {
  readonly url: string;
  readonly backend: MockBackend;
  readonly server: Server;
  close(): Promise<void>;
}

const MAX_URL_LENGTH = 8192;

/**
 * The mock backend as a real HTTP server on localhost, for apps in other frameworks and for curl.
 * `origins` are both the pages allowed by CORS (with cookies) and the origins a ceremony may come from.
 */
export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const origins = options.origins ?? ['http://localhost:5173'];
  const backend = createMockBackend({ ...options, origins });
  const handlers = [...backend.handlers, ...createAdminHandlers(backend)];
  const adapter = createServerAdapter<{ res: ServerResponse }>(
    async (request, { res }) => {
      // msw's URL matcher throws on longer URLs, which would be a 500.
      if (request.url.length > MAX_URL_LENGTH) return Response.json({ error: 'URL too long' }, { status: 414 });
      const response = (await getResponse(handlers, request)) ?? Response.json({ error: 'Not found' }, { status: 404 });
      // A `networkError` fault (Response.error()) cannot be sent as HTTP: drop the connection, as a failing network would.
      if (response.type === 'error') res.destroy();
      else response.headers.append('vary', 'Origin'); // the CORS headers depend on it
      return response;
    },
    {
      plugins: [
        // Only the configured pages get CORS headers: others (and sandboxed `null` origins) get none, so their browser blocks them.
        useCORS((request) => {
          const origin = request.headers.get('origin');
          if (!origin || !origins.includes(origin)) return false;
          return {
            origin,
            credentials: true,
            methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
            allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-requested-with'],
          };
        }),
      ],
    },
  );
  const server = createServer(adapter);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    backend,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // also the requests still in flight, such as one held by an infinite delay
      }),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true, default: [process.env.MOCK_ORIGIN ?? 'http://localhost:5173'] },
      'rp-id': { type: 'string', default: 'localhost' },
    },
  });
  const running = await startMockHttpServer({
    port: Number(values.port),
    host: values.host,
    origins: values.origin,
    rpID: values['rp-id'],
  });
  console.log(`passkey mock backend on ${running.url}/api/passkey (recovery: ${running.url}/api/auth)`);
  console.log(`accepting pages from ${values.origin.join(', ')}; outbox at ${running.url}/__mock/outbox`);
}
