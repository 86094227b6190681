import { isObject } from './ceremony.ts';
import type { ClientCore } from './client-core.ts';
import { PasskeyError } from './errors.ts';
import type { PasskeyCredential, RequestOptions } from './types.ts';

/** The signed-in user's passkeys. (`PasskeyClient.listCredentials`.) */
export async function listCredentials(client: ClientCore, options: RequestOptions = {}): Promise<PasskeyCredential[]> {
  const list = await client.request({
    endpoint: 'credentials/list',
    signal: options.signal,
  });
  if (!Array.isArray(list) || !list.every(isCredential)) {
    throw new PasskeyError('invalid-response', 'The credential list is not a list of passkeys', { phase: 'manage' });
  }
  return list;
}

/** Renames one of the signed-in user's passkeys; returns it as the server now has it. (`PasskeyClient.renameCredential`.) */
export async function renameCredential(client: ClientCore, id: string, name: string, options: RequestOptions = {}): Promise<PasskeyCredential> {
  const updated = await client.request({
    endpoint: 'credentials/rename',
    id,
    body: { name },
    signal: options.signal,
    allowEmpty: true,
  });
  return isCredential(updated) ? updated : { id, name };
}

/** Deletes one of the signed-in user's passkeys. (`PasskeyClient.deleteCredential`.) */
export async function deleteCredential(client: ClientCore, id: string, options: RequestOptions = {}): Promise<void> {
  await client.request({
    endpoint: 'credentials/delete',
    id,
    signal: options.signal,
    allowEmpty: true,
  });
}

function isCredential(value: unknown): value is PasskeyCredential {
  return isObject(value) && typeof value.id === 'string';
}
