// The element classes, events and string tables, without defining any tag: for subclassing, or defining
// under your own names. `passkey-elements` (src/index.ts) defines the tags.
export { PasskeyRegister } from './passkey-register/passkey-register.ts';
export { PasskeyLogin } from './passkey-login/passkey-login.ts';
export { PasskeyElement } from './shared/passkey-element.ts';
export { CEREMONY_STATES, type CeremonyState } from './shared/ceremony-controller.ts';
export {
  PasskeyAuthenticatedEvent,
  PasskeyErrorEvent,
  PasskeyRegisteredEvent,
  type PasskeyAuthenticatedDetail,
  type PasskeyErrorDetail,
  type PasskeyEventMap,
  type PasskeyRegisteredDetail,
} from './shared/events.ts';
export { PASSKEY_LOCALES, type PasskeyLocale, type PasskeyStringKey, type PasskeyStrings } from '../i18n/index.ts';
