/** Defines `tag` unless it already is: importing the kit twice (two bundles, a CDN and npm) must not throw. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
