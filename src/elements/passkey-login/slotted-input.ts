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

/** The ARIA attributes of each page input that the element set itself, and so keeps in the person's language. */
const owned = new WeakMap<HTMLInputElement, Set<string>>();

/**
 * Gives the page's input what the element's shadow DOM cannot give it by reference (neither `<label for>` nor
 * `aria-describedby`, nor ARIA element reflection, reaches from the page into a shadow root): the label's text as its
 * `aria-label` where the page left it unlabelled, and `description` (the hint, or what is wrong with what it holds)
 * as its `aria-description` where nothing describes it. Attributes the page set itself are left alone; those set
 * here follow each call, so they change with the locale.
 */
export function describeInput(input: HTMLInputElement, { label, description }: { label: string; description: string }): void {
  let mine = owned.get(input);
  if (!mine) {
    mine = new Set();
    if (!input.labels?.length && !input.hasAttribute('aria-label') && !input.hasAttribute('aria-labelledby')) mine.add('aria-label');
    if (!input.hasAttribute('aria-description') && !input.hasAttribute('aria-describedby')) mine.add('aria-description');
    owned.set(input, mine);
  }
  if (mine.has('aria-label') && input.getAttribute('aria-label') !== label) input.setAttribute('aria-label', label);
  if (mine.has('aria-description') && input.getAttribute('aria-description') !== description) input.setAttribute('aria-description', description);
}
