import type { PasskeyClient, PasskeySession } from '../../client/index.ts';

export type { PasskeySession };

/**
 * Reads the signed-in user through the client (so a custom `fetch`, `headers` and `onRequest` apply). Best effort:
 * `undefined` when the backend has no such endpoint, nobody is signed in, or it fails. Whether the person is
 * signed in is decided by `GET /credentials`, never by this.
 */
export async function fetchSession(client: PasskeyClient, signal?: AbortSignal): Promise<PasskeySession | undefined> {
  return client.getSession({ signal }).catch(() => undefined);
}
