import { authenticate } from './authenticate.ts';
import { ClientCore } from './client-core.ts';
import { deleteCredential, listCredentials, renameCredential } from './credentials.ts';
import { requestRecovery } from './recovery.ts';
import { register } from './register.ts';
import { getSession, signOut } from './session.ts';
import type {
  AuthenticateInput,
  AuthenticationResult,
  PasskeyCredential,
  PasskeySession,
  RegisterInput,
  RegistrationResult,
  RequestOptions,
} from './types.ts';

/**
 * Talks the passkey protocol to your backend and runs the browser ceremonies.
 * One ceremony at a time per client: starting one aborts the one in flight (autofill and a button can compete).
 * Each method runs the function of the same name from its own module on this client (see `ClientCore`).
 */
export class PasskeyClient extends ClientCore {
  /** Creates a passkey for `username` and has the server verify and store it. */
  register(input: RegisterInput): Promise<RegistrationResult> {
    return register(this, input);
  }

  /** Signs in: with `username`, username-less (discoverable credential), or through autofill with `mediation: 'conditional'`. */
  authenticate(input: AuthenticateInput = {}): Promise<AuthenticationResult> {
    return authenticate(this, input);
  }

  /** The signed-in user's passkeys. */
  listCredentials(options: RequestOptions = {}): Promise<PasskeyCredential[]> {
    return listCredentials(this, options);
  }

  /** Renames one of the signed-in user's passkeys; returns it as the server now has it. */
  renameCredential(id: string, name: string, options: RequestOptions = {}): Promise<PasskeyCredential> {
    return renameCredential(this, id, name, options);
  }

  deleteCredential(id: string, options: RequestOptions = {}): Promise<void> {
    return deleteCredential(this, id, options);
  }

  /**
   * The signed-in user from `GET {apiUrl}/session`, or `undefined` when nobody is signed in (401/403/404:
   * the guide's servers have no such endpoint). Other failures throw as usual.
   */
  getSession(options: RequestOptions = {}): Promise<PasskeySession | undefined> {
    return getSession(this, options);
  }

  /** Ends the session on the server (`DELETE /session`, where the backend has it). */
  signOut(options: RequestOptions = {}): Promise<void> {
    return signOut(this, options);
  }

  /** Asks for a recovery link. The answer is the same whether or not the account exists. */
  requestRecovery(username: string, options: RequestOptions = {}): Promise<void> {
    return requestRecovery(this, username, options);
  }
}
