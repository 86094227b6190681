import type { PasskeyErrorCode } from '../client/index.ts';
import type { PasskeyStrings } from './en.ts';

export type { PasskeyStrings };
export type PasskeyStringKey = keyof PasskeyStrings;

/**
 * The locales the kit ships. Each element bundles the English it shows (see en-common.ts) and never asks for `en`
 * here; the others load on first use.
 */
export const PASSKEY_LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR', 'zh-Hans', 'ar'] as const;
export type PasskeyLocale = (typeof PASSKEY_LOCALES)[number];

const loaders: Record<PasskeyLocale, () => Promise<{ default: PasskeyStrings }>> = {
  en: () => import('./en.ts'),
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
  ja: () => import('./ja.ts'),
  'pt-BR': () => import('./pt-BR.ts'),
  'zh-Hans': () => import('./zh-Hans.ts'),
  ar: () => import('./ar.ts'),
};

const loaded = new Map<PasskeyLocale, PasskeyStrings>();

/** The strings of `locale`, loading them on first use. A locale that fails to load falls back to English. */
export async function loadStrings(locale: PasskeyLocale): Promise<PasskeyStrings> {
  const known = loaded.get(locale);
  if (known) return known;
  const strings = await loaders[locale]().catch(loaders.en).then((module) => module.default);
  loaded.set(locale, strings);
  return strings;
}

/**
 * The shipped locale closest to a BCP 47 tag: the same tag, else the same language in the same script
 * (`pt-PT` → `pt-BR`, `zh-CN` → `zh-Hans`, but not `zh-TW`, which is written in Traditional characters), else English.
 */
export function matchLocale(tag: string | null | undefined): PasskeyLocale {
  const wanted = parseLocale(tag);
  if (!wanted) return 'en';
  const exact = PASSKEY_LOCALES.find((locale) => locale.toLowerCase() === wanted.baseName.toLowerCase());
  if (exact) return exact;
  const { language, script } = wanted.maximize();
  return PASSKEY_LOCALES.find((locale) => {
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

/** The writing direction of a shipped locale. */
export function directionOf(locale: PasskeyLocale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
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
