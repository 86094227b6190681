import type { PasskeyStringKey } from '../../i18n/index.ts';

/** The longest passkey name the protocol takes (`PATCH /credentials/:id`). */
export const NAME_MAX = 64;

// C0 and C1 control characters, DEL, and the line and paragraph separators: what servers refuse in a name.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The name to send (trimmed), or the string key that says what is wrong with it. */
export function checkName(input: string): { name: string } | { problem: PasskeyStringKey } {
  const name = input.trim();
  if (!name) return { problem: 'nameRequired' };
  // UTF-16 length, as JavaScript servers (and the mock) count it.
  if (name.length > NAME_MAX) return { problem: 'nameTooLong' };
  if (CONTROL_CHARACTERS.test(name)) return { problem: 'nameInvalid' };
  return { name };
}

/** Whether an AAGUID could name a provider: well-formed and not all zeros (what `none` attestation often sends). */
export function isKnownLooking(aaguid: unknown): aaguid is string {
  return typeof aaguid === 'string' && /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(aaguid) && /[1-9a-f]/i.test(aaguid);
}

export const TRANSPORT_KEYS: Record<string, PasskeyStringKey> = {
  usb: 'transportUsb',
  nfc: 'transportNfc',
  ble: 'transportBle',
  internal: 'transportInternal',
  hybrid: 'transportHybrid',
  cable: 'transportHybrid', // the older name of hybrid
  'smart-card': 'transportSmartCard',
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Dates and lists in one locale, dates relative to one moment. The manager takes `now` once per list load, so re-rendering a
 * row never changes another row's text: "3 days ago" stays what it was when the list came.
 */
export class Formatter {
  readonly locale: string;
  readonly now: number;
  readonly #relative: Intl.RelativeTimeFormat;
  readonly #absolute: Intl.DateTimeFormat;
  readonly #day: Intl.DateTimeFormat;
  readonly #list: Intl.ListFormat;

  constructor(locale: string, now: number) {
    this.locale = locale;
    this.now = now;
    this.#relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    this.#absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    this.#day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    this.#list = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  }

  /** "built-in, USB, NFC": a list of labels. */
  list(items: string[]): string {
    return this.#list.format(items);
  }

  /** "3 days ago", "yesterday", "now"; in the future only through clock skew, then "in 2 minutes". */
  relative(date: Date): string {
    const elapsed = date.getTime() - this.now;
    for (const [unit, ms] of UNITS) {
      if (Math.abs(elapsed) >= ms) return this.#relative.format(Math.round(elapsed / ms), unit);
    }
    return this.#relative.format(0, 'second');
  }

  /** The full date and time, for a tooltip. */
  absolute(date: Date): string {
    return this.#absolute.format(date);
  }

  /** Just the day, for a default name. */
  day(date: Date): string {
    return this.#day.format(date);
  }
}

/** A wire date as a Date, or undefined when absent or unreadable. */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
