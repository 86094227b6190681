import { Directive, ElementRef, inject, input, type OnChanges, type SimpleChanges } from '@angular/core';
import type { PasskeyClient } from '../client/passkey-client.ts';
import type { PasskeyBase } from '../elements/shared/passkey-base.ts';
import type { PasskeyStrings } from '../i18n/index.ts';

/** A boolean input that also takes the bare attribute (`<passkey-login disabled>`), and nothing else. */
export function flag(value: boolean | ''): boolean {
  return value === '' || value;
}

/**
 * What the kit's directives share: the element's common inputs, each set on the element as the property of the
 * same name when bound (an input left unbound leaves the element's own default).
 */
@Directive()
export abstract class PasskeyDirective<E extends PasskeyBase> implements OnChanges {
  /** The element itself, for its methods (`start()`, `refresh()`) and read-only properties (`state`). */
  readonly element: E = inject<ElementRef<E>>(ElementRef).nativeElement;

  /** Base URL of your passkey endpoints. Like a form's `action`: never take it from page input. */
  readonly apiUrl = input<PasskeyBase['apiUrl']>();
  /** Base URL of `/recovery/send`. */
  readonly recoveryUrl = input<PasskeyBase['recoveryUrl']>();
  /** fetch's cookie mode: `include`, `same-origin` or `omit`. */
  readonly credentials = input<RequestCredentials>();
  /** A `PasskeyClient` of your own (custom `fetch`, headers, `onRequest`…). */
  readonly client = input<PasskeyClient>();
  /** A BCP 47 tag such as `de`; default: the closest `lang` attribute. */
  readonly locale = input<PasskeyBase['locale']>();
  /** Overrides single strings, e.g. `{ loginButton: 'Continue' }`. */
  readonly strings = input<Partial<PasskeyStrings>>();
  /** Nothing starts while it is set. */
  readonly disabled = input(false, { transform: flag });
  /** `light` or `dark`; unset follows the system. */
  readonly colorScheme = input<'light' | 'dark'>();

  ngOnChanges(changes: SimpleChanges): void {
    const inputs = this as unknown as Record<string, () => unknown>;
    const element = this.element as unknown as Record<string, unknown>;
    for (const name of Object.keys(changes)) element[name] = inputs[name]!();
  }
}
