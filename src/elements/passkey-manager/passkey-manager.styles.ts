import { css } from 'lit';

/**
 * The list of `<passkey-manager>`, on top of the kit's form styles (buttons, inputs, message). No sibling
 * combinator or containment on rows: with either, removing one row of 1,000 restyles the rows after it.
 */
export const managerStyles = css`
  :host {
    --passkey-row-background: var(--_surface);
    --passkey-row-border-color: color-mix(in srgb, var(--_border) 45%, transparent);
    --passkey-danger-background: var(--_danger);
    --passkey-danger-color: var(--_surface);
  }

  /* Block flow, not a flex column: after one row of 1,000 changes or goes, Chromium lays a block list out again in
     about half the time (npm run bench:manager). The last row's margin collapses into the list's. */
  [part~=list] {
    margin: 0 0 var(--passkey-gap);
    padding: 0;
    list-style: none;
  }
  [part~=row] {
    margin-block-end: calc(var(--passkey-gap) * 0.75);
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: start;
    gap: 0.25rem 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--passkey-row-border-color);
    border-radius: var(--_radius);
    background: var(--passkey-row-background);
  }
  [part~=row][aria-busy=true],
  [part~=action][aria-disabled=true] {
    cursor: progress;
  }
  [part~=provider-icon] {
    inline-size: 1.75rem;
    block-size: 1.75rem;
    color: var(--_muted);
  }
  [part~=details] {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    min-inline-size: 0;
  }
  [part~=name] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~=dates],
  [part~=properties] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~=actions] {
    display: flex;
    gap: 0.5rem;
  }
  [part~=rename-form],
  [part~=confirm] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  /* The editor, the confirmation and the row's message take the row's full width, under the details. */
  [part~=rename-form],
  [part~=confirm],
  [part~=row-message] {
    grid-column: 1 / -1;
  }
  [part~=rename-form] [part~=field] {
    flex: 1 1 12rem;
  }
  [part~=confirm-text],
  [part~=row-message] {
    flex-basis: 100%;
    margin: 0;
  }
  [part~=row-message] {
    color: var(--_danger);
    font-size: 0.875em;
  }

  [part~=action] {
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--passkey-button-radius);
    background: transparent;
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  [part~=danger-button] {
    border-color: var(--passkey-danger-background);
    background: var(--passkey-danger-background);
    color: var(--passkey-danger-color);
    font-weight: 600;
  }
  [part~=action]:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }
  [part~=action]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Loading: grey bars where the rows will be, without motion for those who asked for less. */
  [part~=skeleton] {
    grid-template-columns: 1.75rem 1fr;
  }
  [part~=skeleton-icon],
  [part~=skeleton-bar] {
    display: block;
    block-size: 0.875rem;
    margin-block: 0.25rem;
    border-radius: 0.25rem;
    background: color-mix(in srgb, var(--_muted) 25%, transparent);
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  [part~=skeleton-icon] {
    block-size: 1.75rem;
    margin: 0;
  }
  [part~=skeleton-bar]:last-child {
    inline-size: 60%;
  }
  @media (prefers-reduced-motion: reduce) {
    [part~=skeleton-icon],
    [part~=skeleton-bar] {
      animation: none;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.4;
    }
  }

  [part~=empty],
  [part~=loading],
  [part~=unauthorized],
  [part~=error] {
    display: flex;
    align-items: start;
    gap: 0.5rem;
    margin: 0 0 var(--passkey-gap);
  }
  [part~=loading] {
    color: var(--_muted);
  }
  [part~=error] {
    color: var(--_danger);
  }
  /* Announcements for screen readers only: what they say is already on screen. */
  #announcer {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
