import { authenticationOptions, verifyAuthentication } from './authentication.ts';
import type { Handler } from './core.ts';
import { currentSession, deleteCredential, endSession, listCredentials, renameCredential } from './credentials.ts';
import type { PasskeyEndpoint } from './kit.ts';
import type { RateLimitGroup } from './rate-limits.ts';
import { sendRecovery } from './recovery.ts';
import { registrationOptions, verifyRegistration } from './registration.ts';

export interface Route {
  /** Reads a JSON body (so it must be `application/json`). */
  body: boolean;
  /** `required`: 401 without a live session; `optional`: the handler sees it if there is one; `none`: not looked up. */
  session: 'required' | 'optional' | 'none';
  /** The rate-limit group its requests count in. */
  limit?: RateLimitGroup;
  handle: Handler;
}

/** What each endpoint of the protocol table does. Methods and paths are the table's (src/client/protocol.ts). */
export const ROUTES: Record<PasskeyEndpoint, Route> = {
  'register/options': { body: true, session: 'optional', limit: 'options', handle: registrationOptions },
  'register/verify': { body: true, session: 'optional', limit: 'verify', handle: verifyRegistration },
  'authenticate/options': { body: true, session: 'none', limit: 'options', handle: authenticationOptions },
  'authenticate/verify': { body: true, session: 'none', limit: 'verify', handle: verifyAuthentication },
  'credentials/list': { body: false, session: 'required', handle: listCredentials },
  'credentials/rename': { body: true, session: 'required', handle: renameCredential },
  'credentials/delete': { body: false, session: 'required', handle: deleteCredential },
  session: { body: false, session: 'required', handle: currentSession },
  'session/end': { body: false, session: 'none', handle: endSession },
  'recovery/send': { body: true, session: 'none', limit: 'recovery', handle: sendRecovery },
};
