import type { Call, Core } from './core.ts';
import { addCors, allowedOrigin, preflightHeaders, withCors } from './cors.ts';
import { Decoys } from './decoys.ts';
import { PasskeyHttpError, refuse } from './errors.ts';
import type { EventInput, PasskeyServerEvent } from './events.ts';
import { matchEndpoint, type PasskeyEndpoint, type ProtocolBases } from './kit.ts';
import { resolveOptions, type PasskeyServerOptions, type ResolvedOptions } from './options.ts';
import { RateLimiter } from './rate-limits.ts';
import { isJsonContentType, parseJsonObject, readBodyText } from './request-body.ts';
import { ROUTES } from './routes.ts';
import { Sessions } from './sessions.ts';
import type { PasskeyStore } from './store.ts';

/** What an adapter knows about the request beyond the `Request` itself. */
export interface RequestContext {
  /** The client's address (the socket's, or the proxy's `X-Forwarded-For` when trusted): the rate limits' key. */
  clientIp?: string | undefined;
  /**
   * The `Cookie` header, for runtimes whose `Request` cannot carry one (in a service worker it is a forbidden
   * header). Default: the request's own.
   */
  cookieHeader?: string | undefined;
  /**
   * Receives the session `Set-Cookie` of the answer, for runtimes whose `Response` cannot carry one (a page's script
   * cannot set it). The answer carries it as a header all the same.
   */
  onSetCookie?: ((setCookie: string) => void) | undefined;
  /**
   * The `Response` class to answer with. Default: the global one. The Node and Express adapters pass whatwg-node's
   * own, which they write to the socket as it is, without reading a stream back.
   */
  Response?: typeof Response | undefined;
}

export interface PasskeyServer {
  /** The fetch-standard handler of the whole protocol. */
  fetch(request: Request, context?: RequestContext): Promise<Response>;
  /** Whether a URL (or path) is one of the server's endpoints, whatever the method: adapters pass others on. */
  handles(url: string): boolean;
  readonly store: PasskeyStore;
  readonly options: ResolvedOptions;
  /** Deletes every expired challenge, session, recovery token and rate-limit window now. */
  sweep(): Promise<void>;
  /** Stops the periodic sweep and waits for work still running (recovery mails). Does not close the store. */
  close(): Promise<void>;
}

/** An answer of the server's own, before CORS: its status, its JSON text (none for a preflight) and its headers. */
interface Answer {
  status: number;
  json: string | null;
  headers: Record<string, string>;
}
/** An answer `beforeHandle` forced: sent as it is, with CORS added. */
interface Forced {
  forced: Response;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'];
const MAX_URL_LENGTH = 8192;

/**
 * A hardened passkey server on @simplewebauthn/server: the protocol of src/client/protocol.ts as a fetch-standard
 * handler over any `PasskeyStore`. Runs in Node, in other runtimes and in a browser's service worker alike.
 */
export function createPasskeyServer(given: PasskeyServerOptions): PasskeyServer {
  const options = resolveOptions(given);
  const { store } = given;
  const now = given.now ?? Date.now;
  const bases: ProtocolBases = { apiUrl: options.apiPath, recoveryUrl: options.recoveryPath };
  const pending = new Set<Promise<unknown>>();
  const onEvent = given.onEvent;

  const publish = (event: PasskeyServerEvent) => {
    if (!onEvent) return;
    try {
      onEvent(event);
    } catch {
      // A failing log sink must not fail the request.
    }
  };
  const emit = (call: { ip: string | undefined; endpoint: PasskeyEndpoint | undefined } | undefined, event: EventInput) =>
    publish({ time: now(), ip: call?.ip, endpoint: call?.endpoint, ...event } as PasskeyServerEvent);
  const background = (task: Promise<unknown>) => {
    const tracked = task.catch((error: unknown) => emit(undefined, { type: 'error', error })).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  const core: Core = {
    options,
    store,
    now,
    sessions: new Sessions(store, options.cookie, options.sessionTtlMs, now),
    limits: new RateLimiter(store, options.rateLimits, now),
    decoys: new Decoys(given.secret),
    emit,
    background,
  };

  let ready: Promise<void> | undefined;
  const migrated = () => {
    ready ??= store.migrate().catch((error: unknown) => {
      ready = undefined; // the next request tries again
      throw error;
    });
    return ready;
  };

  let lastSweep = now();
  const sweep = () => {
    lastSweep = now();
    return store.sweep(lastSweep);
  };
  const sweepIfDue = () => {
    if (options.sweepIntervalMs !== false && now() - lastSweep >= options.sweepIntervalMs) background(sweep());
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.sweepIntervalMs !== false) {
    timer = setInterval(sweepIfDue, options.sweepIntervalMs);
    (timer as { unref?: () => void }).unref?.(); // a Node process may exit while the server idles
  }

  const methodsAt = (pathname: string) => METHODS.filter((method) => matchEndpoint(method, pathname, bases));

  /** Answers a request or throws its refusal; `where` learns the endpoint once it is known. */
  async function handle(
    request: Request,
    context: RequestContext,
    where: { ip: string | undefined; endpoint: PasskeyEndpoint | undefined },
    url: URL,
    origin: string | undefined,
  ): Promise<Answer | Forced> {
    const { ip } = where;
    if (request.method === 'OPTIONS') {
      if (methodsAt(url.pathname).length === 0) throw refuse('not-found', `no endpoint at ${url.pathname}`);
      return { status: 204, json: null, headers: preflightHeaders(request, origin) };
    }
    const match = matchEndpoint(request.method, url.pathname, bases);
    if (!match) {
      const allowed = methodsAt(url.pathname);
      if (allowed.length === 0) throw refuse('not-found', `no endpoint at ${url.pathname}`);
      throw new PasskeyHttpError('method-not-allowed', `${request.method} ${url.pathname}`, { headers: { allow: allowed.join(', ') } });
    }
    const endpoint: PasskeyEndpoint = match.endpoint;
    const route = ROUTES[endpoint];
    where.endpoint = endpoint;
    const forced = await given.beforeHandle?.(request, endpoint);
    if (forced) return { forced };
    await migrated();
    sweepIfDue();

    // Login CSRF and its kin: a state-changing request from another site is refused before anything is read.
    if (!SAFE_METHODS.has(request.method)) {
      if (request.headers.get('sec-fetch-site') === 'cross-site') throw refuse('forbidden-origin', 'Sec-Fetch-Site: cross-site');
      const sent = request.headers.get('origin');
      if (sent !== null && origin === undefined) throw refuse('forbidden-origin', `Origin ${sent.slice(0, 200)} is not allowed`);
    }
    // A form can post text/plain or urlencoded bodies cross-site without a preflight; JSON needs one.
    if (route.body && !isJsonContentType(request)) {
      throw refuse('unsupported-media-type', `Content-Type ${request.headers.get('content-type') ?? '(none)'}`);
    }
    if (route.limit) await core.limits.ip(route.limit, ip);
    const body = route.body ? parseJsonObject(await readBodyText(request, options.maxBodyBytes)) : {};
    const cookieHeader = context.cookieHeader ?? request.headers.get('cookie') ?? undefined;
    const session = route.session === 'none' ? undefined : await core.sessions.resolve(cookieHeader);
    if (route.session === 'required' && !session) throw refuse('unauthorized', 'no live session');

    const call: Call = { request, endpoint, id: match.id, ip, body, cookieHeader, session, setCookie: session?.renewedCookie };
    const json = JSON.stringify(await route.handle(core, call));
    if (json === undefined) throw new TypeError(`${endpoint} answered nothing`);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (call.setCookie) {
      headers['set-cookie'] = call.setCookie;
      context.onSetCookie?.(call.setCookie);
    }
    return { status: 200, json, headers };
  }

  return {
    store,
    options,
    async fetch(request, context = {}) {
      let answer: Answer | Forced;
      const origin = allowedOrigin(request, options.origins);
      const where = { ip: context.clientIp, endpoint: undefined as PasskeyEndpoint | undefined };
      try {
        if (request.url.length > MAX_URL_LENGTH) throw refuse('uri-too-long');
        answer = await handle(request, context, where, new URL(request.url), origin);
      } catch (error) {
        answer = errorAnswer(error);
        if (error instanceof PasskeyHttpError) emit(where, { type: 'refused', status: error.status, code: error.code, reason: error.reason });
        else emit(where, { type: 'error', error });
      }
      if ('forced' in answer) {
        if (answer.forced.type === 'error') return answer.forced; // a forced network error: nothing to add
        return withCors(mutable(answer.forced), origin);
      }
      // Every answer is private to the person and never cached.
      const headers = addCors(Object.assign(answer.headers, { 'cache-control': 'no-store' }), origin);
      const ResponseClass = context.Response ?? Response;
      return new ResponseClass(answer.json, { status: answer.status, headers });
    },
    handles(url) {
      try {
        return methodsAt(new URL(url, 'http://localhost').pathname).length > 0;
      } catch {
        return false;
      }
    },
    sweep,
    async close() {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

function errorAnswer(error: unknown): Answer {
  const refusal = error instanceof PasskeyHttpError ? error : refuse('internal');
  const json = JSON.stringify({ error: refusal.message, code: refusal.code });
  return { status: refusal.status, json, headers: { ...refusal.headers, 'content-type': 'application/json' } };
}

/** A forced answer is private to the person and never cached, like the server's own. */
function mutable(response: Response): Response {
  try {
    response.headers.set('cache-control', 'no-store');
    return response;
  } catch {
    // Immutable headers (a forced answer made by fetch()): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set('cache-control', 'no-store');
    return copy;
  }
}
