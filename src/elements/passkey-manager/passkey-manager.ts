import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { PasskeyClient, PasskeyError, type PasskeyCredential } from '../../client/index.ts';
import common from '../../i18n/en-common.ts';
import manager from '../../i18n/en-manager.ts';
import { formStyles } from '../shared/form.styles.ts';
import { PasskeyBase } from '../shared/passkey-base.ts';
import { isolate, statusMessage, type Tone } from '../shared/templates.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { CredentialsController, type ListState } from './credentials-controller.ts';
import { CredentialView } from './credential-view.ts';
import { checkName, ownName } from './format.ts';
import { errorText, list } from './list.ts';
import { managerStyles } from './passkey-manager.styles.ts';
import { RowGroups } from './row-groups.ts';
import { IDLE, row, type Opener, type RowActions, type RowContext, type RowState } from './row.ts';

/** What the live region says, and its colour. */
interface Status {
  tone: Tone;
  text: unknown;
}

/**
 * The signed-in person's passkeys: each with its provider's logo and its name (their own, else its provider's and when
 * it was made), when it was created and last used, whether it syncs, and how it connects; renames one inline, deletes
 * one after a confirmation (never the last one, unless `allow-delete-last`), and adds another, which opens to be named.
 * It tells the passkey provider what changed through the WebAuthn Signal API where the browser has it. On a backend
 * without `GET /session`, "Add a passkey" needs `username`; without `PATCH /credentials/:id`, Rename goes away after
 * the first 404 or 405. Provider logos are images (`data:` URIs): a Content-Security-Policy needs `img-src data:`.
 *
 * @summary Manage your passkeys.
 *
 * @fires passkey-credential-renamed - `{ credentialId, name }`: the server renamed a passkey.
 * @fires passkey-credential-deleted - `{ credentialId }`: the server deleted a passkey.
 * @fires passkey-registered - `{ userId, username, credentialId, response }`: a passkey was added.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: listing, renaming, deleting or adding failed. `unauthorized`: nobody is signed in, or no account to add to.
 *
 * @csspart base - Everything the element shows.
 * @csspart list - The list of passkeys (`aria-busy` while it loads); below 28rem wide, each row's buttons go under its details. Its rows sit in groups of about √n (`<div>`s without a part or a role), so that a change in one row of 1,000 lays out and compares a few dozen: style `row`, not the list's children.
 * @csspart row - One passkey. `aria-busy` while it is renamed or deleted.
 * @csspart skeleton - A placeholder row while the list loads; `skeleton-icon`, `skeleton-bar` are its pieces.
 * @csspart provider-icon - The passkey's icon: its provider's logo (`provider-logo` images, light and dark), else a passkey glyph.
 * @csspart details - The name, dates and properties of a passkey.
 * @csspart name - The passkey's name.
 * @csspart dates - When it was created (`created`) and last used (`last-used`).
 * @csspart time - A relative date; the exact one is its `title` and `datetime`.
 * @csspart properties - Whether it syncs (`sync`, with `data-synced`) and how it connects (`transports`).
 * @csspart actions - A row's Rename and Delete buttons.
 * @csspart action - Every button in a row; also `rename-button`, `delete-button`, `save-button`, `cancel-button`, `danger-button`.
 * @csspart rename-form - The inline editor of a name, with `label`, `input`, `hint limit` (with `counter`) and `error-text`.
 * @csspart confirm - The inline question before a delete, with `confirm-text`.
 * @csspart row-hint - Why the only passkey cannot be deleted.
 * @csspart row-message - Why a row's rename or delete failed or was refused.
 * @csspart loading - The text shown while the list loads.
 * @csspart empty - The text shown when there is no passkey.
 * @csspart unauthorized - The text shown when nobody is signed in.
 * @csspart error - Why the list could not be loaded; `retry-button` tries again.
 * @csspart not-supported - In place of the Add button where the browser has no WebAuthn.
 * @csspart button - The Add and Try again buttons; also `add-button`, `retry-button`, with `button-label`, `icon`, `spinner`.
 * @csspart message - The polite live region: adding, then what was added, renamed or deleted, with `message-icon`.
 *
 * @cssprop [--passkey-row-background=var(--passkey-color-surface)] - A passkey's row.
 * @cssprop [--passkey-row-border-color=color-mix(in srgb, var(--passkey-color-border) 45%, transparent)] - A passkey's row: its border.
 * @cssprop [--passkey-danger-background=var(--passkey-color-danger)] - The button that confirms a delete.
 * @cssprop [--passkey-danger-color=var(--passkey-color-surface)] - The button that confirms a delete: its text.
 */
export class PasskeyManager extends PasskeyBase {
  static override properties: PropertyDeclarations = {
    username: {},
    allowDeleteLast: { type: Boolean, attribute: 'allow-delete-last' },
    rpId: { attribute: 'rp-id' },
  };
  static override styles = [tokens, formStyles, managerStyles];
  protected static override english = { ...common, ...manager };

  /** The account "Add a passkey" adds to. Default: the username `GET {apiUrl}/session` gives; set it where the backend has no such endpoint. */
  declare username: string | undefined;
  /** Lets the person delete their last passkey (attribute `allow-delete-last`), when they can sign in some other way. */
  declare allowDeleteLast: boolean;
  /** The RP ID the Signal API calls name (attribute `rp-id`). Default: this page's host name. */
  declare rpId: string | undefined;

  readonly #data = new CredentialsController(this, {
    client: () => this.givenClient ?? this.ownClient(PasskeyClient),
    rpId: () => this.rpId || location.hostname,
    username: () => this.username,
  });
  /** What the person is doing with each passkey; one left alone has no entry. Entries are replaced, never changed. */
  readonly #rows = new Map<string, RowState>();
  readonly #groups = new RowGroups<PasskeyCredential>();
  /** Short numbers for the ids of a row's elements: a credential id may hold any character. */
  readonly #keys = new Map<string, number>();
  /** What the live region says: how the last add, rename or delete went. */
  #status: Status | undefined;

  constructor() {
    super();
    this.allowDeleteLast = false;
  }

  /** `loading`, `ready`, `error` or `unauthorized`; also the `state` attribute, for CSS. */
  get state(): ListState {
    return this.#data.state;
  }

  /** The passkeys as the server last listed them, with the renames and deletes made here since. (`credentials` is fetch's cookie mode.) */
  get passkeys(): readonly PasskeyCredential[] {
    return this.#data.credentials;
  }

  /** Loads the list again; resolves once it is rendered. */
  refresh(): Promise<void> {
    for (const [id, state] of this.#rows) this.#set(id, { ...state, note: undefined });
    return this.#data.load();
  }

  /** Forgets every unsaved name and message, and loads the list again: after a sign-out, it no longer shows. */
  override reset(): void {
    this.#rows.clear();
    this.#status = undefined;
    this.#announce('');
    void this.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved elsewhere in the page: the list was aborted when it left, so load it again.
    if (this.hasUpdated) void this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('client') || changed.has('apiUrl') || changed.has('credentials')) void this.refresh();
  }

  /**
   * Keeps focus where it was: moving a row (the server listed it elsewhere) takes focus out of it, and a row moved into
   * another group is made again; focus goes back to the control of the same id.
   */
  protected override update(changed: PropertyValues<this>): void {
    const focused = this.shadowRoot?.activeElement?.id;
    super.update(changed);
    if (focused && !this.shadowRoot!.activeElement) this.shadowRoot!.getElementById(focused)?.focus({ preventScroll: true });
  }

  protected override updated(): void {
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override render(): TemplateResult {
    const { locale, dir, t } = this.localize;
    const { state, loading, adding, prompting, error, credentials } = this.#data;
    const view = { state, loading, adding, error, disabled: this.disabled, count: credentials.length, onAdd: this.#handleAdd, onRetry: this.#handleRetry };
    const status = adding ? { tone: 'busy' as const, text: prompting ? t('adding') : '' } : this.#status;
    return html`<div part="base" lang=${locale} dir=${dir ?? nothing}>
      ${list(t, { ...view, rows: state === 'ready' ? this.#renderRows() : nothing })}
      ${statusMessage(status?.tone ?? 'idle', status?.text ?? nothing)}
      <p id="announcer" role="status"></p>
    </div>`;
  }

  /**
   * Rows in groups (see RowGroups). A row renders again only when what it shows changed (`guard`), and a group only when
   * its credentials or one of its rows did: renaming one passkey of 1,000 compares the groups, and renders one row.
   */
  #renderRows(): unknown {
    const { t, locale } = this.localize;
    const { credentials, loadedAt, providers, icons, busy } = this.#data;
    const view = new CredentialView(t, locale, loadedAt, providers);
    const context: RowContext = { view, t, disabled: this.disabled, canRename: this.#data.canRename, lastOne: !this.allowDeleteLast && credentials.length === 1, on: this.#actions };
    const shared = [context.disabled, context.canRename, context.lastOne, locale, this.strings, loadedAt, providers, icons];
    const renderRow = (credential: PasskeyCredential) => {
      const { id } = credential;
      const state = this.#rows.get(id) ?? IDLE;
      return guard([credential, state, busy.has(id), ...shared], () => row(credential, state, this.#key(id), busy.has(id), this.#data.iconsOf(credential), context));
    };
    // A group is compared on its credentials and on what each of its rows is doing: its state, else whether a request is
    // on its way; and for the rows with either, that request too.
    const active = ({ id }: PasskeyCredential) => this.#rows.get(id) ?? busy.has(id);
    return repeat(this.#groups.split(credentials), (group) => group.key, ({ items }) =>
      guard([...items, ...shared, ...items.map(active), ...items.filter(active).map(({ id }) => busy.has(id))], () =>
        html`<div>${repeat(items, (credential) => credential.id, renderRow)}</div>`,
      ),
    );
  }

  readonly #actions: RowActions = {
    rename: (credential) => void this.#open(credential, 'editing', 'input', true),
    draft: (credential, draft) => this.#set(credential.id, { ...this.#row(credential), draft, problem: undefined }),
    save: (credential, event) => void this.#save(credential, event),
    close: (credential, opener) => void this.#close(credential, opener),
    askDelete: (credential) => void this.#open(credential, 'confirming', 'cancel-button', true),
    confirmDelete: (credential) => void this.#delete(credential),
  };

  /**
   * Opens the editor (with the name shown, selected) or the delete question of one row; other rows keep theirs. `quiet`:
   * the person turned to something else, so the live region's last news goes.
   */
  async #open(credential: PasskeyCredential, mode: 'editing' | 'confirming', focus: string, quiet = false): Promise<void> {
    const { id } = credential;
    const locked = mode === 'confirming' && !this.allowDeleteLast && this.#data.credentials.length <= 1;
    if (!this.#idle(id) || locked) return;
    if (quiet) {
      this.#status = undefined;
      this.#announce('');
    }
    this.#set(id, { mode, draft: mode === 'editing' ? this.#view().name(credential) : '' });
    await this.updateComplete;
    // The safe answer first: Enter on a key held down by mistake cancels rather than deletes.
    this.#focus(focus, id)?.select?.();
  }

  async #save(credential: PasskeyCredential, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { id } = credential;
    const state = this.#row(credential);
    if (state.mode !== 'editing' || !this.#idle(id)) return;
    const checked = checkName(state.draft);
    if ('problem' in checked) {
      this.#set(id, { ...state, problem: checked.problem });
      await this.updateComplete;
      return void this.#focus('input', id);
    }
    // Unchanged, or the suggested name left as it was: nothing to save (a default name is not made a fixed one).
    const own = ownName(credential.name);
    if (checked.name === own || (!own && checked.name === this.#view().suggestedName(credential))) return this.#close(credential, 'rename-button');
    this.#set(id, { ...state, note: undefined });
    const error = await this.#data.rename(id, checked.name);
    if (error && !this.#data.canRename) return this.#failed(credential, { ...IDLE, note: this.localize.t('renameUnavailable') }, 'delete-button');
    if (error) return this.#failed(credential, { ...this.#row(credential), note: errorText(this.localize.t, error) }, 'input');
    return this.#close(credential, 'rename-button', { tone: 'success', text: isolate(this.localize.t('renamed'), { name: checked.name }) });
  }

  async #delete(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (!this.#idle(id)) return;
    const name = this.#view().name(credential);
    const index = this.#data.credentials.indexOf(credential);
    const error = await this.#data.remove(id);
    if (error) return this.#failed(credential, { ...this.#row(credential), note: errorText(this.localize.t, error) }, 'danger-button');
    await this.#close(credential, undefined, { tone: 'success', text: isolate(this.localize.t('deleted'), { name }) });
    // Focus goes on to the next passkey, else the one before, else the Add button.
    const { credentials } = this.#data;
    const neighbour = credentials[index] ?? credentials[index - 1];
    if (!neighbour || !(this.#focus('rename-button', neighbour.id) ?? this.#focus('delete-button', neighbour.id))) this.#focus('add-button');
  }

  /** Closes the editor or the question of a row, and goes back to the button that opened it; `status` says how it went. */
  async #close(credential: PasskeyCredential, opener: Opener | undefined, status?: Status): Promise<void> {
    this.#rows.delete(credential.id);
    if (status) this.#status = status;
    this.requestUpdate();
    await this.updateComplete;
    if (opener) this.#focus(opener, credential.id);
  }

  /** A rename or delete failed: say why in the row (unless nobody is signed in any more), and stay there. */
  async #failed(credential: PasskeyCredential, state: RowState, focus: string): Promise<void> {
    if (this.#data.state !== 'ready') return;
    this.#status = undefined;
    this.#set(credential.id, state);
    await this.updateComplete;
    this.#announce(state.note!);
    this.#focus(focus, credential.id);
  }

  readonly #handleAdd = async (): Promise<void> => {
    if (this.disabled || this.#data.adding) return;
    this.#status = undefined;
    const added = await this.#data.add();
    if (!added) return;
    if (added instanceof PasskeyError) {
      // A dismissed prompt is the person's choice: nothing to say.
      this.#status = added.code === 'cancelled' ? undefined : { tone: 'error', text: errorText(this.localize.t, added) };
      return this.requestUpdate();
    }
    this.#status = { tone: 'success', text: this.localize.t('added') };
    const credential = this.#data.credentials.find(({ id }) => id === added.credentialId);
    // The new passkey opens to be named, its suggested name selected: typing replaces it, Enter keeps it.
    if (credential && this.#data.canRename) return this.#open(credential, 'editing', 'input');
    this.requestUpdate();
    await this.updateComplete;
    this.#focus('add-button');
  };

  readonly #handleRetry = async (): Promise<void> => {
    if (this.disabled || this.#data.loading) return;
    await this.refresh();
    // The retry button is gone once the list came: go on from the Add button. Failed again: say it again.
    if (this.#data.state === 'ready') this.#focus('add-button');
    else if (this.#data.state === 'error') this.#announce(errorText(this.localize.t, this.#data.error));
  };

  #view(): CredentialView {
    return new CredentialView(this.localize.t, this.localize.locale, this.#data.loadedAt, this.#data.providers);
  }

  #row(credential: PasskeyCredential): RowState {
    return this.#rows.get(credential.id) ?? IDLE;
  }

  #set(id: string, state: RowState): void {
    this.#rows.set(id, state);
    this.requestUpdate();
  }

  #key(id: string): number {
    let key = this.#keys.get(id);
    if (key === undefined) this.#keys.set(id, (key = this.#keys.size));
    return key;
  }

  /** Whether the row of `id` can start something: the element is enabled and no rename or delete of it is on its way. */
  #idle(id: string): boolean {
    return !this.disabled && !this.#data.busy.has(id);
  }

  /**
   * Says `text` in the (visually hidden) polite live region; what the eye needs is on screen already. Lit renders the
   * region empty and never touches it again: each call puts a new text node in it, so the same words twice are said twice.
   */
  #announce(text: string): void {
    const announcer = this.renderRoot.querySelector('#announcer');
    if (announcer) announcer.textContent = text;
  }

  /** Focuses `#{kind}`, or the element of that kind in the row of `id`; undefined when there is none. */
  #focus(kind: string, id?: string): HTMLInputElement | undefined {
    const target = this.renderRoot.querySelector<HTMLInputElement>(`#${kind}${id === undefined ? '' : `-${this.#keys.get(id)}`}`) ?? undefined;
    target?.focus();
    return target;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-manager': PasskeyManager;
  }
}
