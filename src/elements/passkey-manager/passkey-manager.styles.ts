import { css } from 'lit';

/**
 * The list of `<passkey-manager>`, on top of the kit's form styles (buttons, inputs, message). No sibling combinator or
 * containment on rows: with either, removing one row of 1,000 restyles the rows after it. The list is the container
 * its rows' layout queries: below 28rem (a phone), a row's buttons go under its details, and the name keeps its width.
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
    container: passkeys / inline-size;
    margin: 0 0 var(--passkey-gap);
  }
  [part~=row] {
    margin-block-end: calc(var(--passkey-gap) * 0.75);
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'icon details actions';
    align-items: start;
    gap: 0.5rem 0.75rem;
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
    grid-area: icon;
    display: block;
    inline-size: 1.75rem;
    block-size: 1.75rem;
    color: var(--_muted);
  }
  [part~=provider-logo] {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
  }
  /* A provider's logo for the colour scheme in use: the system's, unless the color-scheme attribute says. */
  [data-scheme=dark] {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([color-scheme=light])) [data-scheme=light] {
      display: none;
    }
    :host(:not([color-scheme=light])) [data-scheme=dark] {
      display: block;
    }
  }
  :host([color-scheme=dark]) [data-scheme=light] {
    display: none;
  }
  :host([color-scheme=dark]) [data-scheme=dark] {
    display: block;
  }

  [part~=details] {
    grid-area: details;
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    min-inline-size: 0;
  }
  /* Names wrap between words; a single word longer than the line breaks only as a last resort. A name in its own
     direction (dir=auto) still lines up with the row: a Latin name in Arabic starts on the right, as its details do. */
  [part~=name] {
    font-weight: 600;
    overflow-wrap: break-word;
  }
  [part~=details]:dir(ltr) > [part~=name] {
    text-align: left;
  }
  [part~=details]:dir(rtl) > [part~=name] {
    text-align: right;
  }
  [part~=dates],
  [part~=properties] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: break-word;
  }
  [part~=actions] {
    grid-area: actions;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  /* The editor, the question and the row's messages go under the details, as wide as details and buttons together. */
  [part~=rename-form],
  [part~=confirm],
  [part~=row-hint],
  [part~=row-message] {
    grid-column: 2 / -1;
    margin: 0;
  }
  [part~=confirm] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  [part~=confirm-text] {
    flex-basis: 100%;
    margin: 0;
  }
  [part~=row-hint] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~=row-message] {
    color: var(--_danger);
    font-size: 0.875em;
  }

  /* The name editor: Save and Cancel beside the field, the limit and what is wrong under it, moving nothing. */
  [part~=rename-form] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    grid-template-areas: 'label label label' 'input save cancel' 'limit limit limit' 'problem problem problem';
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  [part~=rename-form] [part~=label] {
    grid-area: label;
  }
  [part~=rename-form] [part~=input] {
    grid-area: input;
    min-inline-size: 0;
  }
  [part~=save-button] {
    grid-area: save;
  }
  [part~=rename-form] [part~=cancel-button] {
    grid-area: cancel;
  }
  [part~=limit] {
    grid-area: limit;
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  [part~=counter] {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part~=rename-form] [part~=error-text]:not([part~=limit]) {
    grid-area: problem;
  }

  @container passkeys (width < 28rem) {
    [part~=row] {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-areas: 'icon details' '. actions';
    }
    [part~=actions] {
      justify-self: start;
    }
    /* The whole row for the editor (a field, then its buttons, then the limit) and for the question. */
    [part~=confirm] {
      grid-column: 1 / -1;
    }
    [part~=rename-form] {
      grid-column: 1 / -1;
      grid-template-columns: auto auto minmax(0, 1fr);
      grid-template-areas: 'label label label' 'input input input' 'save cancel .' 'limit limit limit' 'problem problem problem';
    }
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
  [part~=action]:disabled,
  [part~=delete-button][aria-disabled=true] {
    border-style: dashed;
    color: var(--_muted);
    cursor: not-allowed;
  }

  /* Loading: grey bars where the rows will be, without motion for those who asked for less. */
  [part~=skeleton] {
    grid-template-columns: 1.75rem 1fr;
    grid-template-areas: 'icon details';
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
    grid-area: icon;
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
  [part~=error],
  [part~=not-supported] {
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
