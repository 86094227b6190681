import { Directive, input, output } from '@angular/core';
import '../elements/passkey-recovery/define.ts';
import type { PasskeyRecovery } from '../elements/passkey-recovery/passkey-recovery.ts';
import type { PasskeyErrorEvent, PasskeyRecoverySentEvent, PasskeyRegisteredEvent } from '../elements/shared/events.ts';
import { PasskeyDirective } from './passkey-directive.ts';

/**
 * `<passkey-recovery>` in Angular templates, with typed inputs and outputs and no `CUSTOM_ELEMENTS_SCHEMA`:
 * `<passkey-recovery [token]="tokenFromTheLink" (passkeyRegistered)="onRecovered($event)" />`. Importing it defines the tag.
 */
@Directive({
  selector: 'passkey-recovery',
  host: {
    '(passkey-recovery-sent)': 'passkeyRecoverySent.emit($any($event))',
    '(passkey-registered)': 'passkeyRegistered.emit($any($event))',
    '(passkey-error)': 'passkeyError.emit($any($event))',
  },
})
export class PasskeyRecoveryDirective extends PasskeyDirective<PasskeyRecovery> {
  readonly username = input<PasskeyRecovery['username']>();
  /** The token of the recovery link: shows the step that creates a new passkey. */
  readonly token = input<PasskeyRecovery['token']>();

  /** The server took the request for a link (it answers the same for unknown accounts). */
  readonly passkeyRecoverySent = output<PasskeyRecoverySentEvent>();
  /** With `token`: the new passkey was created. */
  readonly passkeyRegistered = output<PasskeyRegisteredEvent>();
  /** Asking failed, or with `token`, creating the passkey failed. */
  readonly passkeyError = output<PasskeyErrorEvent>();
}
