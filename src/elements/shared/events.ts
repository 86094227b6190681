import type { AuthenticationResult, PasskeyErrorDetail, RegistrationResult } from '../../client/index.ts';

/** `{ userId, username, credentialId, response }`; `response` is the server's JSON, extra fields included. */
export type PasskeyRegisteredDetail = RegistrationResult;
/** `{ userId, username, response }`; `response` is the server's JSON, extra fields included. */
export type PasskeyAuthenticatedDetail = AuthenticationResult;
export type { PasskeyErrorDetail };

// Every event of the kit bubbles and crosses shadow roots, so a page can listen on any ancestor.
const init = { bubbles: true, composed: true } as const;

/** `<passkey-register>`: the server verified and stored a new passkey. */
export class PasskeyRegisteredEvent extends CustomEvent<PasskeyRegisteredDetail> {
  constructor(detail: PasskeyRegisteredDetail) {
    super('passkey-registered', { ...init, detail });
  }
}

/** `<passkey-login>`: the server verified a passkey and signed the person in. */
export class PasskeyAuthenticatedEvent extends CustomEvent<PasskeyAuthenticatedDetail> {
  constructor(detail: PasskeyAuthenticatedDetail) {
    super('passkey-authenticated', { ...init, detail });
  }
}

/** A ceremony failed; `detail.code` is one of `PASSKEY_ERROR_CODES`, `detail.phase` says where. */
export class PasskeyErrorEvent extends CustomEvent<PasskeyErrorDetail> {
  constructor(detail: PasskeyErrorDetail) {
    super('passkey-error', { ...init, detail });
  }
}

/** `{ credentialId, name }`: the name the server now has for the passkey. */
export interface PasskeyCredentialRenamedDetail {
  credentialId: string;
  name: string;
}

/** `{ credentialId }`: the passkey the server deleted. */
export interface PasskeyCredentialDeletedDetail {
  credentialId: string;
}

/** `{ username }`: the name the person asked a recovery link for (whether or not such an account exists). */
export interface PasskeyRecoverySentDetail {
  username: string;
}

/** `<passkey-manager>`: the server renamed one of the person's passkeys. */
export class PasskeyCredentialRenamedEvent extends CustomEvent<PasskeyCredentialRenamedDetail> {
  constructor(detail: PasskeyCredentialRenamedDetail) {
    super('passkey-credential-renamed', { ...init, detail });
  }
}

/** `<passkey-manager>`: the server deleted one of the person's passkeys. */
export class PasskeyCredentialDeletedEvent extends CustomEvent<PasskeyCredentialDeletedDetail> {
  constructor(detail: PasskeyCredentialDeletedDetail) {
    super('passkey-credential-deleted', { ...init, detail });
  }
}

/** `<passkey-recovery>`: the server took the request for a recovery link. It answers the same whether or not the account exists. */
export class PasskeyRecoverySentEvent extends CustomEvent<PasskeyRecoverySentDetail> {
  constructor(detail: PasskeyRecoverySentDetail) {
    super('passkey-recovery-sent', { ...init, detail });
  }
}

/** The kit's events by name. They bubble and are composed, so `document` hears them too. */
export interface PasskeyEventMap {
  'passkey-registered': PasskeyRegisteredEvent;
  'passkey-authenticated': PasskeyAuthenticatedEvent;
  'passkey-error': PasskeyErrorEvent;
  'passkey-credential-renamed': PasskeyCredentialRenamedEvent;
  'passkey-credential-deleted': PasskeyCredentialDeletedEvent;
  'passkey-recovery-sent': PasskeyRecoverySentEvent;
}

declare global {
  interface HTMLElementEventMap extends PasskeyEventMap {}
  interface DocumentEventMap extends PasskeyEventMap {}
}
