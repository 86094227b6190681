// The element classes, events and string tables, without defining any tag: for subclassing, or defining
// under your own names. `passkey-elements` (src/index.ts) defines the tags.
export { PasskeyRegister } from './passkey-register/passkey-register.ts';
export { PasskeyLogin } from './passkey-login/passkey-login.ts';
export { PasskeyManager } from './passkey-manager/passkey-manager.ts';
export { PasskeyRecovery } from './passkey-recovery/passkey-recovery.ts';
export { PasskeyBase } from './shared/passkey-base.ts';
export { PasskeyElement } from './shared/passkey-element.ts';
export { CEREMONY_STATES, type CeremonyState } from './shared/ceremony-controller.ts';
export { LIST_STATES, type ListState } from './passkey-manager/credentials-controller.ts';
export {
  PasskeyAuthenticatedEvent,
  PasskeyCredentialDeletedEvent,
  PasskeyCredentialRenamedEvent,
  PasskeyErrorEvent,
  PasskeyRecoverySentEvent,
  PasskeyRegisteredEvent,
  type PasskeyAuthenticatedDetail,
  type PasskeyCredentialDeletedDetail,
  type PasskeyCredentialRenamedDetail,
  type PasskeyErrorDetail,
  type PasskeyEventMap,
  type PasskeyRecoverySentDetail,
  type PasskeyRegisteredDetail,
} from './shared/events.ts';
export {
  PASSKEY_LOCALES,
  registerLocale,
  type PasskeyLocale,
  type PasskeyLocaleTable,
  type PasskeyStringKey,
  type PasskeyStrings,
} from '../i18n/index.ts';
export { configure, type PasskeyConfig } from './shared/config.ts';
