import { executeServerCommand } from '@web/test-runner-commands';

/** Options of the DevTools Protocol's WebAuthn.VirtualAuthenticatorOptions. */
export interface VirtualAuthenticatorOptions {
  protocol?: 'ctap2' | 'u2f';
  transport?: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey?: boolean;
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
  automaticPresenceSimulation?: boolean;
}

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/** A WebAuthn virtual authenticator attached to this test page. Defaults: a platform passkey provider with user verification. */
export class VirtualAuthenticator {
  readonly id: string;

  private constructor(id: string) {
    this.id = id;
  }

  static async add(options: VirtualAuthenticatorOptions = {}): Promise<VirtualAuthenticator> {
    return new VirtualAuthenticator(await executeServerCommand<string, VirtualAuthenticatorOptions>('webauthn:add', options));
  }

  /** Removes every authenticator this page added. */
  static async removeAll(): Promise<void> {
    await executeServerCommand('webauthn:remove-all');
  }

  async remove(): Promise<void> {
    await executeServerCommand('webauthn:remove', { authenticatorId: this.id });
  }

  /** With `false`, user verification fails: the browser reports it as the person dismissing the prompt. */
  async setUserVerified(isUserVerified: boolean): Promise<void> {
    await executeServerCommand('webauthn:set-user-verified', { authenticatorId: this.id, isUserVerified });
  }

  /** With `false`, nobody touches the authenticator: the ceremony waits. */
  async setPresence(enabled: boolean): Promise<void> {
    await executeServerCommand('webauthn:set-presence', { authenticatorId: this.id, enabled });
  }

  async credentials(): Promise<VirtualCredential[]> {
    return executeServerCommand('webauthn:credentials', { authenticatorId: this.id });
  }

  async addCredential(credential: VirtualCredential): Promise<void> {
    await executeServerCommand('webauthn:add-credential', { authenticatorId: this.id, credential });
  }
}

/**
 * Resolves when the page next calls `navigator.credentials.get()`: the browser has the request (an autofill request
 * then waits for the person). It only watches: the call goes through to the browser as it is.
 */
export function nextCredentialRequest(): Promise<void> {
  const get = Object.getOwnPropertyDescriptor(CredentialsContainer.prototype, 'get')!.value as CredentialsContainer['get'];
  return new Promise((resolve) => {
    Object.defineProperty(navigator.credentials, 'get', {
      configurable: true,
      value(options?: CredentialRequestOptions) {
        delete (navigator.credentials as { get?: unknown }).get;
        resolve();
        return get.call(navigator.credentials, options);
      },
    });
  });
}
