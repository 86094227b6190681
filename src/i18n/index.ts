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

/**
 * The languages `registerLocale()` added, and what re-renders the elements after it: one registry per page, shared by
 * every copy of the kit on it (a bundle, a CDN file, the autoloader's own `registerLocale()`).
 */
const registry: { tables: Map<string, PasskeyLocaleTable>; listeners: Set<() => void> } = ((globalThis as { [key: symbol]: typeof registry })[
  Symbol.for('passkey-elements.locales')
] ??= { tables: new Map(), listeners: new Set() });
/** The shipped tables loaded so far. */
const shipped = new Map<string, PasskeyLocaleTable>();

/**
 * Adds a language, or changes strings of a shipped one, for every element on the page:
 * `registerLocale('he', { dir: 'rtl', loginButton: 'כניסה עם מפתח גישה', … })`. Strings it lacks fall back to the
 * shipped table of that tag, if any, then to English. Elements showing that language re-render.
 */
export function registerLocale(tag: string, table: PasskeyLocaleTable): void {
  const name = parseLocale(tag)?.baseName;
  if (!name) throw new RangeError(`registerLocale: "${tag}" is not a BCP 47 language tag`);
  registry.tables.set(name, table);
  for (const listener of registry.listeners) listener();
}

/** @internal Calls `listener` after each `registerLocale()`; returns what stops that. */
export function onRegisterLocale(listener: () => void): () => void {
  registry.listeners.add(listener);
  return () => registry.listeners.delete(listener);
}

/** What `registerLocale()` gave `locale`, if anything. */
export function registeredStrings(locale: string): PasskeyLocaleTable | undefined {
  return registry.tables.get(locale);
}

/** The table of `locale` (a shipped or registered tag), loading it on first use. A locale that fails to load falls back to English. */
export async function loadStrings(locale: string): Promise<PasskeyLocaleTable> {
  const load = (loaders as Record<string, () => Promise<{ default: PasskeyLocaleTable }>>)[locale];
  let base = shipped.get(locale);
  if (!base && load) shipped.set(locale, (base = (await load().catch(loaders.en)).default));
  const registered = registry.tables.get(locale);
  // A new table only when one was registered: the elements ask before each update.
  return registered ? { ...base, ...registered } : (base ?? {});
}

/**
 * The available locale (shipped or registered) closest to a BCP 47 tag: the same tag, else the same language in the
 * same script (`pt-PT` → `pt-BR`, `zh-CN` → `zh-Hans`, but not `zh-TW`, which is written in Traditional
 * characters), else English.
 */
export function matchLocale(tag: string | null | undefined): string {
  const wanted = parseLocale(tag);
  if (!wanted) return 'en';
  const available = [...registry.tables.keys(), ...PASSKEY_LOCALES];
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

/** Statuses by which a server refuses the request itself (invalid, conflicting), rather than failing. */
const REFUSED_STATUSES = new Set([400, 409, 422]);

/** `already-registered` → `AlreadyRegistered`. */
type Camel<Code extends string> = Code extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Camel<Tail>}` : Capitalize<Code>;
/** The string of each code: `error` and the code in camel case (a code without its string fails to compile below). */
type ErrorMessageKey = `error${Camel<Exclude<PasskeyErrorCode, 'cancelled' | 'not-supported'>>}`;

/**
 * The message key for an error the person should read: `errorAlreadyRegistered` for `already-registered`, and so on;
 * `notSupported` says what the elements say up front. A refused request (a `server` error whose status says so) asks to
 * check the input, not to wait. A cancelled prompt shows none: the element just returns to idle.
 */
export function errorMessageKey({ code, status }: { code: Exclude<PasskeyErrorCode, 'cancelled'>; status?: number | undefined }): PasskeyStringKey {
  if (code === 'not-supported') return 'notSupported';
  if (code === 'server' && REFUSED_STATUSES.has(status!)) return 'errorRefused';
  return `error${code.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}` as ErrorMessageKey satisfies PasskeyStringKey;
}
