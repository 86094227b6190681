import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PasskeyError, type PasskeyClient, type PasskeyCredential, type RegistrationResult } from '../../client/index.ts';
import { PasskeyCredentialDeletedEvent, PasskeyCredentialRenamedEvent, PasskeyErrorEvent, PasskeyRegisteredEvent } from '../shared/events.ts';
import { fetchSession, type PasskeySession } from '../shared/session.ts';
import { signalAcceptedCredentials, signalCurrentUser, signalDeletedCredential } from '../shared/signals.ts';
import type { KnownAuthenticator } from './authenticators.ts';
import { isKnownLooking } from './format.ts';

/** `loading` until the first answer; then `ready`, `error` (with a retry) or `unauthorized` (nobody signed in). */
export const LIST_STATES = ['loading', 'ready', 'error', 'unauthorized'] as const;
export type ListState = (typeof LIST_STATES)[number];

export interface CredentialsOptions {
  /** The client to use now. */
  client: () => PasskeyClient;
  /** The RP ID the Signal API calls name. */
  rpId: () => string;
}

type Lookup = (aaguid: string) => KnownAuthenticator | undefined;

/**
 * The signed-in person's passkeys and what is being done to them: loads the list (and who is signed in),
 * renames, deletes and adds, one request per passkey at a time; fires the kit's events; and tells the passkey
 * provider what changed through the Signal API. The element renders this state and keeps the UI state.
 */
export class CredentialsController implements ReactiveController {
  state: ListState = 'loading';
  /** A request for the list is on its way (the first one, a refresh, or a retry). */
  loading = false;
  credentials: PasskeyCredential[] = [];
  /** Why the list could not be loaded, while `state` is `error` or `unauthorized`. */
  error: PasskeyError | undefined;
  session: PasskeySession | undefined;
  /** When the list arrived: relative dates are counted from here, so they do not change on every render. */
  loadedAt = Date.now();
  /** The AAGUID table, once it was needed and loaded. */
  provider: Lookup | undefined;
  /** The passkeys with a rename or delete on its way. */
  readonly busy = new Set<string>();
  adding = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CredentialsOptions;
  #load: AbortController | undefined;
  #add: AbortController | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CredentialsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#load?.abort();
    this.#add?.abort();
  }

  /** Loads the list and the session; resolves once the new state is rendered. Never rejects. */
  async load(): Promise<void> {
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    const { signal } = controller;
    this.loading = true;
    this.#host.requestUpdate();
    try {
      const client = this.#options.client();
      const [credentials, session] = await Promise.all([client.listCredentials({ signal }), fetchSession(client, signal)]);
      const provider = await this.#providerFor(credentials);
      if (signal.aborted) return;
      this.credentials = credentials;
      this.session = session;
      this.provider = provider;
      this.state = 'ready';
      this.error = undefined;
      this.loadedAt = Date.now();
      const handle = session?.userHandle;
      if (handle) {
        const rpId = this.#options.rpId();
        signalAcceptedCredentials(rpId, handle, credentials.map(({ id }) => id));
        signalCurrentUser(rpId, handle, session.username, session.displayName ?? session.username);
      }
    } catch (error) {
      if (signal.aborted) return;
      this.#failed(toPasskeyError(error));
    } finally {
      if (this.#load === controller) {
        this.#load = undefined;
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
    await this.#host.updateComplete;
  }

  /** Renames a passkey; resolves with the error, if it failed (already reported through `passkey-error`). */
  async rename(id: string, name: string): Promise<PasskeyError | undefined> {
    return this.#change(id, async (client) => {
      const updated = await client.renameCredential(id, name);
      const saved = typeof updated.name === 'string' && updated.name ? updated.name : name;
      // In place, like the delete: the element re-renders this one row, not the list.
      const credential = this.credentials.find((candidate) => candidate.id === id);
      if (credential) Object.assign(credential, updated, { name: saved });
      this.#host.dispatchEvent(new PasskeyCredentialRenamedEvent({ credentialId: id, name: saved }));
    });
  }

  /** Deletes a passkey; resolves with the error, if it failed (already reported through `passkey-error`). */
  async remove(id: string): Promise<PasskeyError | undefined> {
    return this.#change(id, async (client) => {
      await client.deleteCredential(id);
      const index = this.credentials.findIndex((credential) => credential.id === id);
      if (index >= 0) this.credentials.splice(index, 1);
      this.#host.dispatchEvent(new PasskeyCredentialDeletedEvent({ credentialId: id }));
      // The whole accepted list is what providers act on; without the user handle, say which one went.
      const handle = this.session?.userHandle;
      const rpId = this.#options.rpId();
      if (handle) signalAcceptedCredentials(rpId, handle, this.credentials.map((credential) => credential.id));
      else signalDeletedCredential(rpId, id);
    });
  }

  /**
   * Registers another passkey for `username` (the server excludes the ones the account has), then reloads the
   * list. Resolves with the result, or the error (already reported through `passkey-error`).
   */
  async add(username: string): Promise<RegistrationResult | PasskeyError | undefined> {
    if (this.adding) return undefined;
    const controller = new AbortController();
    this.#add = controller;
    this.adding = true;
    this.#host.requestUpdate();
    try {
      const result = await this.#options.client().register({ username, signal: controller.signal });
      this.#host.dispatchEvent(new PasskeyRegisteredEvent(result));
      await this.load();
      return result;
    } catch (error) {
      const failure = toPasskeyError(error);
      // A dismissed prompt is reported too (as by the ceremony elements); the element just shows nothing for it.
      if (!controller.signal.aborted) this.#report(failure);
      return failure;
    } finally {
      this.#add = undefined;
      this.adding = false;
      this.#host.requestUpdate();
    }
  }

  async #change(id: string, run: (client: PasskeyClient) => Promise<void>): Promise<PasskeyError | undefined> {
    if (this.busy.has(id)) return undefined;
    this.busy.add(id);
    this.#host.requestUpdate();
    try {
      await run(this.#options.client());
      return undefined;
    } catch (error) {
      const failure = toPasskeyError(error);
      if (failure.code === 'unauthorized') this.#failed(failure);
      else this.#report(failure);
      return failure;
    } finally {
      this.busy.delete(id);
      this.#host.requestUpdate();
    }
  }

  /** The list cannot be shown: nobody is signed in (any more), or the server failed. */
  #failed(error: PasskeyError): void {
    this.state = error.code === 'unauthorized' ? 'unauthorized' : 'error';
    this.error = error;
    if (this.state === 'unauthorized') this.credentials = [];
    this.#report(error);
  }

  #report(error: PasskeyError): void {
    this.#host.dispatchEvent(new PasskeyErrorEvent(error.toDetail()));
  }

  /**
   * The AAGUID table is a module of its own, imported only when a passkey without a name of its own has an
   * AAGUID that could be in it: lists where every passkey is named never load it. If it fails to load,
   * passkeys get default names.
   */
  async #providerFor(credentials: PasskeyCredential[]): Promise<Lookup | undefined> {
    if (this.provider) return this.provider;
    if (!credentials.some((credential) => !credential.name && isKnownLooking(credential.aaguid))) return undefined;
    return import('./authenticators.ts').then(
      (module) => module.knownAuthenticator,
      () => undefined,
    );
  }
}

function toPasskeyError(error: unknown): PasskeyError {
  if (error instanceof PasskeyError) return error;
  return new PasskeyError('unknown', error instanceof Error ? error.message : String(error), { phase: 'manage', cause: error });
}
