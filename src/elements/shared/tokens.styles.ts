import { css } from 'lit';

const dark = css`
  color-scheme: dark;
  --_accent: var(--passkey-color-accent, #4493f8);
  --_on-accent: var(--passkey-color-on-accent, #0d1117);
  --_text: var(--passkey-color-text, #f0f6fc);
  --_muted: var(--passkey-color-muted, #9198a1);
  --_surface: var(--passkey-color-surface, #151b23);
  --_field: var(--passkey-color-field, #0d1117);
  --_border: var(--passkey-color-border, #757d87);
  --_danger: var(--passkey-color-danger, #ff8e8a);
  --_success: var(--passkey-color-success, #4ac26b);
  --_focus: var(--passkey-color-focus, #4493f8);
`;

/**
 * Tier 1, the global tokens: a page sets `--passkey-*` once (on `:root`, say) for every element of the kit.
 * They resolve here into private `--_*` variables whose fallbacks follow the colour scheme: the system's
 * (`prefers-color-scheme`) unless the `color-scheme` attribute forces `light` or `dark`.
 */
export const tokens = css`
  :host {
    color-scheme: light;
    --_accent: var(--passkey-color-accent, #1d4ed8);
    --_on-accent: var(--passkey-color-on-accent, #ffffff);
    --_text: var(--passkey-color-text, #1f2328);
    --_muted: var(--passkey-color-muted, #59636e);
    --_surface: var(--passkey-color-surface, #ffffff);
    --_field: var(--passkey-color-field, #ffffff);
    --_border: var(--passkey-color-border, #6e7781);
    --_danger: var(--passkey-color-danger, #b42318);
    --_success: var(--passkey-color-success, #1a7f37);
    --_focus: var(--passkey-color-focus, #0969da);
    --_radius: var(--passkey-radius, 0.5rem);
    --_font-family: var(--passkey-font-family, system-ui, sans-serif);
    --_font-size: var(--passkey-font-size, 1rem);
    --_spacing: var(--passkey-spacing, 1rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([color-scheme=light])) {
      ${dark}
    }
  }
  :host([color-scheme=dark]) {
    ${dark}
  }
`;
