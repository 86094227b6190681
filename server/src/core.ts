import type { Decoys } from './decoys.ts';
import type { EventInput } from './events.ts';
import type { PasskeyEndpoint } from './kit.ts';
import type { ResolvedOptions } from './options.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { JsonObject } from './request-body.ts';
import type { ActiveSession, Sessions } from './sessions.ts';
import type { PasskeyStore } from './store.ts';

/** What every handler works with: the resolved options and the server's parts. */
export interface Core {
  readonly options: ResolvedOptions;
  readonly store: PasskeyStore;
  readonly now: () => number;
  readonly sessions: Sessions;
  readonly limits: RateLimiter;
  readonly decoys: Decoys;
  emit(call: Call, event: EventInput): void;
  /** Work that outlives the response (a recovery mail): `close()` waits for it, failures never reach the client. */
  background(task: Promise<unknown>): void;
}

/** One request, as a handler sees it. */
export interface Call {
  readonly request: Request;
  readonly endpoint: PasskeyEndpoint;
  /** The `:id` of the path, decoded. */
  readonly id: string | undefined;
  readonly ip: string | undefined;
  /** The JSON body (`{}` for endpoints without one). */
  readonly body: JsonObject;
  /** The request's `Cookie` header (or what the adapter gave instead). */
  readonly cookieHeader: string | undefined;
  /** The live session the request carries, when the endpoint looks at sessions. */
  readonly session: ActiveSession | undefined;
  /** The session `Set-Cookie` the response carries: a sign-in's new session, a sign-out, a renewal. */
  setCookie: string | undefined;
}

export type Handler = (core: Core, call: Call) => Promise<unknown>;
