import { Directive, input, output } from '@angular/core';
import '../elements/passkey-manager/define.ts';
import type { PasskeyManager } from '../elements/passkey-manager/passkey-manager.ts';
import type { PasskeyCredentialDeletedEvent, PasskeyCredentialRenamedEvent, PasskeyErrorEvent, PasskeyRegisteredEvent } from '../elements/shared/events.ts';
import { flag, PasskeyDirective } from './passkey-directive.ts';

/**
 * `<passkey-manager>` in Angular templates, with typed inputs and outputs and no `CUSTOM_ELEMENTS_SCHEMA`:
 * `<passkey-manager (passkeyCredentialDeleted)="onDeleted($event)" />`. Importing it defines the tag.
 */
@Directive({
  selector: 'passkey-manager',
  host: {
    '(passkey-credential-renamed)': 'passkeyCredentialRenamed.emit($any($event))',
    '(passkey-credential-deleted)': 'passkeyCredentialDeleted.emit($any($event))',
    '(passkey-registered)': 'passkeyRegistered.emit($any($event))',
    '(passkey-error)': 'passkeyError.emit($any($event))',
  },
})
export class PasskeyManagerDirective extends PasskeyDirective<PasskeyManager> {
  readonly username = input<PasskeyManager['username']>();
  readonly allowDeleteLast = input(false, { transform: flag });
  readonly rpId = input<PasskeyManager['rpId']>();

  /** The server renamed one of the person's passkeys. */
  readonly passkeyCredentialRenamed = output<PasskeyCredentialRenamedEvent>();
  /** The server deleted one of the person's passkeys. */
  readonly passkeyCredentialDeleted = output<PasskeyCredentialDeletedEvent>();
  /** "Add a passkey" created one. */
  readonly passkeyRegistered = output<PasskeyRegisteredEvent>();
  /** Listing, renaming, deleting or adding failed; `unauthorized`: nobody is signed in. */
  readonly passkeyError = output<PasskeyErrorEvent>();
}
