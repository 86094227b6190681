import type { Handler } from './core.ts';
import { randomToken, sha256 } from './crypto.ts';
import type { RecoveryMessage } from './options.ts';
import { readUsername } from './validate.ts';

/** `recoveryPageUrl` with the token as its `token` query parameter. */
export function recoveryLink(pageUrl: string, token: string): string {
  const [beforeHash, hash = ''] = pageUrl.split(/(?=#)/, 2) as [string, string?];
  return `${beforeHash}${beforeHash.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}${hash}`;
}

/**
 * `POST recovery/send` `{ username }`: always `{ success: true }`. A known account gets a new link, valid for
 * `recoveryTtlMs`, that revokes every older one (one live token per account). The mail is sent without holding the
 * response, so a slow mailer does not tell known names from unknown ones.
 */
export const sendRecovery: Handler = async (core, call) => {
  const { username, key } = readUsername(call.body);
  await core.limits.account('recovery', key);
  const user = await core.store.findUserByKey(key);
  core.emit(call, { type: 'recovery-requested', username, known: user !== undefined });
  if (user) {
    const token = randomToken();
    const expiresAt = core.now() + core.options.recoveryTtlMs;
    await core.store.replaceRecoveryToken({ tokenHash: await sha256(token), userId: user.userId, expiresAt });
    const message: RecoveryMessage = {
      to: user.username,
      userId: user.userId,
      username: user.username,
      displayName: user.displayName,
      link: recoveryLink(core.options.recoveryPageUrl, token),
      token,
      expiresAt,
    };
    const failed = (error: unknown) => core.emit(call, { type: 'recovery-mail-failed', userId: user.userId, error });
    try {
      core.background(Promise.resolve(core.options.sendRecoveryEmail(message)).catch(failed));
    } catch (error) {
      failed(error);
    }
  }
  return { success: true };
};
