/**
 * `passkey-elements/react`: the `usePasskey()` hook of the guide's Step 4, and the four elements as React components
 * with typed event props (`onPasskeyAuthenticated`…).
 *
 * `react` is not a dependency of passkey-elements: the app provides it (React 18 or 19). @lit/react, which makes the
 * components, is bundled in.
 */
export { usePasskey, type PasskeyState, type UsePasskey, type UsePasskeyOptions } from './use-passkey.ts';
export {
  PasskeyLogin,
  PasskeyManager,
  PasskeyRecovery,
  PasskeyRegister,
  type PasskeyComponentProps,
  type PasskeyEventProps,
  type PasskeyLoginProps,
  type PasskeyManagerProps,
  type PasskeyRecoveryProps,
  type PasskeyRegisterProps,
} from './components.ts';
export { PasskeyClient, PasskeyError, type PasskeyErrorCode } from '../client/index.ts';
