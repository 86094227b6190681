/**
 * Makes the page's own input offer passkeys in autofill: browsers (and the client's check) want `webauthn` as
 * the last token of `autocomplete`, e.g. `username webauthn`.
 */
export function offerPasskeysIn(input: HTMLInputElement): void {
  const tokens = (input.getAttribute('autocomplete') ?? '').split(/\s+/).filter(Boolean);
  if (tokens.at(-1) === 'webauthn') return;
  const others = tokens.filter((token) => token !== 'webauthn');
  input.setAttribute('autocomplete', [...(others.length ? others : ['username']), 'webauthn'].join(' '));
}

/** Our `<label>` cannot reach into the page's DOM, so an input the page left unlabelled gets an `aria-label`. */
export function labelIfUnlabelled(input: HTMLInputElement, label: string): void {
  if (input.labels?.length || input.hasAttribute('aria-label') || input.hasAttribute('aria-labelledby')) return;
  input.setAttribute('aria-label', label);
}
