import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PasskeyClient } from '../client/passkey-client.ts';
import { PasskeyError } from '../client/errors.ts';
import type { AuthenticateInput, AuthenticationResult, PasskeyClientOptions, RegisterInput, RegistrationResult } from '../client/types.ts';

/** Where the last ceremony of a `usePasskey()` is: the same four states as the elements' `state` attribute. */
export type PasskeyState = 'idle' | 'busy' | 'success' | 'error';

export interface UsePasskeyOptions extends PasskeyClientOptions {
  /** A `PasskeyClient` of your own; then the other options are not used. */
  client?: PasskeyClient | undefined;
}

export interface UsePasskey {
  /**
   * Creates a passkey and has the server verify it. Resolves with the server's answer, or with `undefined` when it
   * failed, was aborted or the component unmounted (`error` says why): it never rejects, so a click handler can
   * call it without a `catch`.
   */
  register(input: RegisterInput): Promise<RegistrationResult | undefined>;
  /** Signs in: with `username`, username-less, or through autofill with `mediation: 'conditional'`. Resolves as `register` does. */
  authenticate(input?: AuthenticateInput): Promise<AuthenticationResult | undefined>;
  /** `busy` from a call until it settles, then `success` or `error`. */
  state: PasskeyState;
  /** Why the last ceremony failed (`error.code`: `cancelled` when the person closed the prompt…); undefined otherwise. */
  error: PasskeyError | undefined;
  /** The client the hook runs on, for `listCredentials()` and the other calls. */
  client: PasskeyClient;
}

/**
 * Passkeys in a React component, as the guide's Step 4 shows them:
 *
 * ```tsx
 * const { register, authenticate, state, error } = usePasskey({ apiUrl: 'http://localhost:3001/api/passkey' });
 * ```
 *
 * Runs on `PasskeyClient` (no elements, no Lit). `register` and `authenticate` keep their identity across renders, so
 * they can go in effect dependencies; a ceremony still in flight when the component unmounts is aborted. The client
 * is made again only when `apiUrl`, `recoveryUrl`, `credentials` or `timeout` change; `fetch`, `headers` and
 * `onRequest` may be new functions on every render, and the latest ones are used.
 *
 * `react` is not a dependency of passkey-elements: the app provides it (React 18 or 19).
 */
export function usePasskey(options: UsePasskeyOptions = {}): UsePasskey {
  const latest = useRef(options);
  latest.current = options;
  const { client: given, apiUrl, recoveryUrl, credentials, timeout } = options;

  const client = useMemo(
    () =>
      given ??
      new PasskeyClient({
        apiUrl,
        recoveryUrl,
        credentials,
        timeout,
        fetch: (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init),
        headers: () => {
          const { headers } = latest.current;
          return typeof headers === 'function' ? headers() : (headers ?? {});
        },
        onRequest: (request) => latest.current.onRequest?.(request),
      }),
    [given, apiUrl, recoveryUrl, credentials, timeout],
  );
  const clientRef = useRef(client);
  clientRef.current = client;

  const [{ state, error }, setStatus] = useState<{ state: PasskeyState; error: PasskeyError | undefined }>({ state: 'idle', error: undefined });
  /** The call in flight: only its outcome may change the state; unmounting aborts it. */
  const current = useRef<AbortController | undefined>(undefined);

  useEffect(
    () => () => {
      current.current?.abort(new DOMException('The component unmounted', 'AbortError'));
      current.current = undefined;
    },
    [],
  );

  const run = useCallback(async <T>(ceremony: (client: PasskeyClient, signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    current.current?.abort(new DOMException('A newer ceremony started', 'AbortError'));
    const controller = new AbortController();
    current.current = controller;
    setStatus({ state: 'busy', error: undefined });
    try {
      const result = await ceremony(clientRef.current, controller.signal);
      if (current.current === controller) setStatus({ state: 'success', error: undefined });
      return result;
    } catch (thrown) {
      if (current.current === controller) setStatus({ state: 'error', error: asPasskeyError(thrown) });
      return undefined;
    } finally {
      if (current.current === controller) current.current = undefined;
    }
  }, []);

  const register = useCallback((input: RegisterInput) => run((client, signal) => client.register({ ...input, signal: both(signal, input.signal) })), [run]);
  const authenticate = useCallback(
    (input: AuthenticateInput = {}) => run((client, signal) => client.authenticate({ ...input, signal: both(signal, input.signal) })),
    [run],
  );

  return { register, authenticate, state, error, client };
}

/** The hook's own signal, and the caller's when there is one. */
function both(own: AbortSignal, callers: AbortSignal | undefined): AbortSignal {
  return callers ? AbortSignal.any([own, callers]) : own;
}

/** The client rejects with `PasskeyError`; anything else (a throwing `onRequest`) is reported as `unknown`. */
function asPasskeyError(thrown: unknown): PasskeyError {
  if (thrown instanceof PasskeyError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new PasskeyError('unknown', message, { phase: 'options', cause: thrown });
}
