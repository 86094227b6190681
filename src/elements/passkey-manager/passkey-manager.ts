import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { PasskeyClient, PasskeyError, type PasskeyCredential, type RegistrationResult } from '../../client/index.ts';
import common from '../../i18n/en-common.ts';
import manager from '../../i18n/en-manager.ts';
import { ERROR_MESSAGE_KEYS, type PasskeyStringKey } from '../../i18n/index.ts';
import { PasskeyErrorEvent } from '../shared/events.ts';
import { formStyles } from '../shared/form.styles.ts';
import { errorIcon, passkeyIcon, providerIcon, spinnerIcon, successIcon } from '../shared/icons.ts';
import { PasskeyBase } from '../shared/passkey-base.ts';
import { tokens } from '../shared/tokens.styles.ts';
import { CredentialsController, type ListState } from './credentials-controller.ts';
import { CredentialView } from './credential-view.ts';
import { checkName, Formatter, NAME_MAX } from './format.ts';
import { managerStyles } from './passkey-manager.styles.ts';

interface Editing {
  id: string;
  draft: string;
  problem?: PasskeyStringKey;
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
    client: () => this.client ?? this.ownClient(PasskeyClient),
    rpId: () => this.rpId || location.hostname,
  });
  #editing: Editing | undefined;
  #confirming: string | undefined;
  /** Why a row's rename or delete failed or was refused, by credential id. */
  readonly #notes = new Map<string, string>();
  #added: RegistrationResult | PasskeyError | undefined;
  #announcement = '';
  /** A short, stable number per credential id, for element ids (credential ids may hold any character). */
  readonly #keys = new Map<string, number>();
  #nextKey = 0;
  #formatter: Formatter | undefined;
  #view: CredentialView | undefined;
  #viewStrings: unknown;
  #viewProvider: unknown;

  constructor() {
    super();
    this.allowDeleteLast = false;
  }

  /** `loading`, `ready`, `error` or `unauthorized`; also the `state` attribute, for CSS. */
  get state(): ListState {
    return this.#data.state;
  }

  /** The passkeys as the server last listed them. */
  get credentials(): readonly PasskeyCredential[] {
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
    if (changed.has('client') || changed.has('apiUrl')) void this.refresh();
    this.#view = this.#viewNow();
  }

  protected override updated(): void {
    if (this.#editing) this.syncInput(`input-${this.#key(this.#editing.id)}`, this.#editing.draft);
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override render(): TemplateResult {
    const { locale, dir } = this.localize;
    return html`<div part="base" lang=${locale} dir=${dir ?? nothing}>
      ${this.#renderState()} ${this.#data.state === 'ready' ? this.#renderAdd() : nothing}
      <p id="announcer" role="status">${this.#announcement}</p>
    </div>`;
  }

  #renderState(): TemplateResult {
    const { t } = this.localize;
    const data = this.#data;
    switch (data.state) {
      case 'loading':
        return html`<p part="loading">${t('managerLoading')}</p>
          <ul part="list" aria-label=${t('managerListLabel')} aria-busy="true">
            ${[0, 1, 2].map(
              () => html`<li part="row skeleton" aria-hidden="true">
                <span part="skeleton-icon"></span><span part="details"><span part="skeleton-bar"></span><span part="skeleton-bar"></span></span>
              </li>`,
            )}
          </ul>`;
      case 'unauthorized':
        return html`<p part="unauthorized">${errorIcon}<span>${t('managerUnauthorized')}</span></p>`;
      case 'error':
        return html`<p part="error" id="load-error" role="alert">${errorIcon}<span>${this.#errorText(data.error)}</span></p>
          ${this.#button('retry-button', t('retryButton'), data.loading, this.#handleRetry, 'load-error')}`;
      case 'ready':
        if (data.credentials.length === 0) return html`<p part="empty">${t('managerEmpty')}</p>`;
        return html`<ul part="list" aria-label=${t('managerListLabel')} aria-busy=${data.loading ? 'true' : nothing}>
          ${repeat(data.credentials, (credential) => credential.id, (credential) => this.#guardedRow(credential))}
        </ul>`;
    }
  }

  /** Re-renders a row only when something it shows changed: renaming one of 1,000 passkeys touches one row. */
  #guardedRow(credential: PasskeyCredential) {
    const { id } = credential;
    const editing = this.#editing?.id === id ? this.#editing : undefined;
    const deps = [credential, this.#view, this.#data.busy.has(id), editing, editing?.draft, editing?.problem, this.#confirming === id, this.#notes.get(id), this.disabled];
    return guard(deps, () => this.#renderRow(credential));
  }

  #renderRow(credential: PasskeyCredential): TemplateResult {
    const { t } = this.localize;
    const { id } = credential;
    const k = this.#key(id);
    const busy = this.#data.busy.has(id);
    const editing = this.#editing?.id === id ? this.#editing : undefined;
    const confirming = this.#confirming === id;
    const note = this.#notes.get(id);
    const view = this.#view!;
    const name = view.name(credential);
    const action = (kind: string, label: string, onClick: () => void, describedBy?: string) =>
      html`<button part="action ${kind}" id="${kind}-${k}" type="button" aria-labelledby="${kind}-${k} name-${k}"
        aria-describedby=${describedBy ?? nothing} ?disabled=${this.disabled} aria-disabled=${busy ? 'true' : nothing}
        @click=${onClick}>${label}</button>`;
    return html`<li part="row" aria-busy=${busy ? 'true' : nothing}>
      ${view.provider(credential)?.icon ?? providerIcon}
      <div part="details">
        <span part="name" id="name-${k}">${name}</span>
        <span part="dates">${view.dates(credential)}</span>
        <span part="properties">${view.properties(credential)}</span>
      </div>
      <div part="actions" ?hidden=${Boolean(editing) || confirming}>
        ${action('rename-button', t('renameButton'), () => this.#startRename(credential))}
        ${action('delete-button', t('deleteButton'), () => this.#startDelete(credential), note ? `note-${k}` : undefined)}
      </div>
      ${editing ? this.#renderEditor(credential, editing, k, busy) : nothing}
      ${confirming
        ? html`<div part="confirm" role="group" aria-labelledby="confirm-${k}" @keydown=${this.#escapeTo(() => this.#closeConfirm(id))}>
            <p part="confirm-text" id="confirm-${k}">${t('deleteConfirm', { name })}</p>
            <button part="action danger-button" id="confirm-button-${k}" type="button" ?disabled=${this.disabled}
              aria-disabled=${busy ? 'true' : nothing} aria-busy=${busy ? 'true' : nothing} aria-describedby=${note ? `note-${k}` : nothing}
              @click=${() => this.#confirmDelete(credential)}>${busy ? spinnerIcon : nothing}${t('deleteConfirmButton')}</button>
            <button part="action cancel-button" type="button" @click=${() => this.#closeConfirm(id)}>${t('cancelButton')}</button>
          </div>`
        : nothing}
      ${note ? html`<p part="row-message" id="note-${k}">${note}</p>` : nothing}
    </li>`;
  }

  #renderEditor(credential: PasskeyCredential, editing: Editing, k: number, busy: boolean): TemplateResult {
    const { t } = this.localize;
    const { problem } = editing;
    const note = this.#notes.get(credential.id);
    const describedBy = [problem && `problem-${k}`, note && `note-${k}`].filter(Boolean).join(' ');
    return html`<form part="rename-form" novalidate @submit=${(event: SubmitEvent) => this.#handleRenameSubmit(event, credential)}
      @keydown=${this.#escapeTo(() => this.#closeEditor(credential.id))}>
      <div part="field">
        <label part="label" for="input-${k}">${t('nameLabel')}</label>
        <input part="input" id="input-${k}" type="text" autocomplete="off" spellcheck="false"
          ?readonly=${busy} ?disabled=${this.disabled} aria-invalid=${problem ? 'true' : nothing} aria-describedby=${describedBy || nothing}
          @input=${(event: InputEvent) => this.#handleDraftInput(event, editing)} />
        ${problem ? html`<p part="hint error-text" id="problem-${k}">${t(problem, { max: String(NAME_MAX) })}</p>` : nothing}
      </div>
      <button part="action save-button" type="submit" ?disabled=${this.disabled} aria-disabled=${busy ? 'true' : nothing}
        aria-busy=${busy ? 'true' : nothing}>${busy ? spinnerIcon : nothing}${t('saveButton')}</button>
      <button part="action cancel-button" type="button" @click=${() => this.#closeEditor(credential.id)}>${t('cancelButton')}</button>
    </form>`;
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
    return html`<button part="button ${kind}" id=${kind} type="button" ?disabled=${this.disabled} aria-disabled=${busy ? 'true' : nothing}
      aria-busy=${busy ? 'true' : nothing} aria-describedby=${describedBy ?? nothing} @click=${onClick}
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
    if (this.#data.state === 'ready') this.#focus('#add-button');
    else if (this.#data.state === 'error') await this.#announce(this.#errorText(this.#data.error));
  };

  async #startRename(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (this.disabled || this.#data.busy.has(id)) return;
    this.#confirming = undefined;
    this.#added = undefined;
    this.#notes.delete(id);
    this.#editing = { id, draft: credential.name ?? this.#view!.name(credential) };
    this.requestUpdate();
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#input-${this.#key(id)}`);
    input?.focus();
    input?.select();
  }

  #handleDraftInput(event: InputEvent, editing: Editing): void {
    editing.draft = (event.target as HTMLInputElement).value;
    if (editing.problem) {
      editing.problem = undefined;
      this.requestUpdate();
    }
  }

  async #handleRenameSubmit(event: SubmitEvent, credential: PasskeyCredential): Promise<void> {
    event.preventDefault();
    const { id } = credential;
    const editing = this.#editing;
    if (!editing || editing.id !== id || this.disabled || this.#data.busy.has(id)) return;
    const input = `#input-${this.#key(id)}`;
    const checked = checkName(editing.draft);
    if ('problem' in checked) {
      editing.problem = checked.problem;
      this.requestUpdate();
      await this.updateComplete;
      return this.#focus(input);
    }
    if (checked.name === credential.name) return this.#closeEditor(id);
    this.#notes.delete(id);
    const error = await this.#data.rename(id, checked.name);
    if (error) return this.#failedOn(id, error, input);
    this.#editing = undefined;
    await this.#announce(this.localize.t('renamed', { name: checked.name }));
    this.#focus(`#rename-button-${this.#key(id)}`);
  }

  async #closeEditor(id: string): Promise<void> {
    this.#editing = undefined;
    this.#notes.delete(id);
    this.requestUpdate();
    await this.updateComplete;
    this.#focus(`#rename-button-${this.#key(id)}`);
  }

  async #startDelete(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (this.disabled || this.#data.busy.has(id)) return;
    this.#editing = undefined;
    this.#added = undefined;
    // Without a passkey left the person could not sign in again: refuse, and say why, unless the page allows it.
    if (!this.allowDeleteLast && this.#data.credentials.length <= 1) {
      const refusal = this.localize.t('deleteLastRefused');
      this.#notes.set(id, refusal);
      return this.#announce(refusal);
    }
    this.#notes.delete(id);
    this.#confirming = id;
    this.requestUpdate();
    await this.updateComplete;
    // The safe answer first: Enter on a key held down by mistake cancels rather than deletes.
    this.#focus(`#confirm-${this.#key(id)} ~ [part~='cancel-button']`);
  }

  async #confirmDelete(credential: PasskeyCredential): Promise<void> {
    const { id } = credential;
    if (this.disabled || this.#data.busy.has(id)) return;
    const before = this.#data.credentials.map((c) => c.id);
    const index = before.indexOf(id);
    const name = this.#view!.name(credential);
    const error = await this.#data.remove(id);
    if (error) return this.#failedOn(id, error, `#confirm-button-${this.#key(id)}`);
    this.#confirming = undefined;
    this.#notes.delete(id);
    this.#keys.delete(id);
    await this.#announce(this.localize.t('deleted', { name }));
    // Focus goes on to the next passkey, else the one before, else the Add button.
    const next = [before[index + 1], before[index - 1]].find((other) => other && this.#data.credentials.some((c) => c.id === other));
    this.#focus(next ? `#rename-button-${this.#key(next)}` : '#add-button');
  }

  async #closeConfirm(id: string): Promise<void> {
    this.#confirming = undefined;
    this.#notes.delete(id);
    this.requestUpdate();
    await this.updateComplete;
    this.#focus(`#delete-button-${this.#key(id)}`);
  }

  /** A rename or delete failed: say why in the row (unless nobody is signed in any more), and stay there. */
  async #failedOn(id: string, error: PasskeyError, focusTarget: string): Promise<void> {
    if (this.#data.state !== 'ready') return this.requestUpdate();
    const text = this.#errorText(error);
    this.#notes.set(id, text);
    await this.#announce(text);
    this.#focus(focusTarget);
  }

  #escapeTo(close: () => void): (event: KeyboardEvent) => void {
    return (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
  }

  /**
   * Says `text` in the (visually hidden) polite live region; what the eye needs is on screen already. Emptied
   * first, so the same words twice in a row are announced twice.
   */
  async #announce(text: string): Promise<void> {
    this.#announcement = '';
    this.requestUpdate();
    await this.updateComplete;
    this.#announcement = text;
    this.requestUpdate();
    await this.updateComplete;
  }

  #errorText(error: PasskeyError | undefined): string {
    const { t } = this.localize;
    if (error?.code === 'already-registered') return t('addAlreadyRegistered');
    return t(error && error.code !== 'cancelled' ? ERROR_MESSAGE_KEYS[error.code] : 'errorUnknown');
  }

  /** Rebuilt per update: the locale or the loaded list may have changed. */
  /** The row formatting, made anew only when what it depends on changed, so unchanged rows can be skipped. */
  #viewNow(): CredentialView {
    const { locale, t } = this.localize;
    const now = this.#data.loadedAt;
    const { provider } = this.#data;
    const formatterChanged = this.#formatter?.locale !== locale || this.#formatter.now !== now;
    if (formatterChanged) this.#formatter = new Formatter(locale, now);
    const view = this.#view;
    if (view && !formatterChanged && this.#viewStrings === this.strings && this.#viewProvider === provider) return view;
    this.#viewStrings = this.strings;
    this.#viewProvider = provider;
    return new CredentialView(t, this.#formatter!, provider);
  }

  #key(id: string): number {
    let key = this.#keys.get(id);
    if (key === undefined) this.#keys.set(id, (key = this.#nextKey++));
    return key;
  }

  #focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'passkey-manager': PasskeyManager;
  }
}
