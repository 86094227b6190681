import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  directionOf,
  format,
  loadStrings,
  matchLocale,
  onRegisterLocale,
  registeredStrings,
  type PasskeyLocaleTable,
  type PasskeyStringKey,
  type PasskeyStrings,
} from '../../i18n/index.ts';
import { pageConfig } from './config.ts';

export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** The `locale` attribute: wins over any `lang`. */
  locale: string | undefined;
  /** Overrides of single strings, whatever the locale. */
  strings: Partial<PasskeyStrings> | undefined;
}

/** The connected controllers; one observer of `<html lang dir>` and of `registerLocale()` serves them all. */
const watching = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

function rerenderAll(): void {
  for (const controller of watching) controller.changed();
}

/**
 * Picks the host's locale (its `locale` attribute, else `configure({ locale })`, else the closest `lang` up the
 * tree, across shadow roots, else English), loads its strings before the host renders, and re-renders when
 * `<html lang>` or `dir` changes or a locale is registered. Safe to construct where there is no DOM (server rendering).
 */
export class LocalizeController implements ReactiveController {
  /** The locale in use: a shipped or registered tag. */
  locale = 'en';
  /** `rtl` or `ltr` when the locale's direction must be set; undefined when an ancestor's `dir` already decides. */
  dir: 'ltr' | 'rtl' | undefined;

  readonly #host: LocalizedHost;
  /** The English the host shows: the fallback, and all it needs of English (en-common.ts and its own part). */
  readonly #english: Partial<PasskeyStrings>;
  #strings: PasskeyLocaleTable;

  constructor(host: LocalizedHost, english: Partial<PasskeyStrings>) {
    this.#host = host;
    this.#english = this.#strings = english;
    host.addController(this);
  }

  hostConnected(): void {
    if (!observer && typeof MutationObserver === 'function') {
      observer = new MutationObserver(rerenderAll);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
      onRegisterLocale(rerenderAll);
    }
    watching.add(this);
  }

  hostDisconnected(): void {
    watching.delete(this);
  }

  /** @internal The page's language, direction or registered locales changed. */
  changed(): void {
    this.#host.requestUpdate();
  }

  /** Resolves the locale the host wants now and loads its strings; the host awaits this before each update. */
  async load(): Promise<void> {
    let locale: string;
    let strings: PasskeyLocaleTable;
    // The wanted locale may change while its strings load; render the newest one.
    do {
      locale = this.#wanted();
      strings = locale === 'en' ? this.#withRegistered(this.#english) : await loadStrings(locale).catch(() => this.#english);
    } while (locale !== this.#wanted());
    this.locale = locale;
    this.#strings = strings;
    // A locale asked for by name lays out in its own direction; one inherited from `lang` follows the page's `dir`.
    const named = this.#host.locale || pageConfig().locale;
    this.dir = !named && closestAttribute(this.#host, 'dir') ? undefined : directionOf(strings);
  }

  /** English as the element bundles it, with what `registerLocale('en', …)` changed (a new table only then). */
  #withRegistered(english: Partial<PasskeyStrings>): PasskeyLocaleTable {
    const registered = registeredStrings('en');
    return registered ? { ...english, ...registered } : english;
  }

  #wanted(): string {
    return matchLocale(this.#host.locale || pageConfig().locale || closestAttribute(this.#host, 'lang'));
  }

  /** The string for `key`, with `{name}` placeholders filled from `values`. (An arrow: safe to destructure.) */
  readonly t = (key: PasskeyStringKey, values?: Record<string, string>): string =>
    format(this.#host.strings?.[key] ?? this.#strings[key] ?? this.#english[key]!, values);
}

/** The value of `name` on the element or its closest ancestor that has it, crossing shadow roots. */
function closestAttribute(element: Element, name: string): string | undefined {
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.hasAttribute(name)) return node.getAttribute(name) ?? undefined;
  }
  return undefined;
}
