import { html, nothing, type TemplateResult } from 'lit';
import { supportsWebAuthn, type PasskeyError } from '../../client/index.ts';
import { errorMessageKey, type PasskeyStringKey } from '../../i18n/index.ts';
import { errorIcon, passkeyIcon } from '../shared/icons.ts';
import { button } from '../shared/templates.ts';
import type { ListState } from './credentials-controller.ts';

type Translate = (key: PasskeyStringKey, values?: Record<string, string>) => string;

/** What the list part of `<passkey-manager>` shows: its state, and the rows when it has them. */
export interface ListView {
  state: ListState;
  /** A request for the list is on its way. */
  loading: boolean;
  adding: boolean;
  disabled: boolean;
  /** Why the list could not be loaded. */
  error: PasskeyError | undefined;
  /** The rendered rows, when there are passkeys. */
  rows: unknown;
  count: number;
  onAdd: () => void;
  onRetry: () => void;
}

const skeleton = html`<div part="row skeleton" aria-hidden="true">
  <span part="skeleton-icon"></span><span part="details"><span part="skeleton-bar"></span><span part="skeleton-bar"></span></span>
</div>`;

/** The list in each of its states: placeholder rows, nobody signed in, a failure with a retry, or the passkeys and Add. */
export function list(t: Translate, view: ListView): TemplateResult {
  switch (view.state) {
    case 'loading':
      return html`<p part="loading">${t('managerLoading')}</p>
        <div part="list" role="list" aria-label=${t('managerListLabel')} aria-busy="true">${[skeleton, skeleton, skeleton]}</div>`;
    case 'unauthorized':
      return html`<p part="unauthorized">${errorIcon}<span>${t('managerUnauthorized')}</span></p>`;
    case 'error':
      return html`<p part="error" id="load-error" role="alert">${errorIcon}<span>${errorText(t, view.error)}</span></p>
        ${button({ label: t('retryButton'), parts: 'retry-button', id: 'retry-button', type: 'button', busy: view.loading, icon: nothing, disabled: view.disabled, describedBy: 'load-error', onClick: view.onRetry })}`;
    case 'ready':
      // Where WebAuthn is missing, Add could not work: say so up front, as the ceremony elements do.
      return html`${view.count
          ? html`<div part="list" role="list" aria-label=${t('managerListLabel')} aria-busy=${view.loading || nothing}>${view.rows}</div>`
          : html`<p part="empty">${t('managerEmpty')}</p>`}
        ${supportsWebAuthn()
          ? button({ label: t('addButton'), parts: 'add-button', id: 'add-button', type: 'button', busy: view.adding, icon: passkeyIcon, disabled: view.disabled, onClick: view.onAdd })
          : html`<p part="not-supported">${errorIcon}<span>${t('notSupported')}</span></p>`}`;
  }
}

/** What to tell the person about a failure of the manager. */
export function errorText(t: Translate, error: PasskeyError | undefined): string {
  if (error?.code === 'already-registered') return t('addAlreadyRegistered');
  return t(error && error.code !== 'cancelled' ? errorMessageKey({ code: error.code, status: error.status }) : 'errorUnknown');
}
