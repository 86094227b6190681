import type { Call, Handler } from './core.ts';
import { refuse } from './errors.ts';
import type { StoredCredential } from './store.ts';
import { readName } from './validate.ts';

/** One passkey as `GET /credentials` shows it: never its key or counter. */
export interface CredentialView {
  id: string;
  name?: string;
  createdAt: string;
  lastUsedAt?: string;
  transports: string[];
  aaguid: string;
  backedUp: boolean;
  deviceType: StoredCredential['deviceType'];
}

export function toView({ id, name, createdAt, lastUsedAt, transports, aaguid, backedUp, deviceType }: StoredCredential): CredentialView {
  return {
    id,
    ...(name ? { name } : {}),
    createdAt: new Date(createdAt).toISOString(),
    ...(lastUsedAt !== undefined ? { lastUsedAt: new Date(lastUsedAt).toISOString() } : {}),
    transports,
    aaguid,
    backedUp,
    deviceType,
  };
}

/** The signed-in user: the route table only lets signed-in requests reach these handlers. */
const userOf = (call: Call) => call.session!.user;

/** `GET /credentials`: the session's passkeys, oldest first. */
export const listCredentials: Handler = async (core, call) => (await core.store.listCredentials(userOf(call).userId)).map(toView);

/** `PATCH /credentials/:id` `{ name }`: renames one of the session's passkeys. */
export const renameCredential: Handler = async (core, call) => {
  const name = readName(call.body, 'name', 64);
  const { userId } = userOf(call);
  const renamed = await core.store.renameCredential(userId, call.id!, name);
  if (!renamed) throw refuse('not-found', 'no such passkey on this account');
  core.emit(call, { type: 'credential-renamed', userId, credentialId: renamed.id });
  return toView(renamed);
};

/** `DELETE /credentials/:id`: deletes one of the session's passkeys. */
export const deleteCredential: Handler = async (core, call) => {
  const { userId } = userOf(call);
  if (!(await core.store.deleteCredential(userId, call.id!))) throw refuse('not-found', 'no such passkey on this account');
  core.emit(call, { type: 'credential-deleted', userId, credentialId: call.id! });
  return { success: true };
};

/** `GET /session`: who is signed in. */
export const currentSession: Handler = async (_core, call) => {
  const { userId, username, displayName, userHandle } = userOf(call);
  return { userId, username, displayName, userHandle };
};

/** `DELETE /session`: signs out (deletes the session, clears the cookie); without a session, just clears the cookie. */
export const endSession: Handler = async (core, call) => {
  const idHash = await core.sessions.presentedHash(call.cookieHeader);
  const session = idHash === undefined ? undefined : await core.store.findSession(idHash);
  call.setCookie = await core.sessions.end(idHash);
  core.emit(call, { type: 'signed-out', userId: session?.userId });
  return { success: true };
};
