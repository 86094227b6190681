import { isObject } from './ceremony.ts';
import type { ClientCore } from './client-core.ts';
import { PasskeyError } from './errors.ts';
import type { PasskeySession, RequestOptions } from './types.ts';

/**
 * The signed-in user from `GET {apiUrl}/session`, or `undefined` when nobody is signed in (401/403/404:
 * the guide's servers have no such endpoint). Other failures throw as usual. (`PasskeyClient.getSession`.)
 */
export async function getSession(client: ClientCore, options: RequestOptions = {}): Promise<PasskeySession | undefined> {
  let body: unknown;
  try {
    body = await client.request({ endpoint: 'session', phase: 'manage', method: 'GET', url: `${client.apiUrl}/session`, signal: options.signal });
  } catch (error) {
    if (error instanceof PasskeyError && (error.code === 'unauthorized' || error.status === 404)) return undefined;
    throw error;
  }
  if (!isObject(body) || typeof body.username !== 'string' || !body.username) return undefined;
  const text = (key: string) => (typeof body[key] === 'string' && body[key] ? (body[key] as string) : undefined);
  return { username: body.username, userId: text('userId'), displayName: text('displayName'), userHandle: text('userHandle') };
}
