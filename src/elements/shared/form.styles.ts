import { css } from 'lit';

/**
 * The look of the ceremony forms. Tier 2: each element declares its own custom properties on `:host`,
 * defaulting to the global tokens, so `passkey-login { --passkey-button-background: … }` changes one element.
 */
export const formStyles = css`
  :host {
    --passkey-button-background: var(--_accent);
    --passkey-button-color: var(--_on-accent);
    --passkey-button-radius: var(--_radius);
    --passkey-input-background: var(--_field);
    --passkey-input-color: var(--_text);
    --passkey-input-border-color: var(--_border);
    --passkey-input-radius: var(--_radius);
    --passkey-gap: calc(var(--_spacing) * 0.75);
    --passkey-padding: var(--_spacing);

    display: block;
    box-sizing: border-box;
    padding: var(--passkey-padding);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: inherit;
  }

  [part~=form] {
    display: flex;
    flex-direction: column;
    gap: var(--passkey-gap);
  }
  [part~=field] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  [part~=label] {
    font-weight: 600;
  }
  [part~=hint] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* ::slotted(input): the page's own input in <passkey-login>, unless the page styles it. */
  [part~=input],
  ::slotted(input) {
    box-sizing: border-box;
    inline-size: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--passkey-input-border-color);
    border-radius: var(--passkey-input-radius);
    background: var(--passkey-input-background);
    color: var(--passkey-input-color);
    font: inherit;
  }
  [part~=input][aria-invalid=true] {
    border-color: var(--_danger);
  }
  [part~=input]:disabled {
    border-style: dashed;
    background: color-mix(in srgb, var(--_muted) 12%, var(--passkey-input-background));
    color: var(--_muted);
    cursor: not-allowed;
  }

  [part~=button] {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.625rem 1rem;
    border: 0;
    border-radius: var(--passkey-button-radius);
    background: var(--passkey-button-background);
    color: var(--passkey-button-color);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  [part~=button][aria-busy=true] {
    cursor: progress;
  }
  [part~=button]:disabled {
    background: var(--_muted);
    cursor: not-allowed;
  }
  [part~=button-label] {
    min-inline-size: 0;
    text-align: center;
  }
  /* Inputs, buttons and links alike (and <passkey-manager>'s). */
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  [part~=icon],
  [part~=spinner],
  [part~=message-icon] {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
  }
  [part~=spinner] {
    animation: spin 0.8s linear infinite;
  }
  /* Still in the first moment of a ceremony (see CeremonyController.turning). */
  [data-still] > [part~=spinner] {
    animation-name: none;
  }
  @media (prefers-reduced-motion: reduce) {
    [part~=spinner] {
      animation-duration: 2.4s;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  /* The live region stays rendered (a hidden one may not be announced); empty, it takes no room. */
  [part~=message],
  [part~=not-supported] {
    display: flex;
    align-items: start;
    gap: 0.5rem;
    margin: 0;
  }
  [part~=message]:not(:empty) {
    margin-block-start: var(--passkey-gap);
  }
  [part~=message-icon] {
    margin-block-start: 0.125em;
  }
  [part~=message] > span {
    min-inline-size: 0;
  }
  /* A name a person or a server chose: its own direction, and a long email breaks rather than overflows. */
  bdi {
    overflow-wrap: anywhere;
  }
  [part~=recovery] {
    margin: var(--passkey-gap) 0 0;
  }
  [part~=recovery-link] {
    color: inherit;
    font-weight: 600;
  }
  [data-tone=error],
  [part~=error-text] {
    color: var(--_danger);
  }
  [data-tone=success] {
    color: var(--_success);
  }
`;
