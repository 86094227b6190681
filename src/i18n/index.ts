import type { PasskeyErrorCode } from '../client/index.ts';
import type { PasskeyStrings } from './en.ts';

export type { PasskeyStrings };
export type PasskeyStringKey = keyof PasskeyStrings;

/**
 * The locales the kit ships. Each element bundles the English it shows (see en-common.ts) and never asks for `en`
 * here; the others load on first use. `registerLocale()` adds more.
 */
export const PASSKEY_LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR', 'zh-Hans', 'ar'] as const;
export type PasskeyLocale = (typeof PASSKEY_LOCALES)[number];

/** A language's table: its strings (missing ones fall back to English) and its writing direction (default `ltr`). */
export type PasskeyLocaleTable = Partial<PasskeyStrings> & { dir?: 'ltr' | 'rtl' };

const loaders: Record<PasskeyLocale, () => Promise<{ default: PasskeyLocaleTable }>> = {
  en: () => import('./en.ts'),
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
  ja: () => import('./ja.ts'),
  'pt-BR': () => import('./pt-BR.ts'),
  'zh-Hans': () => import('./zh-Hans.ts'),
  ar: () => import('./ar.ts'),
};

const loaded = new Map<string, PasskeyLocaleTable>();
const registered = new Map<string, PasskeyLocaleTable>();
const registrationListeners = new Set<() => void>();

/**
 * Adds a language, or changes strings of a shipped one, for every element on the page:
 * `registerLocale('he', { dir: 'rtl', loginButton: 'כניסה עם מפתח גישה', … })`. Strings it lacks fall back to the
 * shipped table of that tag, if any, then to English. Elements showing that language re-render.
 */
export function registerLocale(tag: string, table: PasskeyLocaleTable): void {
  const name = parseLocale(tag)?.baseName;
  if (!name) throw new RangeError(`registerLocale: "${tag}" is not a BCP 47 language tag`);
  registered.set(name, table);
  loaded.clear();
  for (const listener of registrationListeners) listener();
}

/** @internal Calls `listener` after each `registerLocale()`; returns what stops that. */
export function onRegisterLocale(listener: () => void): () => void {
  registrationListeners.add(listener);
  return () => registrationListeners.delete(listener);
}

/** The table of `locale` (a shipped or registered tag), loading it on first use. A locale that fails to load falls back to English. */
export async function loadStrings(locale: string): Promise<PasskeyLocaleTable> {
  const known = loaded.get(locale);
  if (known) return known;
  const shipped = (loaders as Record<string, () => Promise<{ default: PasskeyLocaleTable }>>)[locale];
  const base = shipped ? await shipped().catch(loaders.en).then((module) => module.default) : {};
  const table = { ...base, ...registered.get(locale) };
  loaded.set(locale, table);
  return table;
}

/**
 * The available locale (shipped or registered) closest to a BCP 47 tag: the same tag, else the same language in the
 * same script (`pt-PT` → `pt-BR`, `zh-CN` → `zh-Hans`, but not `zh-TW`, which is written in Traditional
 * characters), else English.
 */
export function matchLocale(tag: string | null | undefined): string {
  const wanted = parseLocale(tag);
  if (!wanted) return 'en';
  const available = [...registered.keys(), ...PASSKEY_LOCALES];
  const exact = available.find((locale) => locale.toLowerCase() === wanted.baseName.toLowerCase());
  if (exact) return exact;
  const { language, script } = wanted.maximize();
  return available.find((locale) => {
    const candidate = new Intl.Locale(locale).maximize();
    return candidate.language === language && candidate.script === script;
  }) ?? 'en';
}

function parseLocale(tag: string | null | undefined): Intl.Locale | undefined {
  try {
    return tag ? new Intl.Locale(tag.trim().replace(/_/g, '-')) : undefined;
  } catch {
    return undefined;
  }
}

/** The writing direction a table declares. */
export function directionOf(table: PasskeyLocaleTable): 'ltr' | 'rtl' {
  return table.dir === 'rtl' ? 'rtl' : 'ltr';
}

/** Replaces `{name}` placeholders with `values.name`. */
export function format(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/**
 * The message shown for each error code. A cancelled prompt shows none: the element just returns to idle. A `server`
 * error is a refusal of what was sent when its status says so (see `errorMessageKey`).
 */
export const ERROR_MESSAGE_KEYS: Record<Exclude<PasskeyErrorCode, 'cancelled'>, PasskeyStringKey> = {
  aborted: 'errorAborted',
  timeout: 'errorTimeout',
  'not-supported': 'notSupported',
  'already-registered': 'errorAlreadyRegistered',
  'unknown-credential': 'errorUnknownCredential',
  network: 'errorNetwork',
  server: 'errorServer',
  'invalid-response': 'errorInvalidResponse',
  'verification-failed': 'errorVerificationFailed',
  security: 'errorSecurity',
  unauthorized: 'errorUnauthorized',
  unknown: 'errorUnknown',
};

/** Statuses by which a server refuses the request itself (invalid, conflicting), rather than failing. */
const REFUSED_STATUSES = new Set([400, 409, 422]);

/** The message key for an error the person should read: a refused request asks to check the input, not to wait. */
export function errorMessageKey(error: { code: Exclude<PasskeyErrorCode, 'cancelled'>; status?: number | undefined }): PasskeyStringKey {
  return error.code === 'server' && REFUSED_STATUSES.has(error.status!) ? 'errorRefused' : ERROR_MESSAGE_KEYS[error.code];
}
