/**
 * `import type {} from 'passkey-elements/svelte'` (or `import 'passkey-elements/svelte'`): types `<passkey-login>` and
 * the kit's other tags in Svelte templates (`svelteHTML.IntrinsicElements`, through `svelte/elements`), with their
 * attributes (`api-url`), properties (`apiUrl`) and events (`onpasskey-authenticated`, or `on:passkey-authenticated`).
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { PasskeyElementProps, PasskeyEventHandlers, PasskeyTagName } from './elements.ts';

export type * from './elements.ts';

type Props<E extends HTMLElement> = PasskeyElementProps<E> & PasskeyEventHandlers<'on'> & PasskeyEventHandlers<'on:'>;

/** The Svelte attributes of each tag. */
export type PasskeySvelteElements = {
  [T in PasskeyTagName]: Omit<HTMLAttributes<HTMLElementTagNameMap[T]>, keyof Props<HTMLElementTagNameMap[T]>> & Props<HTMLElementTagNameMap[T]>;
};

declare module 'svelte/elements' {
  // `svelteHTML.IntrinsicElements` extends this interface, so both the language server and `svelte-check` see the tags.
  interface SvelteHTMLElements extends PasskeySvelteElements {}
}
