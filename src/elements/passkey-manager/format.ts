import type { PasskeyStringKey } from '../../i18n/index.ts';

/** The longest passkey name the protocol takes (`PATCH /credentials/:id`), in UTF-16 code units as `maxlength` counts. */
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

/** The person's own name of a passkey (a server may send anything: only a non-blank string is one). */
export function ownName(name: unknown): string {
  return typeof name === 'string' ? name.trim() : '';
}

// A Map, not an object: a transport named "constructor" or "__proto__" must find nothing.
const TRANSPORTS = new Map<unknown, PasskeyStringKey>([
  ['usb', 'transportUsb'],
  ['nfc', 'transportNfc'],
  ['ble', 'transportBle'],
  ['internal', 'transportInternal'],
  ['hybrid', 'transportHybrid'],
  ['cable', 'transportHybrid'], // the older name of hybrid
  ['smart-card', 'transportSmartCard'],
]);
/** More than any authenticator has: a hostile list of a million entries is not walked. */
const TRANSPORTS_READ = 16;

/** The string keys of the transports a server listed, known ones only, each once, in its order. */
export function transportKeys(transports: unknown): PasskeyStringKey[] {
  if (!Array.isArray(transports)) return [];
  const keys = new Set<PasskeyStringKey>();
  for (const transport of transports.slice(0, TRANSPORTS_READ)) {
    const key = TRANSPORTS.get(transport);
    if (key) keys.add(key);
  }
  return [...keys];
}

/** The AAGUID shape, and not all zeros (what `none` attestation sends): only such an AAGUID can name a provider. */
export function isProviderAaguid(aaguid: unknown): aaguid is string {
  return typeof aaguid === 'string' && /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(aaguid) && /[1-9a-f]/i.test(aaguid);
}

/** A wire date as a Date, or undefined when absent or unreadable. */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
