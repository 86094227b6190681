/**
 * `import type {} from 'passkey-elements/vue'` (or `import 'passkey-elements/vue'`): types `<passkey-login>` and the
 * kit's other tags in Vue templates (`GlobalComponents`), with their attributes (`api-url`), properties
 * (`:client`) and events (`@passkey-authenticated`), in the shape Vue's guide gives for custom elements.
 * (Tell Vue's compiler they are custom elements: `isCustomElement: (tag) => tag.startsWith('passkey-')`.)
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { PasskeyElementProps, PasskeyEventMap, PasskeyTagName } from './elements.ts';

export type * from './elements.ts';

/** A Vue component type for a custom element: its props for the template, its events for `@event`. */
export type PasskeyVueElement<E extends HTMLElement> = new () => E & {
  /** @deprecated For template type-checking only: not on the element at run time. */
  $props: Omit<HTMLAttributes, keyof PasskeyElementProps<E>> & PasskeyElementProps<E> & PublicProps;
  /** @deprecated For template type-checking only: not on the element at run time. */
  $emit: EmitFn<{ [K in keyof PasskeyEventMap]: (event: PasskeyEventMap[K]) => void }>;
};

/** The Vue component type of each tag. */
export type PasskeyVueElements = { [T in PasskeyTagName]: PasskeyVueElement<HTMLElementTagNameMap[T]> };

declare module 'vue' {
  interface GlobalComponents extends PasskeyVueElements {}
}
