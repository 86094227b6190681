import { waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CeremonyState } from '../../src/elements/index.ts';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The input whose `<label>` reads `label`, in the element's shadow root: found as a person finds it. */
export function field(element: Element, label: string): HTMLInputElement {
  const inputs = [...element.shadowRoot!.querySelectorAll('input')];
  const input = inputs.find((candidate) => [...(candidate.labels ?? [])].some((l) => text(l) === label));
  if (!input) throw new Error(`No field labelled "${label}"; labels: ${inputs.map((i) => text(i.labels?.[0])).join(', ')}`);
  return input;
}

/** The button whose text reads `name`. */
export function button(element: Element, name: string): HTMLButtonElement {
  const buttons = [...element.shadowRoot!.querySelectorAll('button')];
  const found = buttons.find((candidate) => text(candidate) === name);
  if (!found) throw new Error(`No button "${name}"; buttons: ${buttons.map(text).join(', ')}`);
  return found;
}

/**
 * What has focus inside the element, by name: a field's label or a button's text ('' for nothing).
 * Tests compare names, not nodes: a failing chai comparison of DOM nodes can take the browser down.
 */
export function focused(element: Element): string {
  const active = element.shadowRoot!.activeElement;
  return active instanceof HTMLInputElement ? text(active.labels?.[0]) : text(active);
}

/** The shadow element with `part`, or null. */
export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector(`[part~="${name}"]`);
}

/** What the live region says now. */
export function message(element: Element): string {
  return text(part(element, 'message'));
}

/** Focuses the input and types as a keyboard does. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  await sendKeys({ type: value });
}

/** Clicks in the middle of the target with the real mouse. */
export async function click(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

export async function untilState(element: { state: CeremonyState }, state: CeremonyState): Promise<void> {
  await waitUntil(() => element.state === state, `state never became ${state} (is ${element.state})`, { timeout: 10_000 });
}

/**
 * Waits until a ceremony element shows its busy state: its `state` says `busy` at once, and its button and field show
 * it once the ceremony has run for a moment (100 ms, CeremonyController).
 */
export async function untilShownBusy(element: Element & { state: CeremonyState }): Promise<void> {
  await untilState(element, 'busy');
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="button"][aria-busy="true"]'), 'the busy state was never shown');
}

/** Every `type` event the element fires from now on. */
export function record<K extends keyof HTMLElementEventMap>(element: Element, type: K): HTMLElementEventMap[K][] {
  const events: HTMLElementEventMap[K][] = [];
  element.addEventListener(type, (event) => events.push(event as HTMLElementEventMap[K]));
  return events;
}
