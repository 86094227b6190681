import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PasskeyError, type PasskeyClient, type PasskeyCredential, type RegistrationResult } from '../../client/index.ts';
import { PasskeyCredentialDeletedEvent, PasskeyCredentialRenamedEvent, PasskeyErrorEvent, PasskeyRegisteredEvent } from '../shared/events.ts';
import { toPasskeyError } from '../shared/errors.ts';
import { fetchSession, type PasskeySession } from '../shared/session.ts';
import { isProviderAaguid } from './format.ts';
import type { Provider, ProviderIcons } from './providers/provider.ts';

/** `loading` until the first answer; then `ready`, `error` (with a retry) or `unauthorized` (nobody signed in). */
export const LIST_STATES = ['loading', 'ready', 'error', 'unauthorized'] as const;
export type ListState = (typeof LIST_STATES)[number];

export interface CredentialsOptions {
  /** The client to use now. */
  client: () => PasskeyClient;
  /** The RP ID the Signal API calls name. */
  rpId: () => string;
  /** The account "Add a passkey" adds to, when the page names it (the element's `username`). */
  username: () => string | undefined;
}

/** A passkey was added: the server's answer, and the new passkey's id. */
export interface Added {
  result: RegistrationResult;
  credentialId: string;
}

/**
 * Clients whose backend has no `PATCH /credentials/:id` (an extension of the guide's protocol): it answered 404 or 405
 * for a passkey it still lists. Rename is not offered with them again.
 */
const cannotRename = new WeakSet<PasskeyClient>();

/**
 * The signed-in person's passkeys and what is being done to them: loads the list (and who is signed in, and the
 * providers' names and icons it needs), renames, deletes and adds, one request per passkey at a time; fires the kit's
 * events; and tells the passkey provider what changed through the Signal API. The list is replaced, never changed in
 * place, so a row can tell that its passkey changed by identity. The element keeps what the person is doing.
 */
export class CredentialsController implements ReactiveController {
  state: ListState = 'loading';
  /** A request for the list is on its way (the first one, a refresh, or a retry). */
  loading = false;
  credentials: readonly PasskeyCredential[] = [];
  /** Why the list could not be loaded, while `state` is `error` or `unauthorized`. */
  error: PasskeyError | undefined;
  session: PasskeySession | undefined;
  /** When the list arrived: relative dates are counted from here, so they do not change on every render. */
  loadedAt = Date.now();
  /** The providers' table, once a listed passkey's AAGUID needed it. */
  providers: ReadonlyMap<string, Provider> | undefined;
  /** Provider icons as `data:` URIs by AAGUID (lower case), for the providers listed. */
  icons: ReadonlyMap<string, ProviderIcons> = new Map();
  /** The passkeys with a rename or delete on its way. */
  readonly busy = new Set<string>();
  adding = false;
  /** Adding, and the browser's prompt is open (before, the options are on their way). */
  prompting = false;

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

  /** The account "Add a passkey" adds to: the page's `username`, else the one `GET /session` names. */
  get account(): string | undefined {
    return this.#options.username() || this.session?.username;
  }

  /** Whether the backend can rename passkeys, as far as this client has seen. */
  get canRename(): boolean {
    return !cannotRename.has(this.#options.client());
  }

  /** The icons of a passkey's provider, once loaded. */
  iconsOf({ aaguid }: PasskeyCredential): ProviderIcons | undefined {
    return isProviderAaguid(aaguid) ? this.icons.get(aaguid.toLowerCase()) : undefined;
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
      const providers = await this.#providersFor(credentials);
      const icons = await this.#iconsFor(credentials, providers);
      if (signal.aborted) return;
      [this.credentials, this.session, this.providers, this.icons] = [credentials, session, providers, icons];
      [this.state, this.error, this.loadedAt] = ['ready', undefined, Date.now()];
      const handle = session?.userHandle;
      if (handle) {
        const rpId = this.#options.rpId();
        tellProvider((signals) => {
          signals.signalAcceptedCredentials(rpId, handle, credentials.map(({ id }) => id));
          signals.signalCurrentUser(rpId, handle, session.username, session.displayName ?? session.username);
        });
      }
    } catch (error) {
      if (signal.aborted) return;
      this.#failed(toPasskeyError(error, 'manage'));
    } finally {
      if (this.#load === controller) {
        this.#load = undefined;
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
    await this.#host.updateComplete;
  }

  /**
   * Renames a passkey; resolves with the error, if it failed (already reported through `passkey-error`). A backend
   * without `PATCH /credentials/:id` answers 404 or 405: after that `canRename` is false.
   */
  async rename(id: string, name: string): Promise<PasskeyError | undefined> {
    const client = this.#options.client();
    const error = await this.#change(id, async () => {
      const updated = await client.renameCredential(id, name);
      const saved = typeof updated.name === 'string' && updated.name ? updated.name : name;
      this.credentials = this.credentials.map((credential) => (credential.id === id ? { ...credential, ...updated, id, name: saved } : credential));
      this.#host.dispatchEvent(new PasskeyCredentialRenamedEvent({ credentialId: id, name: saved }));
    });
    if (error?.status === 405) cannotRename.add(client);
    if (error?.status === 404) {
      // No such route, or no such passkey (deleted elsewhere): the list tells which.
      await this.load();
      if (this.credentials.some((credential) => credential.id === id)) cannotRename.add(client);
    }
    return error;
  }

  /** Deletes a passkey; resolves with the error, if it failed (already reported through `passkey-error`). */
  async remove(id: string): Promise<PasskeyError | undefined> {
    return this.#change(id, async () => {
      await this.#options.client().deleteCredential(id);
      this.credentials = this.credentials.filter((credential) => credential.id !== id);
      this.#host.dispatchEvent(new PasskeyCredentialDeletedEvent({ credentialId: id }));
      // The whole accepted list is what providers act on; without the user handle, say which one went.
      const handle = this.session?.userHandle;
      const rpId = this.#options.rpId();
      const ids = this.credentials.map((credential) => credential.id);
      tellProvider((signals) => (handle ? signals.signalAcceptedCredentials(rpId, handle, ids) : signals.signalDeletedCredential(rpId, id)));
    });
  }

  /**
   * Registers another passkey for `account` (the server excludes the ones the account has), then reloads the list.
   * Resolves with what was added, or the error (already reported through `passkey-error`); nothing while one is on its way.
   */
  async add(): Promise<Added | PasskeyError | undefined> {
    if (this.adding) return undefined;
    const username = this.account;
    if (!username) {
      const error = new PasskeyError('unauthorized', 'No account to add the passkey to: GET /session named none; set the username property', { phase: 'manage' });
      this.#report(error);
      return error;
    }
    const controller = new AbortController();
    this.#add = controller;
    this.adding = true;
    this.#host.requestUpdate();
    const prompted = () => {
      this.prompting = true;
      this.#host.requestUpdate();
    };
    try {
      const result = await this.#options.client().register({ username, signal: controller.signal, onPrompt: prompted });
      this.#host.dispatchEvent(new PasskeyRegisteredEvent(result));
      await this.load();
      return { result, credentialId: result.credentialId };
    } catch (error) {
      const failure = toPasskeyError(error, 'manage');
      // A dismissed prompt is reported too (as by the ceremony elements); the element just shows nothing for it.
      if (!controller.signal.aborted) this.#report(failure);
      return failure;
    } finally {
      this.#add = undefined;
      this.adding = this.prompting = false;
      this.#host.requestUpdate();
    }
  }

  async #change(id: string, run: () => Promise<void>): Promise<PasskeyError | undefined> {
    if (this.busy.has(id)) return undefined;
    this.busy.add(id);
    this.#host.requestUpdate();
    try {
      await run();
      return undefined;
    } catch (error) {
      const failure = toPasskeyError(error, 'manage');
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
   * The providers' table is a module of its own, imported only when a listed passkey has an AAGUID that could be in
   * it: lists without one never load it. If it fails to load, passkeys get the generic name and icon.
   */
  async #providersFor(credentials: readonly PasskeyCredential[]): Promise<ReadonlyMap<string, Provider> | undefined> {
    if (this.providers || !credentials.some((credential) => isProviderAaguid(credential.aaguid))) return this.providers;
    return import('./providers/table.ts').then(
      (module) => module.PROVIDERS,
      () => undefined,
    );
  }

  /** The icons of the listed providers not loaded yet, each provider's a module of its own; one that fails is left out. */
  async #iconsFor(credentials: readonly PasskeyCredential[], providers: ReadonlyMap<string, Provider> | undefined): Promise<ReadonlyMap<string, ProviderIcons>> {
    const missing = new Map<string, () => Promise<ProviderIcons>>();
    for (const { aaguid } of credentials) {
      const key = isProviderAaguid(aaguid) ? aaguid.toLowerCase() : undefined;
      const load = key && !this.icons.has(key) ? providers?.get(key)?.icon : undefined;
      if (key && load) missing.set(key, load);
    }
    if (!missing.size) return this.icons;
    const loaded = await Promise.all([...missing].map(([key, load]) => load().then((icons) => [key, asDataUris(icons)] as const, () => undefined)));
    return new Map([...this.icons, ...loaded.filter((entry) => entry !== undefined)]);
  }
}

/** Tells the passkey provider what changed, through the Signal API; its code loads with the first call. */
function tellProvider(send: (signals: typeof import('../shared/signals.ts')) => void): void {
  void import('../shared/signals.ts').then(send, () => undefined);
}

/** An icon's SVG as an `<img>` source: an image cannot run script or clash with the element's ids and styles. */
function asDataUris({ light, dark }: ProviderIcons): ProviderIcons {
  const uri = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;
  return { light: uri(light), dark: dark === light ? uri(light) : uri(dark) };
}
