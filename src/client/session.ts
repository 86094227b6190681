import { isObject } from './ceremony.ts';
import type { ClientCore } from './client-core.ts';
import { PasskeyError } from './errors.ts';
import type { PasskeySession, RequestOptions } from './types.ts';

/**
 * The signed-in user from `GET {apiUrl}/session`, or `undefined` when nobody is signed in (401/403/404/405:
 * the guide's servers have no such endpoint). Other failures throw as usual. (`PasskeyClient.getSession`.)
 */
export async function getSession(client: ClientCore, options: RequestOptions = {}): Promise<PasskeySession | undefined> {
  let body: unknown;
  try {
    body = await client.request({ endpoint: 'session', signal: options.signal });
  } catch (error) {
    if (error instanceof PasskeyError && (error.code === 'unauthorized' || error.status === 404 || error.status === 405)) return undefined;
    throw error;
  }
  if (!isObject(body) || typeof body.username !== 'string' || !body.username) return undefined;
  const text = (key: string) => (typeof body[key] === 'string' && body[key] ? (body[key] as string) : undefined);
  return { username: body.username, userId: text('userId'), displayName: text('displayName'), userHandle: text('userHandle') };
}

/**
 * Signs out: `DELETE {apiUrl}/session`, an extension of the guide's protocol. A backend without it (404/405) has
 * nothing to end here, and that is not an error. (`PasskeyClient.signOut`.)
 */
export async function signOut(client: ClientCore, options: RequestOptions = {}): Promise<void> {
  try {
    await client.request({ endpoint: 'session/end', signal: options.signal, allowEmpty: true });
  } catch (error) {
    if (error instanceof PasskeyError && (error.status === 404 || error.status === 405)) return;
    throw error;
  }
}
