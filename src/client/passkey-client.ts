import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { fromAbort, fromCeremonyError, PasskeyError, type PasskeyPhase } from './errors.ts';
import { requestJson, type Call, type HttpSettings } from './http.ts';
import { signalUnknownCredential } from './signals.ts';
import type {
  AuthenticateInput,
  AuthenticationResult,
  PasskeyClientOptions,
  PasskeyCredential,
  PasskeySession,
  RegisterInput,
  RegistrationResult,
  RequestOptions,
  ServerJson,
} from './types.ts';

const DEFAULT_TIMEOUT = 30_000;

/**
 * Talks the passkey protocol to your backend and runs the browser ceremonies.
 * One ceremony at a time per client: starting one aborts the one in flight (autofill and a button can compete).
 */
export class PasskeyClient {
  readonly apiUrl: string;
  readonly recoveryUrl: string;
  readonly #http: HttpSettings;
  #ceremony: AbortController | undefined;

  constructor(options: PasskeyClientOptions = {}) {
    this.apiUrl = trimSlash(options.apiUrl ?? '/api/passkey');
    this.recoveryUrl = trimSlash(options.recoveryUrl ?? '/api/auth');
    const { headers } = options;
    this.#http = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      headers: () => (typeof headers === 'function' ? headers() : headers),
      credentials: options.credentials ?? 'same-origin',
      timeout: options.timeout ?? DEFAULT_TIMEOUT,
      onRequest: options.onRequest,
    };
  }

  /** Creates a passkey for `username` and has the server verify and store it. */
  async register(input: RegisterInput): Promise<RegistrationResult> {
    const ceremony = this.#beginCeremony(input.signal);
    const { signal } = ceremony;
    try {
      assertWebAuthn();
      const { username, displayName = username, userId, recoveryToken } = input;
      const options = await this.#call({
        endpoint: 'register/options',
        phase: 'options',
        method: 'POST',
        url: `${this.apiUrl}/register/options`,
        body: { username, displayName, ...(userId ? { userId } : {}), ...(recoveryToken ? { recoveryToken } : {}) },
        signal,
      });
      const optionsJSON = expectCreationOptions(options);
      const credential = await runCeremony(signal, 'create', () => startRegistration({ optionsJSON }));
      const response = expectVerified(
        await this.#call({
          endpoint: 'register/verify',
          phase: 'verify',
          method: 'POST',
          url: `${this.apiUrl}/register/verify`,
          body: { username, credential, ...(recoveryToken ? { recoveryToken } : {}) },
          signal,
        }),
      );
      return {
        userId: String(response.userId),
        username: typeof response.username === 'string' ? response.username : username,
        credentialId: typeof response.credentialId === 'string' ? response.credentialId : credential.id,
        response,
      };
    } finally {
      this.#endCeremony(ceremony);
    }
  }

  /** Signs in: with `username`, username-less (discoverable credential), or through autofill with `mediation: 'conditional'`. */
  async authenticate(input: AuthenticateInput = {}): Promise<AuthenticationResult> {
    const ceremony = this.#beginCeremony(input.signal);
    const { signal } = ceremony;
    try {
      assertWebAuthn();
      const conditional = input.mediation === 'conditional';
      if (conditional && !(await browserSupportsWebAuthnAutofill())) {
        throw new PasskeyError('not-supported', 'This browser cannot offer passkeys in autofill', { phase: 'ceremony' });
      }
      const username = input.username || undefined;
      const options = await this.#call({
        endpoint: 'authenticate/options',
        phase: 'options',
        method: 'POST',
        url: `${this.apiUrl}/authenticate/options`,
        body: username ? { username } : {},
        signal,
      });
      const optionsJSON = expectRequestOptions(options);
      const credential = await runCeremony(signal, 'get', () =>
        startAuthentication({
          optionsJSON,
          useBrowserAutofill: conditional,
          verifyBrowserAutofillInput: input.verifyBrowserAutofillInput ?? true,
        }),
      );
      let response: ServerJson;
      try {
        response = expectVerified(
          await this.#call({
            endpoint: 'authenticate/verify',
            phase: 'verify',
            method: 'POST',
            url: `${this.apiUrl}/authenticate/verify`,
            body: { ...(username ? { username } : {}), credential },
            signal,
          }),
        );
      } catch (error) {
        // Tell the passkey provider to hide a passkey the server no longer knows (WebAuthn L3 §5.1.10).
        if (error instanceof PasskeyError && error.code === 'unknown-credential') {
          await signalUnknownCredential(optionsJSON.rpId ?? location.hostname, credential.id);
        }
        throw error;
      }
      return {
        userId: String(response.userId),
        username: typeof response.username === 'string' ? response.username : (username ?? ''),
        response,
      };
    } finally {
      this.#endCeremony(ceremony);
    }
  }

  /** The signed-in user's passkeys. */
  async listCredentials(options: RequestOptions = {}): Promise<PasskeyCredential[]> {
    const list = await this.#call({
      endpoint: 'credentials/list',
      phase: 'manage',
      method: 'GET',
      url: `${this.apiUrl}/credentials`,
      signal: options.signal,
    });
    if (!Array.isArray(list) || !list.every(isCredential)) {
      throw new PasskeyError('invalid-response', 'The credential list is not a list of passkeys', { phase: 'manage' });
    }
    return list;
  }

  /** Renames one of the signed-in user's passkeys; returns it as the server now has it. */
  async renameCredential(id: string, name: string, options: RequestOptions = {}): Promise<PasskeyCredential> {
    const updated = await this.#call({
      endpoint: 'credentials/rename',
      phase: 'manage',
      method: 'PATCH',
      url: `${this.apiUrl}/credentials/${encodeURIComponent(id)}`,
      body: { name },
      signal: options.signal,
      allowEmpty: true,
    });
    return isCredential(updated) ? updated : { id, name };
  }

  async deleteCredential(id: string, options: RequestOptions = {}): Promise<void> {
    await this.#call({
      endpoint: 'credentials/delete',
      phase: 'manage',
      method: 'DELETE',
      url: `${this.apiUrl}/credentials/${encodeURIComponent(id)}`,
      signal: options.signal,
      allowEmpty: true,
    });
  }

  /**
   * The signed-in user from `GET {apiUrl}/session`, or `undefined` when nobody is signed in (401/403/404:
   * the guide's servers have no such endpoint). Other failures throw as usual.
   */
  async getSession(options: RequestOptions = {}): Promise<PasskeySession | undefined> {
    let body: unknown;
    try {
      body = await this.#call({ endpoint: 'session', phase: 'manage', method: 'GET', url: `${this.apiUrl}/session`, signal: options.signal });
    } catch (error) {
      if (error instanceof PasskeyError && (error.code === 'unauthorized' || error.status === 404)) return undefined;
      throw error;
    }
    if (!isObject(body) || typeof body.username !== 'string' || !body.username) return undefined;
    const text = (key: string) => (typeof body[key] === 'string' && body[key] ? (body[key] as string) : undefined);
    return { username: body.username, userId: text('userId'), displayName: text('displayName'), userHandle: text('userHandle') };
  }

  /** Asks for a recovery link. The answer is the same whether or not the account exists. */
  async requestRecovery(username: string, options: RequestOptions = {}): Promise<void> {
    await this.#call({
      endpoint: 'recovery/send',
      phase: 'recovery',
      method: 'POST',
      url: `${this.recoveryUrl}/recovery/send`,
      body: { username },
      signal: options.signal,
      allowEmpty: true,
    });
  }

  /** Aborts the ceremony in flight, if any; it rejects with code `aborted`. */
  abort(reason = 'The ceremony was aborted'): void {
    this.#ceremony?.abort(new DOMException(reason, 'AbortError'));
  }

  #call(call: Call): Promise<unknown> {
    return requestJson(this.#http, call);
  }

  /** Aborts the ceremony in flight and starts tracking a new one; returns its controller. */
  #beginCeremony(callerSignal: AbortSignal | undefined): AbortController {
    this.abort('A newer ceremony started');
    const controller = new AbortController();
    this.#ceremony = controller;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true, signal: controller.signal });
    return controller;
  }

  #endCeremony(controller: AbortController): void {
    if (this.#ceremony === controller) this.#ceremony = undefined;
  }
}

/** Runs the browser part of a ceremony, cancelling it when `signal` aborts. */
async function runCeremony<T>(signal: AbortSignal, kind: 'create' | 'get', run: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw fromAbort(signal, 'ceremony');
  const cancel = () => WebAuthnAbortService.cancelCeremony();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return await run();
  } catch (error) {
    if (signal.aborted) throw fromAbort(signal, 'ceremony', error);
    throw fromCeremonyError(error, kind);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function assertWebAuthn(): void {
  if (!browserSupportsWebAuthn()) {
    throw new PasskeyError('not-supported', 'This browser does not support passkeys', { phase: 'ceremony' });
  }
}

function invalid(message: string, phase: PasskeyPhase): PasskeyError {
  return new PasskeyError('invalid-response', message, { phase });
}

function isObject(value: unknown): value is ServerJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectCreationOptions(value: unknown): PublicKeyCredentialCreationOptionsJSON {
  const ok =
    isObject(value) &&
    typeof value.challenge === 'string' &&
    isObject(value.rp) &&
    isObject(value.user) &&
    typeof value.user.id === 'string' &&
    Array.isArray(value.pubKeyCredParams);
  if (!ok) throw invalid('The registration options are incomplete (challenge, rp, user or pubKeyCredParams missing)', 'options');
  return value as unknown as PublicKeyCredentialCreationOptionsJSON;
}

function expectRequestOptions(value: unknown): PublicKeyCredentialRequestOptionsJSON {
  if (!isObject(value) || typeof value.challenge !== 'string') {
    throw invalid('The sign-in options are incomplete (challenge missing)', 'options');
  }
  return value as unknown as PublicKeyCredentialRequestOptionsJSON;
}

function expectVerified(value: unknown): ServerJson {
  if (!isObject(value)) throw invalid('The verification answer is not a JSON object', 'verify');
  if (value.verified !== true) {
    const reason = typeof value.error === 'string' ? value.error : 'The server could not verify the passkey';
    throw new PasskeyError('verification-failed', reason, { phase: 'verify' });
  }
  if (typeof value.userId !== 'string' && typeof value.userId !== 'number') {
    throw invalid('The verification answer has no userId', 'verify');
  }
  return value;
}

function isCredential(value: unknown): value is PasskeyCredential {
  return isObject(value) && typeof value.id === 'string';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
