import type { ReactiveElement } from 'lit';
import { expect, waitFor, within, type Mock } from 'storybook/test';
import type { CeremonyState } from '../../src/elements/index.ts';

/**
 * How long a play function waits for a ceremony to end: in a browser driven by the test run the virtual
 * authenticator answers at once; in a person's Storybook the browser's real prompt waits for them.
 */
export const CEREMONY = { timeout: navigator.webdriver ? 5_000 : 30_000 };

export interface Rendered<E extends HTMLElement> {
  element: E;
  /** Testing Library queries inside the element's shadow root (its `base` part), where everything it shows is. */
  shadow: ReturnType<typeof within>;
}

/** The story's element and queries into its shadow root, once it has rendered. */
export async function rendered<K extends keyof HTMLElementTagNameMap>(canvasElement: HTMLElement, tag: K): Promise<Rendered<HTMLElementTagNameMap[K]>> {
  return waitFor(() => {
    const element = canvasElement.querySelector(tag);
    const base = element?.shadowRoot?.querySelector<HTMLElement>('[part~="base"]');
    if (!element || !base) throw new Error(`<${tag}> has not rendered`);
    return { element, shadow: within(base) };
  });
}

/** A ceremony element: `state` says where its ceremony is. */
export type CeremonyElement = ReactiveElement & { state: CeremonyState };

/** Waits until the element is in `state`, and has rendered it. */
export async function untilState(element: CeremonyElement, state: CeremonyState, options = CEREMONY): Promise<void> {
  await waitFor(() => expect(element.state).toBe(state), options);
  await element.updateComplete;
}

/** The `detail` of the event an event arg (a spy from `fn()`) heard last. */
export function lastDetail(handler: unknown): unknown {
  const { calls } = (handler as Mock<(event: CustomEvent) => void>).mock;
  return calls.at(-1)?.[0].detail;
}

/** What the element's live region says, whitespace collapsed. */
export function message({ element }: Rendered<HTMLElement>): string {
  return element.shadowRoot!.querySelector('[part~="message"]')!.textContent!.replace(/\s+/g, ' ').trim();
}
