import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyCredential } from '../../client/index.ts';
import type { PasskeyStringKey } from '../../i18n/index.ts';
import { isProviderAaguid, ownName, parseDate, transportKeys } from './format.ts';
import type { Provider } from './providers/provider.ts';

type Translate = (key: PasskeyStringKey, values?: Record<string, string>) => string;

const DAY = 86_400_000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

interface Formats {
  relative: Intl.RelativeTimeFormat;
  /** The exact moment, as a date's tooltip. */
  exact: Intl.DateTimeFormat;
  /** Date and time to the minute, in default names: two passkeys of one provider rarely share a minute. */
  moment: Intl.DateTimeFormat;
  list: Intl.ListFormat;
  number: Intl.NumberFormat;
}

// Intl formatters are costly to make and stateless: one set per locale for the page.
const formatsByLocale = new Map<string, Formats>();
function formatsFor(locale: string): Formats {
  let formats = formatsByLocale.get(locale);
  if (!formats) {
    formats = {
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      exact: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
      moment: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      // "USB, NFC, phone nearby"; Chinese and Japanese get their list separator (`unit` gives none).
      list: new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }),
      number: new Intl.NumberFormat(locale),
    };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

/**
 * What a row says about a passkey, apart from what can be done with it: pure functions of the credential and of what
 * the view was made with (the strings, the locale, the moment the list came, the provider table). Dates are relative to
 * `now`, the moment the list came, so "3 days ago" stays what it was whichever row renders again.
 */
export class CredentialView {
  readonly #t: Translate;
  readonly #now: number;
  readonly #providers: ReadonlyMap<string, Provider> | undefined;
  readonly #formats: Formats;

  constructor(t: Translate, locale: string, now: number, providers: ReadonlyMap<string, Provider> | undefined) {
    this.#t = t;
    this.#now = now;
    this.#providers = providers;
    this.#formats = formatsFor(locale);
  }

  /** The passkey's provider, when its AAGUID is in the (loaded) table. */
  provider({ aaguid }: PasskeyCredential): Provider | undefined {
    return isProviderAaguid(aaguid) ? this.#providers?.get(aaguid.toLowerCase()) : undefined;
  }

  /** The provider's name in the person's language, where the vendor has one. */
  providerName(credential: PasskeyCredential): string | undefined {
    const provider = this.provider(credential);
    return provider && (provider.key ? this.#t(provider.key) : provider.name);
  }

  /** The person's own name for the passkey, else the suggested one. */
  name(credential: PasskeyCredential): string {
    return ownName(credential.name) || this.suggestedName(credential);
  }

  /** "iCloud Keychain, Dec 1, 2026, 2:03 PM", "Passkey, …": its provider and when it was made, so two read differently. */
  suggestedName(credential: PasskeyCredential): string {
    const provider = this.providerName(credential) ?? this.#t('unnamed');
    const created = parseDate(credential.createdAt);
    return created ? this.#t('defaultName', { provider, date: this.#formats.moment.format(created) }) : provider;
  }

  /** A number in the person's digits. */
  number(value: number): string {
    return this.#formats.number.format(value);
  }

  /** "Created: 3 days ago  Last used: yesterday". `lastUsedAt: null` says the server knows it was never used; absent says nothing. */
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
    const synced = typeof backedUp === 'boolean' ? backedUp : deviceType === 'multiDevice' ? true : deviceType === 'singleDevice' ? false : undefined;
    const labels = transportKeys(transports).map((key) => t(key));
    return html`${synced === undefined ? nothing : html`<span part="sync" data-synced=${String(synced)}>${t(synced ? 'synced' : 'deviceBound')}</span>`}
      ${labels.length ? html`<span part="transports">${t('transports', { transports: this.#formats.list.format(labels) })}</span>` : nothing}`;
  }

  /** `Created: {time}` with a `<time>` in place of `{time}`: relative, with the exact date as its tooltip. */
  #withTime(key: PasskeyStringKey, date: Date): unknown[] {
    const [before, after = ''] = this.#t(key).split('{time}');
    const time = html`<time part="time" datetime=${date.toISOString()} title=${this.#formats.exact.format(date)}>${this.#relativeTo(date)}</time>`;
    return [before, time, after];
  }

  /** "3 days ago", "yesterday", "just now"; in the future only through clock skew, then "in 2 minutes". */
  #relativeTo(date: Date): string {
    const elapsed = date.getTime() - this.#now;
    const unit = UNITS.find(([, ms]) => Math.abs(elapsed) >= ms);
    return unit ? this.#formats.relative.format(Math.round(elapsed / unit[1]), unit[0]) : this.#t('justNow');
  }
}
