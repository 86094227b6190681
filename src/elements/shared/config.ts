import type { PasskeyClient } from '../../client/index.ts';

/** Page-wide defaults for every element of the kit; an element's own attributes and properties win. */
export interface PasskeyConfig {
  /** Base URL of your passkey endpoints, as the `api-url` attribute. */
  apiUrl?: string | undefined;
  /** Base URL of `/recovery/send`, as the `recovery-url` attribute. Default: `/api/auth` on the origin of `apiUrl`. */
  recoveryUrl?: string | undefined;
  /** fetch's cookie mode, as the `credentials` attribute. */
  credentials?: RequestCredentials | undefined;
  /** A `PasskeyClient` for every element that has none of its own (custom `fetch`, headers, `onRequest`…). */
  client?: PasskeyClient | undefined;
  /** A BCP 47 tag, as the `locale` attribute; below it, the closest `lang` attribute decides. */
  locale?: string | undefined;
}

interface SharedConfig {
  config: PasskeyConfig;
  /** What re-renders the connected elements when the configuration changes. */
  listeners: Set<() => void>;
}

// One configuration per page, even when two copies of the kit are loaded (a CDN file and a bundle).
const shared: SharedConfig = ((globalThis as { [key: symbol]: SharedConfig })[Symbol.for('passkey-elements.config')] ??= {
  config: {},
  listeners: new Set(),
});

/**
 * Sets the defaults of every element on the page, those already there and those to come:
 * `configure({ apiUrl: 'https://api.example.com/api/passkey' })`. Each call merges into the previous one; a key set
 * to `undefined` goes back to the built-in default. An element's own attributes and properties win.
 *
 * Like a form's `action`, these decide where the person's signed passkey assertions go: set them from your own
 * code, never from page input (URL parameters, storage, messages).
 */
export function configure(config: PasskeyConfig): void {
  shared.config = { ...shared.config, ...config };
  for (const listener of shared.listeners) listener();
}

/** The page-wide configuration now. */
export function pageConfig(): Readonly<PasskeyConfig> {
  return shared.config;
}

/** Calls `listener` after each `configure()`; returns what stops that. */
export function onConfigure(listener: () => void): () => void {
  shared.listeners.add(listener);
  return () => shared.listeners.delete(listener);
}
