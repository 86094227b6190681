/**
 * dist/cdn/autoloader.js: one script tag that defines the kit's tags a page uses, each loaded only when it appears.
 *
 *   <script type="module" src="https://your.cdn/passkey-elements/dist/cdn/autoloader.js"></script>
 *
 * It looks through the document once, then watches it (a MutationObserver) for tags added later, and imports the
 * file of each tag it finds (passkey-login.js…, beside it) the first time. Shadow roots are closed to a document-wide
 * observer: hand an open one you render tags into to `discover(shadowRoot)`. It also re-exports `configure` and
 * `registerLocale`, so a page can set its defaults without loading every element:
 *
 *   import { configure } from 'https://your.cdn/passkey-elements/dist/cdn/autoloader.js';
 *   configure({ apiUrl: '/api/passkey' });
 *
 * The table below is all it can load: tag names read from the page only ever pick one of these files.
 */
export { configure, type PasskeyConfig } from '../elements/shared/config.ts';
export { registerLocale, type PasskeyLocaleTable } from '../i18n/index.ts';

const loaders: Record<string, () => Promise<unknown>> = {
  'passkey-register': () => import('../elements/passkey-register/define.ts'),
  'passkey-login': () => import('../elements/passkey-login/define.ts'),
  'passkey-manager': () => import('../elements/passkey-manager/define.ts'),
  'passkey-recovery': () => import('../elements/passkey-recovery/define.ts'),
};
const selector = Object.keys(loaders).join(',');
const requested = new Map<string, Promise<unknown>>();
const observed = new WeakSet<Node>();
let observer: MutationObserver | undefined;

/** Imports the file that defines `tag`, once; resolves when it is defined. */
function load(tag: string): Promise<unknown> {
  let loading = requested.get(tag);
  if (!loading) {
    // A rejection stays visible (the console shows it) and the next sighting of the tag tries again.
    loading = loaders[tag]!().catch((error: unknown) => {
      requested.delete(tag);
      throw error;
    });
    requested.set(tag, loading);
  }
  return loading;
}

/** Loads every kit tag at or under `node`. */
function scan(node: Node): Promise<unknown>[] {
  if (!(node instanceof Element || node instanceof Document || node instanceof DocumentFragment)) return [];
  const tags = new Set<string>();
  if (node instanceof Element && node.localName in loaders) tags.add(node.localName);
  for (const element of node.querySelectorAll(selector)) tags.add(element.localName);
  return [...tags].filter((tag) => !customElements.get(tag)).map(load);
}

function handleMutations(records: MutationRecord[]): void {
  for (const record of records) for (const node of record.addedNodes) void Promise.allSettled(scan(node));
}

/**
 * Defines the kit's tags in `root` now and whenever they are added to it later. The document is discovered on
 * its own; call this for an open shadow root that you render the tags into. Resolves once the tags in `root` now
 * are defined (rejects if one of their files failed to load).
 */
export async function discover(root: Document | ShadowRoot | Element = document): Promise<void> {
  if (!observed.has(root)) {
    observed.add(root);
    observer ??= new MutationObserver(handleMutations);
    observer.observe(root, { childList: true, subtree: true });
  }
  await Promise.all(scan(root));
}

void discover().catch((error: unknown) => console.error(error));
