import { Directive, input, output } from '@angular/core';
import '../elements/passkey-register/define.ts';
import type { PasskeyRegister } from '../elements/passkey-register/passkey-register.ts';
import type { PasskeyErrorEvent, PasskeyRegisteredEvent } from '../elements/shared/events.ts';
import { flag, PasskeyDirective } from './passkey-directive.ts';

/**
 * `<passkey-register>` in Angular templates, with typed inputs and outputs and no `CUSTOM_ELEMENTS_SCHEMA`:
 * `<passkey-register [username]="suggested" (passkeyRegistered)="onRegistered($event)" />`. Importing it defines the tag.
 */
@Directive({
  selector: 'passkey-register',
  host: { '(passkey-registered)': 'passkeyRegistered.emit($any($event))', '(passkey-error)': 'passkeyError.emit($any($event))' },
})
export class PasskeyRegisterDirective extends PasskeyDirective<PasskeyRegister> {
  readonly username = input<PasskeyRegister['username']>();
  readonly displayName = input<PasskeyRegister['displayName']>();
  readonly askDisplayName = input(false, { transform: flag });
  readonly hideUsername = input(false, { transform: flag });
  readonly recoveryToken = input<PasskeyRegister['recoveryToken']>();

  /** The server verified and stored the new passkey. */
  readonly passkeyRegistered = output<PasskeyRegisteredEvent>();
  /** The ceremony failed; `event.detail.code` says why. */
  readonly passkeyError = output<PasskeyErrorEvent>();
}
