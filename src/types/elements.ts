/**
 * Types for the framework typings (`passkey-elements/vue`, `/svelte`, `/jsx`), derived from the element classes
 * so a new property, attribute, event or element shows up in every framework without being typed again.
 */
import type { LitElement } from 'lit';
import type { PasskeyEventMap } from '../elements/index.ts';

export type { PasskeyEventMap };

/** Every tag of the kit: the `passkey-*` entries of `HTMLElementTagNameMap` that the element modules declare. */
export type PasskeyTagName = Extract<keyof HTMLElementTagNameMap, `passkey-${string}`>;

type IsReadonly<T, K extends keyof T> =
  (<U>() => U extends { [P in K]: T[K] } ? 1 : 2) extends <U>() => U extends { -readonly [P in K]: T[K] } ? 1 : 2 ? false : true;

/** The element's own settable properties (`apiUrl`, `client`, `username`…): not LitElement's, not methods, not read-only ones. */
export type PasskeyElementProperties<E> = {
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown
    ? never
    : IsReadonly<E, K> extends true
      ? never
      : K]?: E[K];
};

/** `apiUrl` → `api-url`: Lit's attribute name for a property, as the kit spells them. */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : S;

/** The attributes: the properties with a string, number or boolean value, under their kebab-case names. */
export type PasskeyElementAttributes<E> = {
  [K in keyof PasskeyElementProperties<E> as NonNullable<PasskeyElementProperties<E>[K]> extends string | number | boolean
    ? KebabCase<K & string>
    : never]?: PasskeyElementProperties<E>[K];
};

/** Attributes and properties together, as templates may set either (`api-url="…"` or `apiUrl`). */
export type PasskeyElementProps<E> = PasskeyElementAttributes<E> & PasskeyElementProperties<E>;

/** `{ 'onpasskey-error': (event: PasskeyErrorEvent) => void, … }`: listener props of React 19 and Svelte 5. */
export type PasskeyEventHandlers<Prefix extends string> = {
  [K in keyof PasskeyEventMap as `${Prefix}${K}`]?: (event: PasskeyEventMap[K]) => void;
};
