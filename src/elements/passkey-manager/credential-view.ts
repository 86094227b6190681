import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyCredential } from '../../client/index.ts';
import type { PasskeyStringKey } from '../../i18n/index.ts';
import type { KnownAuthenticator } from './authenticators.ts';
import { isKnownLooking, parseDate, TRANSPORT_KEYS } from './format.ts';

type Translate = (key: PasskeyStringKey, values?: Record<string, string>) => string;
type Lookup = (aaguid: string) => KnownAuthenticator | undefined;

const DAY = 86_400_000;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * What a row says about a passkey, apart from what can be done with it: a pure function of the credential and
 * of what the view was made with (the strings, the locale, the moment the list came, the AAGUID table), so a row
 * renders the same until its credential changes. Dates are relative to `now`, the moment the list came: "3 days
 * ago" stays what it was, whichever row renders again.
 */
export class CredentialView {
  readonly #lookup: Lookup | undefined;
  readonly #now: number;
  readonly #t: Translate;
  readonly #relative: Intl.RelativeTimeFormat;
  readonly #absolute: Intl.DateTimeFormat;
  readonly #day: Intl.DateTimeFormat;
  readonly #list: Intl.ListFormat;

  constructor(t: Translate, locale: string, now: number, lookup: Lookup | undefined) {
    this.#t = t;
    this.#now = now;
    this.#lookup = lookup;
    this.#relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    this.#absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    this.#day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    this.#list = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  }

  /** The provider of an unnamed passkey, when the AAGUID table (if loaded) knows it. */
  provider({ name, aaguid }: PasskeyCredential): KnownAuthenticator | undefined {
    return !ownName(name) && isKnownLooking(aaguid) ? this.#lookup?.(aaguid) : undefined;
  }

  /** The person's own name for the passkey, else its provider's, else "Passkey from {date}". */
  name(credential: PasskeyCredential): string {
    const own = ownName(credential.name) || this.provider(credential)?.name;
    if (own) return own;
    const created = parseDate(credential.createdAt);
    return created ? this.#t('defaultName', { date: this.#day.format(created) }) : this.#t('unnamed');
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
      ${labels.length ? html`<span part="transports">${t('transports', { transports: this.#list.format(labels) })}</span>` : nothing}`;
  }

  /** `Created {time}` with a `<time>` in place of `{time}`: relative, with the exact date as its tooltip. */
  #withTime(key: PasskeyStringKey, date: Date): unknown[] {
    const [before, after = ''] = this.#t(key).split('{time}');
    const time = html`<time part="time" datetime=${date.toISOString()} title=${this.#absolute.format(date)}>${this.#relativeTo(date)}</time>`;
    return [before, time, after];
  }

  /** "3 days ago", "yesterday", "now"; in the future only through clock skew, then "in 2 minutes". */
  #relativeTo(date: Date): string {
    const elapsed = date.getTime() - this.#now;
    const [unit, ms] = UNITS.find(([, ms]) => Math.abs(elapsed) >= ms) ?? ['second', 1];
    return this.#relative.format(unit === 'second' ? 0 : Math.round(elapsed / ms), unit);
  }
}

function ownName(name: unknown): string {
  return typeof name === 'string' ? name.trim() : '';
}
