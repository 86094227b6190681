import { svg, type SVGTemplateResult } from 'lit';

// Decorative only: every icon sits next to text that says the same, so screen readers skip it.
// `@__PURE__`: a bundle keeps only the icons its elements show.
const icon = (part: string, body: SVGTemplateResult) => svg`<svg part=${part} viewBox="0 0 24 24" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

const passkeyGlyph = /* @__PURE__ */ svg`<circle cx="9" cy="7" r="4"/><path d="M2 21v-1a6 6 0 0 1 6-6h3"/><circle cx="17.5" cy="11.5" r="3"/><path d="M17.5 14.5V22m0-3h2m-2 2h1.5"/>`;
/** A person and a key: the usual passkey glyph. */
export const passkeyIcon = /* @__PURE__ */ icon('icon', passkeyGlyph);
/** The same glyph beside a passkey in `<passkey-manager>` whose provider is not known. */
export const providerIcon = /* @__PURE__ */ icon('provider-icon', passkeyGlyph);
export const spinnerIcon = /* @__PURE__ */ icon('spinner', svg`<circle cx="12" cy="12" r="9" stroke-opacity="0.3"/><path d="M21 12a9 9 0 0 0-9-9"/>`);
export const successIcon = /* @__PURE__ */ icon('message-icon', svg`<path d="M20 6 9 17l-5-5"/>`);
export const errorIcon = /* @__PURE__ */ icon('message-icon', svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5m0 3.5h.01"/>`);
