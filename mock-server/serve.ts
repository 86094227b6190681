import { createServer, type Server } from 'node:http';
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

/**
 * The mock backend as a real HTTP server on localhost, for apps in other frameworks and for curl.
 * `origins` are both the pages allowed by CORS (with cookies) and the origins a ceremony may come from.
 */
export async function startMockHttpServer(options: MockHttpServerOptions = {}): Promise<MockHttpServer> {
  const origins = options.origins ?? ['http://localhost:5173'];
  const backend = createMockBackend({ ...options, origins });
  const handlers = [...backend.handlers, ...createAdminHandlers(backend)];
  const adapter = createServerAdapter(
    async (request: Request) =>
      (await getResponse(handlers, request)) ?? Response.json({ error: 'Not found' }, { status: 404 }),
    {
      plugins: [
        useCORS({
          origin: origins,
          credentials: true,
          methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
          allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-requested-with'],
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
