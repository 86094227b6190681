import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  directionOf,
  format,
  loadStrings,
  matchLocale,
  type PasskeyLocale,
  type PasskeyStringKey,
  type PasskeyStrings,
} from '../../i18n/index.ts';

export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** The `locale` attribute: wins over any `lang`. */
  locale: string | undefined;
  /** Overrides of single strings, whatever the locale. */
  strings: Partial<PasskeyStrings> | undefined;
}

/**
 * Picks the host's locale (its `locale` attribute, else the closest `lang` up the tree, across shadow roots,
 * else English), loads its strings before the host renders, and re-renders when `<html lang>` changes.
 */
export class LocalizeController implements ReactiveController {
  /** The shipped locale in use. */
  locale: PasskeyLocale = 'en';
  /** `rtl` or `ltr` when the locale's direction must be set; undefined when an ancestor's `dir` already decides. */
  dir: 'ltr' | 'rtl' | undefined;

  readonly #host: LocalizedHost;
  /** The English the host shows: the fallback, and all it needs of English (en-common.ts and its own part). */
  readonly #english: Partial<PasskeyStrings>;
  #strings: Partial<PasskeyStrings>;
  readonly #observer = new MutationObserver(() => this.#host.requestUpdate());

  constructor(host: LocalizedHost, english: Partial<PasskeyStrings>) {
    this.#host = host;
    this.#english = this.#strings = english;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  /** Resolves the locale the host wants now and loads its strings; the host awaits this before each update. */
  async load(): Promise<void> {
    let locale: PasskeyLocale;
    let strings: Partial<PasskeyStrings>;
    // The wanted locale may change while its strings load; render the newest one.
    do {
      locale = this.#wanted();
      strings = locale === 'en' ? this.#english : await loadStrings(locale).catch(() => this.#english);
    } while (locale !== this.#wanted());
    this.locale = locale;
    this.#strings = strings;
    this.dir = closestAttribute(this.#host, 'dir') ? undefined : directionOf(locale);
  }

  #wanted(): PasskeyLocale {
    return matchLocale(this.#host.locale || closestAttribute(this.#host, 'lang'));
  }

  /** The string for `key`, with `{name}` placeholders filled from `values`. (An arrow: safe to destructure.) */
  readonly t = (key: PasskeyStringKey, values?: Record<string, string>): string =>
    format(this.#host.strings?.[key] ?? this.#strings[key]!, values);
}

/** The value of `name` on the element or its closest ancestor that has it, crossing shadow roots. */
function closestAttribute(element: Element, name: string): string | undefined {
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.hasAttribute(name)) return node.getAttribute(name) ?? undefined;
  }
  return undefined;
}
