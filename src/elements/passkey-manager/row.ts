import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyCredential } from '../../client/index.ts';
import type { PasskeyStringKey } from '../../i18n/index.ts';
import { providerIcon, spinnerIcon } from '../shared/icons.ts';
import { isolate } from '../shared/templates.ts';
import type { CredentialView } from './credential-view.ts';
import { NAME_MAX } from './format.ts';
import type { ProviderIcons } from './providers/provider.ts';

/** What the person is doing with one passkey. */
export interface RowState {
  mode: 'idle' | 'editing' | 'confirming';
  /** The name in the editor. */
  draft: string;
  /** What is wrong with the draft, said beside the field. */
  problem?: PasskeyStringKey | undefined;
  /** Why the row's last rename or delete failed or was refused. */
  note?: string | undefined;
}

export const IDLE: RowState = { mode: 'idle', draft: '' };

export type Opener = 'rename-button' | 'delete-button';

/** What the person can do to a passkey; the element's handlers. */
export interface RowActions {
  rename(credential: PasskeyCredential): void;
  draft(credential: PasskeyCredential, value: string): void;
  save(credential: PasskeyCredential, event: SubmitEvent): void;
  close(credential: PasskeyCredential, opener: Opener): void;
  askDelete(credential: PasskeyCredential): void;
  confirmDelete(credential: PasskeyCredential): void;
}

/** What every row of one render is made with. */
export interface RowContext {
  view: CredentialView;
  t: (key: PasskeyStringKey, values?: Record<string, string>) => string;
  disabled: boolean;
  /** The backend renames passkeys (as far as has been seen). */
  canRename: boolean;
  /** This is the only passkey, and the page does not allow deleting it. */
  lastOne: boolean;
  on: RowActions;
}

/** One passkey: a pure function of its credential, its row state and the context; `key` numbers its element ids. */
export function row(credential: PasskeyCredential, state: RowState, key: number, busy: boolean, icons: ProviderIcons | undefined, context: RowContext): TemplateResult {
  const { view, t, canRename, lastOne, on } = context;
  const name = view.name(credential);
  const noteId = state.note ? `note-${key}` : undefined;
  const button = (kind: string, label: string, options: ActionOptions = {}) => action(key, kind, label, context.disabled, options);
  return html`<div part="row" role="listitem" aria-busy=${busy || nothing}>
    ${providerImage(icons)}
    <div part="details">
      <span part="name" id="name-${key}" dir="auto">${name}</span>
      <span part="dates">${view.dates(credential)}</span>
      <span part="properties">${view.properties(credential)}</span>
    </div>
    <div part="actions" ?hidden=${state.mode !== 'idle'}>
      ${canRename ? button('rename-button', t('renameButton'), { onClick: () => on.rename(credential), named: true }) : nothing}
      ${button('delete-button', t('deleteButton'), {
        onClick: () => on.askDelete(credential),
        named: true,
        locked: lastOne,
        describedBy: lastOne ? `locked-${key}` : noteId,
      })}
    </div>
    ${state.mode === 'editing' ? editor(credential, state, key, busy, noteId, context) : nothing}
    ${state.mode === 'confirming'
      ? html`<div part="confirm" role="group" aria-labelledby="confirm-${key}" @keydown=${escapeTo(() => on.close(credential, 'delete-button'))}>
          <p part="confirm-text" id="confirm-${key}">${isolate(t('deleteConfirm'), { name })}</p>
          ${button('danger-button', t('deleteConfirmButton'), { onClick: () => on.confirmDelete(credential), busy, describedBy: noteId })}
          ${button('cancel-button', t('cancelButton'), { onClick: () => on.close(credential, 'delete-button'), always: true })}
        </div>`
      : nothing}
    ${lastOne ? html`<p part="row-hint" id="locked-${key}">${t('deleteLastRefused')}</p>` : nothing}
    ${noteId ? html`<p part="row-message" id=${noteId}>${state.note}</p>` : nothing}
  </div>`;
}

/**
 * The inline name editor: the limit and a counter always in view, Save and Cancel beside the field, and what is wrong
 * under it, where it moves nothing else.
 */
function editor(credential: PasskeyCredential, state: RowState, key: number, busy: boolean, noteId: string | undefined, context: RowContext): TemplateResult {
  const { view, t, on, disabled } = context;
  const { problem, draft } = state;
  const max = view.number(NAME_MAX);
  const tooLong = problem === 'nameTooLong';
  const describedBy = [`limit-${key}`, problem && !tooLong && `problem-${key}`, noteId].filter(Boolean).join(' ');
  const button = (kind: string, label: string, options: ActionOptions) => action(key, kind, label, disabled, options);
  return html`<form part="rename-form" novalidate @submit=${(event: SubmitEvent) => on.save(credential, event)}
    @keydown=${escapeTo(() => on.close(credential, 'rename-button'))}>
    <label part="label" for="input-${key}">${t('nameLabel')}</label>
    <input part="input" id="input-${key}" type="text" dir="auto" autocomplete="off" spellcheck="false" maxlength=${NAME_MAX}
      .value=${draft} ?readonly=${busy} ?disabled=${disabled} aria-invalid=${problem ? 'true' : nothing} aria-describedby=${describedBy}
      @input=${(event: InputEvent) => on.draft(credential, (event.target as HTMLInputElement).value)} />
    ${button('save-button', t('saveButton'), { busy })}
    ${button('cancel-button', t('cancelButton'), { onClick: () => on.close(credential, 'rename-button'), always: true })}
    <p part=${tooLong ? 'hint limit error-text' : 'hint limit'} id="limit-${key}">
      <span>${t('nameTooLong', { max })}</span> <span part="counter" aria-hidden="true">${view.number(draft.length)}/${max}</span>
    </p>
    ${problem && !tooLong ? html`<p part="hint error-text" id="problem-${key}">${t(problem)}</p>` : nothing}
  </form>`;
}

interface ActionOptions {
  /** Without it, the button submits the row's form. */
  onClick?: () => void;
  /** The row's rename or delete is on its way. */
  busy?: boolean;
  /** Named with the passkey's name too: "Rename Laptop". */
  named?: boolean;
  /** Works while the element is disabled: Cancel only closes. */
  always?: boolean;
  /** Offered but refused (the last passkey's Delete): focusable, so that its explanation is heard. */
  locked?: boolean;
  describedBy?: string | undefined;
}

/** A button of a row. Busy or locked, it stays focusable (`aria-disabled`) and the handler ignores it. */
function action(key: number, kind: string, label: string, disabled: boolean, options: ActionOptions): TemplateResult {
  const { onClick, busy = false, named, always, locked, describedBy } = options;
  return html`<button part="action ${kind}" id="${kind}-${key}" type=${onClick ? 'button' : 'submit'}
    aria-labelledby=${named ? `${kind}-${key} name-${key}` : nothing} aria-describedby=${describedBy ?? nothing}
    ?disabled=${disabled && !always} aria-disabled=${busy || locked ? 'true' : nothing} aria-busy=${busy || nothing} @click=${onClick}
    >${busy ? spinnerIcon : nothing}${label}</button>`;
}

/** The provider's logo for light and dark backgrounds (CSS shows one), else the passkey glyph. Decorative: the name says it. */
function providerImage(icons: ProviderIcons | undefined): unknown {
  if (!icons) return providerIcon;
  const image = (src: string, scheme?: string) => html`<img part="provider-logo" src=${src} alt="" data-scheme=${scheme ?? nothing} />`;
  return html`<span part="provider-icon">${icons.dark === icons.light ? image(icons.light) : [image(icons.light, 'light'), image(icons.dark, 'dark')]}</span>`;
}

/** A keydown listener that runs `close` on Escape. */
function escapeTo(close: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
}
