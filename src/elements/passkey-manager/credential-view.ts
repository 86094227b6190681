import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyCredential } from '../../client/index.ts';
import type { PasskeyStringKey } from '../../i18n/index.ts';
import type { KnownAuthenticator } from './authenticators.ts';
import { type Formatter, isKnownLooking, parseDate, TRANSPORT_KEYS } from './format.ts';

type Translate = (key: PasskeyStringKey, values?: Record<string, string>) => string;

/**
 * What a row says about a passkey, apart from what can be done with it: a pure function of the credential,
 * the strings and the formatter, so a row renders the same until its credential changes.
 */
export class CredentialView {
  readonly #t: Translate;
  readonly #format: Formatter;
  readonly #lookup: ((aaguid: string) => KnownAuthenticator | undefined) | undefined;

  constructor(t: Translate, format: Formatter, lookup: ((aaguid: string) => KnownAuthenticator | undefined) | undefined) {
    this.#t = t;
    this.#format = format;
    this.#lookup = lookup;
  }

  /** The provider of an unnamed passkey, when the AAGUID table (if loaded) knows it. */
  provider({ name, aaguid }: PasskeyCredential): KnownAuthenticator | undefined {
    return !ownName(name) && isKnownLooking(aaguid) ? this.#lookup?.(aaguid) : undefined;
  }

  /** The person's own name for the passkey, else its provider's, else "Passkey from {date}". */
  name(credential: PasskeyCredential): string {
    const own = ownName(credential.name);
    if (own) return own;
    const provider = this.provider(credential);
    if (provider) return provider.name;
    const created = parseDate(credential.createdAt);
    return created ? this.#t('defaultName', { date: this.#format.day(created) }) : this.#t('unnamed');
  }

  /** "Created 3 days ago  Last used yesterday". `lastUsedAt: null` says the server knows it was never used; absent says nothing. */
  dates({ createdAt, lastUsedAt }: PasskeyCredential): TemplateResult {
    const created = parseDate(createdAt);
    const used = parseDate(lastUsedAt);
    // The space between the spans is for screen readers; on screen, the flex gap separates them.
    return html`${created ? html`<span part="created">${this.#withTime('created', created)}</span>` : nothing}
      ${used || lastUsedAt === null
        ? html`<span part="last-used">${used ? this.#withTime('lastUsed', used) : this.#t('neverUsed')}</span>`
        : nothing}`;
  }

  /** "Synced across your devices  Connection: built-in, USB". */
  properties({ backedUp, deviceType, transports }: PasskeyCredential): TemplateResult {
    const t = this.#t;
    const synced = typeof backedUp === 'boolean' ? backedUp : deviceType ? deviceType === 'multiDevice' : undefined;
    const labels = [...new Set((Array.isArray(transports) ? transports : []).map((name) => TRANSPORT_KEYS[name]))]
      .filter((key) => key !== undefined)
      .map((key) => t(key));
    return html`${synced === undefined ? nothing : html`<span part="sync" data-synced=${String(synced)}>${t(synced ? 'synced' : 'deviceBound')}</span>`}
      ${labels.length ? html`<span part="transports">${t('transports', { transports: this.#format.list(labels) })}</span>` : nothing}`;
  }

  /** `Created {time}` with a `<time>` in place of `{time}`: relative, with the exact date as its tooltip. */
  #withTime(key: PasskeyStringKey, date: Date): unknown[] {
    const [before, after = ''] = this.#t(key).split('{time}');
    const time = html`<time part="time" datetime=${date.toISOString()} title=${this.#format.absolute(date)}>${this.#format.relative(date)}</time>`;
    return [before, time, after];
  }
}

function ownName(name: unknown): string {
  return typeof name === 'string' ? name.trim() : '';
}
