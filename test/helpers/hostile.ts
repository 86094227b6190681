/**
 * Input that would run script if an element rendered it as HTML (each `<img>` fails to load a `data:` URL, so its
 * `onerror` runs within moments, without a request), and a detector for what such rendering leaves
 * behind. `window.__pwned` is what every payload sets.
 */

/** Payloads that fit where a username fits (the mock allows 256 characters) and, except the long one, a passkey name (64). */
export const HOSTILE: { label: string; value: string }[] = [
  { label: 'an <img onerror>', value: '<img src=data:,x onerror="window.__pwned=1">' },
  { label: 'a <script>', value: '<script>window.__pwned=1</script>' },
  { label: 'an attribute breakout into <svg onload>', value: '"><svg onload=window.__pwned=1>' },
  { label: 'right-to-left override characters', value: 'ada\u202Egnp.exe\u202C \u2067<b>evil</b>\u2069 \u200F' },
  { label: 'HTML entities, which must stay as typed', value: '&lt;img src=x onerror=window.__pwned=1&gt; &amp; &#60;b&#62;' },
];

/** 256 characters of markup: the longest username there is (`USERNAME_MAX_LENGTH`), and the mock's limit for display names. */
export const LONG_USERNAME = ('<i onmouseover=window.__pwned=1>x</i>'.repeat(6) + '<img src=data:,x onerror=window.__pwned=1>' + 'y'.repeat(256)).slice(0, 256);

/** 64 characters (the most a rename allows) of markup. */
export const LONG_NAME = ('<svg onload=window.__pwned=1>' + '<img src=data:,x onerror=window.__pwned=1>').slice(0, 64).padEnd(64, 'z');

/** 4,000 characters of markup: what a server may hold as a name without the mock's limits. */
export const HUGE_NAME = '<img src=data:,x onerror=window.__pwned=1><script>window.__pwned=1</script>'.repeat(58);

/** Fills `{name}` placeholders as the kit's strings do, without `String.replace`'s `$&` patterns. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/**
 * Elements the payloads would have made, in `root` and every shadow root below it: `img`, `script`, `iframe`,
 * `object`, `embed`, any element with an `on…` attribute, and any top-level `<svg>` that is not one of the kit's
 * icons (which all carry a `part`). Described as text: comparing DOM nodes in a failing assertion can hang Chromium.
 */
export function injected(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    const handler = [...element.attributes].some((attribute) => attribute.name.toLowerCase().startsWith('on'));
    const strangeSvg = tag === 'svg' && !element.parentElement?.closest('svg') && !element.hasAttribute('part');
    if (['img', 'script', 'iframe', 'object', 'embed', 'b', 'i'].includes(tag) || handler || strangeSvg) {
      found.push(element.outerHTML.slice(0, 120));
    }
    if (element.shadowRoot) found.push(...injected(element.shadowRoot));
  }
  return found;
}

/**
 * The exact text of a node that must hold only text and the `<bdi>`s that isolate names in it (each holding only
 * text): its textContent, or a description of anything else it holds.
 */
export function onlyTextAndBdi(node: Element | null | undefined): string {
  if (!node) return '(missing)';
  const other = [...node.querySelectorAll('*')].some((element) => element.localName !== 'bdi' || element.childElementCount > 0);
  return other ? `(holds elements: ${node.innerHTML.slice(0, 120)})` : (node.textContent ?? '');
}

/** The exact text of a node that must hold only text: its textContent, or a description of the elements it holds. */
export function onlyText(node: Element | null | undefined): string {
  if (!node) return '(missing)';
  if (node.childElementCount > 0) return `(holds elements: ${node.innerHTML.slice(0, 120)})`;
  return node.textContent ?? '';
}

export const pwned = () => (window as { __pwned?: unknown }).__pwned;
