import { Directive, input, output } from '@angular/core';
import '../elements/passkey-login/define.ts';
import type { PasskeyLogin } from '../elements/passkey-login/passkey-login.ts';
import type { PasskeyAuthenticatedEvent, PasskeyErrorEvent } from '../elements/shared/events.ts';
import { flag, PasskeyDirective } from './passkey-directive.ts';

/**
 * `<passkey-login>` in Angular templates, with typed inputs and outputs and no `CUSTOM_ELEMENTS_SCHEMA`:
 * `<passkey-login autofill (passkeyAuthenticated)="onSignedIn($event)" />`. Importing it defines the tag.
 */
@Directive({
  selector: 'passkey-login',
  host: { '(passkey-authenticated)': 'passkeyAuthenticated.emit($any($event))', '(passkey-error)': 'passkeyError.emit($any($event))' },
})
export class PasskeyLoginDirective extends PasskeyDirective<PasskeyLogin> {
  readonly username = input<PasskeyLogin['username']>();
  readonly autofill = input(false, { transform: flag });

  /** The server verified the passkey: the person is signed in. */
  readonly passkeyAuthenticated = output<PasskeyAuthenticatedEvent>();
  /** The ceremony failed; `event.detail.code` says why. */
  readonly passkeyError = output<PasskeyErrorEvent>();
}
