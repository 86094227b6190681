import type { ClientCore } from './client-core.ts';
import type { RequestOptions } from './types.ts';

/** Asks for a recovery link. The answer is the same whether or not the account exists. (`PasskeyClient.requestRecovery`.) */
export async function requestRecovery(client: ClientCore, username: string, options: RequestOptions = {}): Promise<void> {
  await client.request({
    endpoint: 'recovery/send',
    body: { username },
    signal: options.signal,
    allowEmpty: true,
  });
}
