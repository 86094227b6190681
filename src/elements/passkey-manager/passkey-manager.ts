import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { PasskeyClient, PasskeyError, type PasskeyCredential, type RegistrationResult } from '../../client/index.ts';
import common from '../../i18n/en-common.ts';
import manager from '../../i18n/en-manager.ts';
import { errorMessageKey, type PasskeyStringKey } from '../../i18n/index.ts';
import { PasskeyErrorEvent } from '../shared/events.ts';
import { formStyles } from '../shared/form.styles.ts';
import { errorIcon, passkeyIcon, providerIcon, spinnerIcon, successIcon } from '../shared/icons.ts';
import { PasskeyBase } from '../shared/passkey-base.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { CredentialsController, type ListState } from './credentials-controller.ts';
import { CredentialView } from './credential-view.ts';
import { checkName, NAME_MAX } from './format.ts';
import { KeyedRows } from './keyed-rows.ts';
import { managerStyles } from './passkey-manager.styles.ts';

interface Editing {
  id: string;
  draft: string;
  problem?: PasskeyStringKey;
}

interface ActionOptions {
  onClick?: () => void;
  /** A rename or delete of the row is on its way. */
  busy?: boolean;
  /** The element id of the row's message, which says why its last rename or delete failed or was refused. */
  noteId?: string | undefined;
  /** Named with the passkey's name too: "Rename Laptop". */
  named?: boolean;
  /** Works while the element is disabled: Cancel only closes. */
  always?: boolean;
}

/** Whether `next` differs from `previous` anywhere: what a cached thing was made of changed. */
const differs = (previous: unknown[], next: unknown[]) => next.some((value, i) => value !== previous[i]);

/** ARIA states are `"true"` or absent. */
const flag = (on: boolean) => (on ? 'true' : nothing);

const skeleton = html`<li part="row skeleton" aria-hidden="true">
  <span part="skeleton-icon"></span><span part="details"><span part="skeleton-bar"></span><span part="skeleton-bar"></span></span>
</li>`;

/** A keydown listener that runs `close` on Escape. */
function escapeTo(close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}

/**
 * The signed-in person's passkeys: each with its name (their own, else its provider's, else "Passkey from
 * {date}"), when it was created and last used, whether it syncs, and how it connects; renames one inline,
 * deletes one after a confirmation (never the last one, unless `allow-delete-last`), and adds another.
 * It tells the passkey provider what changed through the WebAuthn Signal API where the browser has it.
 *
 * @summary Manage your passkeys.
 *
 * @fires passkey-credential-renamed - `{ credentialId, name }`: the server renamed a passkey.
 * @fires passkey-credential-deleted - `{ credentialId }`: the server deleted a passkey.
 * @fires passkey-registered - `{ userId, username, credentialId, response }`: a passkey was added.
 * @fires passkey-error - `{ code, message, phase, status?, cause? }`: listing, renaming, deleting or adding failed. `unauthorized`: nobody is signed in.
 *
 * @csspart base - Everything the element shows.
 * @csspart list - The list of passkeys (`aria-busy` while it loads).
 * @csspart row - One passkey. `aria-busy` while it is renamed or deleted.
 * @csspart skeleton - A placeholder row while the list loads; `skeleton-icon`, `skeleton-bar` are its pieces.
 * @csspart provider-icon - The passkey's icon: its provider's kind (`data-kind`), else a passkey.
 * @csspart details - The name, dates and properties of a passkey.
 * @csspart name - The passkey's name.
 * @csspart dates - When it was created (`created`) and last used (`last-used`).
 * @csspart time - A relative date; the exact one is its `title` and `datetime`.
 * @csspart properties - Whether it syncs (`sync`, with `data-synced`) and how it connects (`transports`).
 * @csspart actions - A row's Rename and Delete buttons.
 * @csspart action - Every button in a row; also `rename-button`, `delete-button`, `save-button`, `cancel-button`, `danger-button`.
 * @csspart rename-form - The inline editor of a name, with `field`, `label`, `input` and `error-text`.
 * @csspart confirm - The inline question before a delete, with `confirm-text`.
 * @csspart row-message - Why a row's rename or delete failed or was refused.
 * @csspart loading - The text shown while the list loads.
 * @csspart empty - The text shown when there is no passkey.
 * @csspart unauthorized - The text shown when nobody is signed in.
 * @csspart error - Why the list could not be loaded; `retry-button` tries again.
 * @csspart button - The Add and Try again buttons; also `add-button`, `retry-button`, with `button-label`, `icon`, `spinner`.
 * @csspart message - The polite live region of adding a passkey: progress, then the result, with `message-icon`.
 *
 * @cssprop --passkey-color-accent - Global token: the Add button. Likewise `--passkey-color-on-accent`, `-text`, `-muted`, `-surface`, `-field`, `-border`, `-danger`, `-success`, `-focus`.
 * @cssprop --passkey-radius - Global token: corner radius.
 * @cssprop --passkey-font-family - Global token.
 * @cssprop --passkey-font-size - Global token.
 * @cssprop --passkey-spacing - Global token: the unit of padding and gaps.
 * @cssprop [--passkey-button-background=var(--passkey-color-accent)] - The Add and Try again buttons.
 * @cssprop [--passkey-button-color=var(--passkey-color-on-accent)]
 * @cssprop [--passkey-button-radius=var(--passkey-radius)]
 * @cssprop [--passkey-input-background=var(--passkey-color-field)] - The name editor.
 * @cssprop [--passkey-input-color=var(--passkey-color-text)]
 * @cssprop [--passkey-input-border-color=var(--passkey-color-border)]
 * @cssprop [--passkey-input-radius=var(--passkey-radius)]
 * @cssprop [--passkey-row-background=var(--passkey-color-surface)] - A passkey's row.
 * @cssprop [--passkey-row-border-color] - Default: the border token, lighter.
 * @cssprop [--passkey-danger-background=var(--passkey-color-danger)] - The button that confirms a delete.
 * @cssprop [--passkey-danger-color=var(--passkey-color-surface)]
 * @cssprop [--passkey-gap=calc(var(--passkey-spacing) * 0.75)] - Space between the rows, the list and the button.
 * @cssprop [--passkey-padding=var(--passkey-spacing)] - Space around the content.
 */
export class PasskeyManager extends PasskeyBase {
  static override properties: PropertyDeclarations = {
    username: {},
    allowDeleteLast: { type: Boolean, attribute: 'allow-delete-last' },
    rpId: { attribute: 'rp-id' },
  };
  static override styles = [tokens, formStyles, managerStyles];
  protected static override english = { ...common, ...manager };

  /** The account "Add a passkey" adds to. Default: the username `GET {apiUrl}/session` gives. */
  declare username: string | undefined;
  /** Lets the person delete their last passkey (attribute `allow-delete-last`), when they can sign in some other way. */
  declare allowDeleteLast: boolean;
  /** The RP ID the Signal API calls name (attribute `rp-id`). Default: this page's host name. */
  declare rpId: string | undefined;

  readonly #data = new CredentialsController(this, {
    client: () => this.givenClient ?? this.ownClient(PasskeyClient),
    rpId: () => this.rpId || location.hostname,
  });
  readonly #rows = new KeyedRows<PasskeyCredential>((credential, key, li) => this.#renderRow(credential, key, li));
  /** The rows whose state changed since the last update: only they render again. */
  readonly #dirty = new Set<string>();
  /** What every row was last rendered with: when one of these changes, every row renders again. */
  #rowsRenderedWith: unknown[] = [];
  #editing: Editing | undefined;
  #confirming: string | undefined;
  /** Why a row's rename or delete failed or was refused, by credential id. */
  readonly #notes = new Map<string, string>();
  #added: RegistrationResult | PasskeyError | undefined;
  #view: CredentialView | undefined;
  /** What `#view` was made with: the strings (a page's overrides too), the locale, when the list came, the AAGUID table. */
  #viewMadeOf: unknown[] = [];

  constructor() {
    super();
    this.allowDeleteLast = false;
  }

  /** `loading`, `ready`, `error` or `unauthorized`; also the `state` attribute, for CSS. */
  get state(): ListState {
    return this.#data.state;
  }

  /**
   * The passkeys as the server last listed them, with the renames and deletes made here since. (Not `credentials`:
   * that is fetch's cookie mode on every element of the kit.)
   */
  get passkeys(): readonly PasskeyCredential[] {
    return this.#data.credentials;
  }

  /** Loads the list again; resolves once it is rendered. */
  refresh(): Promise<void> {
    this.#notes.clear();
    return this.#data.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved elsewhere in the page: the list was aborted when it left, so load it again.
    if (this.hasUpdated) void this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('client') || changed.has('apiUrl') || changed.has('credentials')) void this.refresh();
    const { locale, t } = this.localize;
    const { loadedAt, provider } = this.#data;
    const madeOf = [this.strings, locale, loadedAt, provider];
    if (differs(this.#viewMadeOf, madeOf)) this.#view = new CredentialView(t, locale, loadedAt, provider);
    this.#viewMadeOf = madeOf;
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector('#list');
    const inputs = [list, this.#data.credentials, this.#view, this.disabled];
    if (list && differs(this.#rowsRenderedWith, inputs)) this.#rows.sync(list, this.#data.credentials);
    else for (const id of this.#dirty) this.#rows.update(id);
    this.#rowsRenderedWith = inputs;
    this.#dirty.clear();
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override render(): TemplateResult {
    const { locale, dir } = this.localize;
    return html`<div part="base" lang=${locale} dir=${dir ?? nothing}>
      ${this.#renderState()}
      <p id="announcer" role="status"></p>
    </div>`;
  }

  #renderState(): TemplateResult {
    const { t } = this.localize;
    const data = this.#data;
    switch (data.state) {
      case 'loading':
        return html`<p part="loading">${t('managerLoading')}</p>
          <ul part="list" aria-label=${t('managerListLabel')} aria-busy="true">${[skeleton, skeleton, skeleton]}</ul>`;
      case 'unauthorized':
        return html`<p part="unauthorized">${errorIcon}<span>${t('managerUnauthorized')}</span></p>`;
      case 'error':
        return html`<p part="error" id="load-error" role="alert">${errorIcon}<span>${this.#errorText(data.error)}</span></p>
          ${this.#button('retry-button', t('retryButton'), data.loading, this.#handleRetry, 'load-error')}`;
      case 'ready':
        // The rows are not Lit's: #rows renders them into this list, one by one (see updated()).
        return html`${data.credentials.length
            ? html`<ul part="list" id="list" aria-label=${t('managerListLabel')} aria-busy=${flag(data.loading)}></ul>`
            : html`<p part="empty">${t('managerEmpty')}</p>`}
          ${this.#renderAdd()}`;
    }
  }

  #renderRow(credential: PasskeyCredential, k: number, li: HTMLLIElement): TemplateResult {
    const { t } = this.localize;
    const { id } = credential;
    const busy = this.#data.busy.has(id);
    const editing = this.#editing?.id === id ? this.#editing : undefined;
    const confirming = this.#confirming === id;
    const noteId = this.#notes.has(id) ? `note-${k}` : undefined;
    const view = this.#view!;
    const name = view.name(credential);
    if (busy) li.setAttribute('aria-busy', 'true');
    else li.removeAttribute('aria-busy');
    return html`${view.provider(credential)?.icon ?? providerIcon}
      <div part="details">
        <span part="name" id="name-${k}">${name}</span>
        <span part="dates">${view.dates(credential)}</span>
        <span part="properties">${view.properties(credential)}</span>
      </div>
      <div part="actions" ?hidden=${Boolean(editing) || confirming}>
        ${this.#action(k, 'rename-button', t('renameButton'), { onClick: () => this.#startRename(credential), named: true })}
        ${this.#action(k, 'delete-button', t('deleteButton'), { onClick: () => this.#startDelete(credential), named: true, noteId })}
      </div>
      ${editing ? this.#renderEditor(credential, editing, k, busy, noteId) : nothing}
      ${confirming
        ? html`<div part="confirm" role="group" aria-labelledby="confirm-${k}" @keydown=${escapeTo(() => this.#close(id, 'delete-button'))}>
            <p part="confirm-text" id="confirm-${k}">${t('deleteConfirm', { name })}</p>
            ${this.#action(k, 'danger-button', t('deleteConfirmButton'), { onClick: () => this.#confirmDelete(credential), busy, noteId })}
            ${this.#action(k, 'cancel-button', t('cancelButton'), { onClick: () => this.#close(id, 'delete-button'), always: true })}
          </div>`
        : nothing}
      ${noteId ? html`<p part="row-message" id=${noteId}>${this.#notes.get(id)}</p>` : nothing}`;
  }

  #renderEditor(credential: PasskeyCredential, editing: Editing, k: number, busy: boolean, noteId: string | undefined): TemplateResult {
    const { t } = this.localize;
    const { id } = credential;
    const { problem } = editing;
    const describedBy = [problem && `problem-${k}`, noteId].filter(Boolean).join(' ');
    return html`<form part="rename-form" novalidate @submit=${(event: SubmitEvent) => this.#handleRenameSubmit(event, credential)}
      @keydown=${escapeTo(() => this.#close(id, 'rename-button'))}>
      <div part="field">
        <label part="label" for="input-${k}">${t('nameLabel')}</label>
        <input part="input" id="input-${k}" type="text" autocomplete="off" spellcheck="false" .value=${editing.draft}
          ?readonly=${busy} ?disabled=${this.disabled} aria-invalid=${flag(Boolean(problem))} aria-describedby=${describedBy || nothing}
          @input=${(event: InputEvent) => this.#handleDraftInput(event, editing)} />
        ${problem ? html`<p part="hint error-text" id="problem-${k}">${t(problem, { max: String(NAME_MAX) })}</p>` : nothing}
      </div>
      ${this.#action(k, 'save-button', t('saveButton'), { busy })}
      ${this.#action(k, 'cancel-button', t('cancelButton'), { onClick: () => this.#close(id, 'rename-button'), always: true })}
    </form>`;
  }

  /** A button of a row; without `onClick`, it submits the row's form. */
  #action(k: number, kind: string, label: string, { onClick, busy = false, noteId, named, always }: ActionOptions): TemplateResult {
    return html`<button part="action ${kind}" id="${kind}-${k}" type=${onClick ? 'button' : 'submit'}
      aria-labelledby=${named ? `${kind}-${k} name-${k}` : nothing} aria-describedby=${noteId ?? nothing}
      ?disabled=${this.disabled && !always} aria-disabled=${flag(busy)} aria-busy=${flag(busy)} @click=${onClick}
      >${busy ? spinnerIcon : nothing}${label}</button>`;
  }

  #renderAdd(): TemplateResult {
    const { t } = this.localize;
    const { adding } = this.#data;
    const outcome = this.#added;
    let message: unknown = nothing;
    let tone: 'error' | 'success' | undefined;
    if (adding) {
      message = t('adding');
    } else if (outcome instanceof PasskeyError) {
      // A dismissed prompt is the person's choice: nothing to say.
      if (outcome.code !== 'cancelled') [message, tone] = [html`${errorIcon}<span>${this.#errorText(outcome)}</span>`, 'error'];
    } else if (outcome) {
      [message, tone] = [html`${successIcon}<span>${t('added')}</span>`, 'success'];
    }
    return html`${this.#button('add-button', t('addButton'), adding, this.#handleAdd)}
      <p part="message" role="status" data-tone=${tone ?? nothing}>${message}</p>`;
  }

  /** A main button. While busy it stays focusable (`aria-disabled`), so keyboard and screen reader users keep their place. */
  #button(kind: string, label: string, busy: boolean, onClick: () => void, describedBy?: string): TemplateResult {
    const icon = kind === 'add-button' ? passkeyIcon : nothing;
    return html`<button part="button ${kind}" id=${kind} type="button" ?disabled=${this.disabled} aria-disabled=${flag(busy)}
      aria-busy=${flag(busy)} aria-describedby=${describedBy ?? nothing} @click=${onClick}
      >${busy ? spinnerIcon : icon}<span part="button-label">${label}</span></button>`;
  }

  readonly #handleAdd = async (): Promise<void> => {
    if (this.disabled || this.#data.adding) return;
    const username = this.username || this.#data.session?.username;
    if (!username) {
      const error = new PasskeyError('unauthorized', 'No account to add the passkey to: GET /session named none; set the username property', {
        phase: 'manage',
      });
      this.#added = error;
      this.dispatchEvent(new PasskeyErrorEvent(error.toDetail()));
      return this.requestUpdate();
    }
    this.#added = await this.#data.add(username);
    this.requestUpdate();
  };

  readonly #handleRetry = async (): Promise<void> => {
    if (this.disabled || this.#data.loading) return;
    await this.refresh();
    // The retry button is gone once the list came: go on from the Add button. Failed again: say it again.
    if (this.#data.state === 'ready') this.#focus('add-button');
    else if (this.#data.state === 'error') this.#announce(this.#errorText(this.#data.error));
  };

  async #startRename(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (!this.#idle(id)) return;
    this.#added = undefined;
    this.#setNote(id);
    this.#open({ id, draft: credential.name ?? this.#view!.name(credential) });
    await this.updateComplete;
    this.#focus('input', id)?.select();
  }

  #handleDraftInput(event: InputEvent, editing: Editing): void {
    editing.draft = (event.target as HTMLInputElement).value;
    if (editing.problem) {
      editing.problem = undefined;
      this.#touch(editing.id);
    }
  }

  async #handleRenameSubmit(event: SubmitEvent, credential: PasskeyCredential): Promise<void> {
    event.preventDefault();
    const { id } = credential;
    const editing = this.#editing;
    if (editing?.id !== id || !this.#idle(id)) return;
    const checked = checkName(editing.draft);
    if ('problem' in checked) {
      editing.problem = checked.problem;
      this.#touch(id);
      await this.updateComplete;
      this.#focus('input', id);
      return;
    }
    if (checked.name === credential.name) return this.#close(id, 'rename-button');
    this.#setNote(id);
    const error = await this.#whileBusy(id, this.#data.rename(id, checked.name));
    if (error) return this.#failedOn(id, error, 'input');
    this.#open();
    await this.updateComplete;
    this.#announce(this.localize.t('renamed', { name: checked.name }));
    this.#focus('rename-button', id);
  }

  async #startDelete(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (!this.#idle(id)) return;
    this.#open();
    this.#added = undefined;
    // Without a passkey left the person could not sign in again: refuse, and say why, unless the page allows it.
    if (!this.allowDeleteLast && this.#data.credentials.length <= 1) {
      const refusal = this.localize.t('deleteLastRefused');
      this.#setNote(id, refusal);
      return this.#announce(refusal);
    }
    this.#setNote(id);
    this.#open(undefined, id);
    await this.updateComplete;
    // The safe answer first: Enter on a key held down by mistake cancels rather than deletes.
    this.#focus('cancel-button', id);
  }

  async #confirmDelete(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (!this.#idle(id)) return;
    const name = this.#view!.name(credential);
    const error = await this.#whileBusy(id, this.#data.remove(id));
    if (error) return this.#failedOn(id, error, 'danger-button');
    // Focus goes on to the next passkey, else the one before, else the Add button.
    const row = this.#rows.element(id);
    const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
    this.#confirming = undefined;
    this.#notes.delete(id);
    this.#rows.remove(id);
    await this.updateComplete;
    this.#announce(this.localize.t('deleted', { name }));
    const next = neighbour?.isConnected ? neighbour.querySelector<HTMLElement>('[part~="rename-button"]') : undefined;
    if (next) next.focus();
    else this.#focus('add-button');
  }

  /** Closes the editor or the confirmation of a row, and goes back to the button that opened it. */
  async #close(id: string, opener: 'rename-button' | 'delete-button'): Promise<void> {
    this.#open();
    this.#setNote(id);
    await this.updateComplete;
    this.#focus(opener, id);
  }

  /** A rename or delete failed: say why in the row (unless nobody is signed in any more), and stay there. */
  async #failedOn(id: string, error: PasskeyError, focusTarget: string): Promise<void> {
    if (this.#data.state !== 'ready') return this.requestUpdate();
    const text = this.#errorText(error);
    this.#setNote(id, text);
    await this.updateComplete;
    this.#announce(text);
    this.#focus(focusTarget, id);
  }

  /** Opens the editor or the confirmation of one row, closing the one open before; with no arguments, closes both. */
  #open(editing?: Editing, confirming?: string): void {
    for (const id of [this.#editing?.id, this.#confirming, editing?.id, confirming]) if (id) this.#touch(id);
    this.#editing = editing;
    this.#confirming = confirming;
  }

  #setNote(id: string, text?: string): void {
    if (text) this.#notes.set(id, text);
    else this.#notes.delete(id);
    this.#touch(id);
  }

  /** Whether the row of `id` can start something: the element is enabled and no rename or delete of it is on its way. */
  #idle(id: string): boolean {
    return !this.disabled && !this.#data.busy.has(id);
  }

  /** Shows the row of `id` busy while `work` (a rename or delete, which never rejects) runs. */
  async #whileBusy<T>(id: string, work: Promise<T>): Promise<T> {
    this.#touch(id);
    const result = await work;
    this.#touch(id);
    return result;
  }

  /** Renders the row of `id` again in the next update, and nothing else of the list. */
  #touch(id: string): void {
    this.#dirty.add(id);
    this.requestUpdate();
  }

  /**
   * Says `text` in the (visually hidden) polite live region; what the eye needs is on screen already. Lit renders
   * the region empty and never touches it again; each call puts a new text node in it, so the same words twice in
   * a row are announced twice.
   */
  #announce(text: string): void {
    this.renderRoot.querySelector('#announcer')!.textContent = text;
  }

  #errorText(error: PasskeyError | undefined): string {
    const { t } = this.localize;
    if (error?.code === 'already-registered') return t('addAlreadyRegistered');
    return t(error && error.code !== 'cancelled' ? errorMessageKey({ code: error.code, status: error.status }) : 'errorUnknown');
  }

  /** Focuses `#{kind}`, or the element of that kind in the row of `id`. */
  #focus(kind: string, id?: string): HTMLInputElement | undefined {
    const target = this.renderRoot.querySelector<HTMLInputElement>(`#${kind}${id ? `-${this.#rows.key(id)}` : ''}`) ?? undefined;
    target?.focus();
    return target;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-manager': PasskeyManager;
  }
}
