/**
 * `import type {} from 'passkey-elements/jsx'` (or `import 'passkey-elements/jsx'`): types `<passkey-login>` and the
 * kit's other tags in React 19 JSX, with their attributes (`api-url`), properties (`apiUrl`, `client`) and events
 * (`onpasskey-authenticated`, which React 19 listens to on custom elements).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PasskeyElementProps, PasskeyEventHandlers, PasskeyTagName } from './elements.ts';

export type * from './elements.ts';

type Props<E extends HTMLElement> = PasskeyElementProps<E> & PasskeyEventHandlers<'on'>;

/** The JSX props of each tag. */
export type PasskeyJsxElements = {
  [T in PasskeyTagName]: Omit<DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[T]>, HTMLElementTagNameMap[T]>, keyof Props<HTMLElementTagNameMap[T]>> &
    Props<HTMLElementTagNameMap[T]>;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends PasskeyJsxElements {}
  }
}
