import { sendSignal, signalUnknownCredential } from '../../client/signals.ts';

/**
 * WebAuthn Signal API calls for credential management (WebAuthn L3 §5.1.10), in the style of the client's
 * `signals.ts`: they tell the person's passkey provider what the server knows, so it can hide deleted passkeys
 * and show the account's current name. Fire and forget: where the browser lacks a method (or refuses the call),
 * nothing happens and nothing throws. `userHandle` is the base64url WebAuthn `user.id`, not the backend's user id.
 */

/** After a list or a delete: every passkey the server still accepts for this user; the provider may hide the others. */
export function signalAcceptedCredentials(rpID: string, userHandle: string, credentialIds: string[]): void {
  void sendSignal('signalAllAcceptedCredentials', { rpId: rpID, userId: userHandle, allAcceptedCredentialIds: credentialIds });
}

/** After a list: the account's current name and display name, which the provider shows with its passkeys. */
export function signalCurrentUser(rpID: string, userHandle: string, userName: string, userDisplayName: string): void {
  void sendSignal('signalCurrentUserDetails', { rpId: rpID, userId: userHandle, name: userName, displayName: userDisplayName });
}

/** After a delete, where the user handle is not known: this one passkey is gone. Needs no user handle. */
export function signalDeletedCredential(rpID: string, credentialId: string): void {
  void signalUnknownCredential(rpID, credentialId);
}
