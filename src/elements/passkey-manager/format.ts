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

/** A wire date as a Date, or undefined when absent or unreadable. */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
