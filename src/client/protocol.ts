import type { PasskeyPhase } from './errors.ts';

/**
 * The wire protocol, in one table: every endpoint the kit calls, with its method, its path under its base URL,
 * which base that is (`api`: `apiUrl`; `recovery`: `recoveryUrl`) and the phase its failures report. The client,
 * the server, the mock and the tests all read this table; no endpoint path is written anywhere else.
 *
 * `optional` endpoints extend the implementation guide's protocol: a backend may lack them, and the kit works
 * without them.
 */
export const PROTOCOL = {
  'register/options': { method: 'POST', path: '/register/options', base: 'api', phase: 'options' },
  'register/verify': { method: 'POST', path: '/register/verify', base: 'api', phase: 'verify' },
  'authenticate/options': { method: 'POST', path: '/authenticate/options', base: 'api', phase: 'options' },
  'authenticate/verify': { method: 'POST', path: '/authenticate/verify', base: 'api', phase: 'verify' },
  'credentials/list': { method: 'GET', path: '/credentials', base: 'api', phase: 'manage' },
  'credentials/rename': { method: 'PATCH', path: '/credentials/:id', base: 'api', phase: 'manage', optional: true },
  'credentials/delete': { method: 'DELETE', path: '/credentials/:id', base: 'api', phase: 'manage' },
  session: { method: 'GET', path: '/session', base: 'api', phase: 'manage', optional: true },
  'session/end': { method: 'DELETE', path: '/session', base: 'api', phase: 'manage', optional: true },
  'recovery/send': { method: 'POST', path: '/recovery/send', base: 'recovery', phase: 'recovery' },
} as const satisfies Record<string, EndpointSpec>;

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under the base URL; `:id` is a credential id, URL-encoded. */
  path: string;
  base: 'api' | 'recovery';
  phase: PasskeyPhase;
  /** Beyond the implementation guide: a backend may not have it. */
  optional?: boolean;
}

/** The protocol endpoint a request is for, as `onRequest`, fault injection and the server name it. */
export type PasskeyEndpoint = keyof typeof PROTOCOL;

export const PASSKEY_ENDPOINTS = /* @__PURE__ */ Object.keys(PROTOCOL) as PasskeyEndpoint[];

/** The guide's base of the ceremony and credential endpoints. */
export const DEFAULT_API_URL = '/api/passkey';
/** The guide's base of `/recovery/send`, on the origin of the API. */
export const DEFAULT_RECOVERY_PATH = '/api/auth';

/** The two base URLs a client or server works with. */
export interface ProtocolBases {
  apiUrl: string;
  recoveryUrl: string;
}

/**
 * The default `recoveryUrl` for an `apiUrl`: the guide's `/api/auth` on the API's origin. A relative API
 * (`/api/passkey`) gives the relative `/api/auth`; `http://localhost:3001/api/passkey` gives
 * `http://localhost:3001/api/auth`.
 */
export function defaultRecoveryUrl(apiUrl: string): string {
  const origin = /^[a-z][a-z\d+.-]*:\/\/[^/?#]+/i.exec(apiUrl)?.[0];
  return origin ? origin + DEFAULT_RECOVERY_PATH : DEFAULT_RECOVERY_PATH;
}

/** The URL of `endpoint`, its `:id` filled in (encoded). */
export function endpointUrl(endpoint: PasskeyEndpoint, bases: ProtocolBases, id?: string): string {
  const spec: EndpointSpec = PROTOCOL[endpoint];
  const base = trimSlash(spec.base === 'api' ? bases.apiUrl : bases.recoveryUrl);
  return base + spec.path.replace(':id', encodeURIComponent(id ?? ''));
}

/**
 * Which endpoint a request is, from its method and its path. `bases` are paths (`/api/passkey`); the answer
 * carries the decoded `:id`. Undefined for anything else, and for an `:id` that does not decode.
 */
export function matchEndpoint(
  method: string,
  pathname: string,
  bases: ProtocolBases,
): { endpoint: PasskeyEndpoint; id?: string } | undefined {
  for (const endpoint of PASSKEY_ENDPOINTS) {
    const spec: EndpointSpec = PROTOCOL[endpoint];
    if (spec.method !== method) continue;
    const base = trimSlash(spec.base === 'api' ? bases.apiUrl : bases.recoveryUrl);
    const [before, after] = (base + spec.path).split(':id');
    if (after === undefined) {
      if (pathname === before) return { endpoint };
      continue;
    }
    if (!pathname.startsWith(before!) || !pathname.endsWith(after)) continue;
    const raw = pathname.slice(before!.length, pathname.length - after.length);
    if (raw === '' || raw.includes('/')) continue;
    try {
      return { endpoint, id: decodeURIComponent(raw) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
