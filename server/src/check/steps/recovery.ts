import { randomBytes } from 'node:crypto';
import { describeAttempt, field, register, verified } from '../ceremonies.ts';
import type { Account, CheckContext } from '../context.ts';
import { tokenFromNextMail, type OutboxSource } from '../outbox.ts';
import { fail, pass, warn } from '../report.ts';

const CHECKS = ['recovery-link', 'recovery-token-single-use', 'recovery-older-token'];

/**
 * Recovery links, read from the outbox: a fresh one adds a passkey to its account (and a made-up one does not), a
 * used one does nothing, and an older one stops working once a newer one is sent.
 */
export async function checkRecoveryTokens(ctx: CheckContext): Promise<void> {
  const account = ctx.second ?? ctx.main;
  const { outboxUrl, outboxToken } = ctx.options;
  if (!outboxUrl || !account) {
    const why = outboxUrl ? 'no account was signed up' : 'pass --outbox-url (the mock: <server>/__mock/outbox) so the checker can read the recovery mails';
    for (const check of CHECKS) ctx.report(warn(check, `not checked: ${why}`, outboxUrl ? 'fix the checks above first' : 'rerun with --outbox-url'));
    return;
  }
  const outbox: OutboxSource = { url: outboxUrl, token: outboxToken };
  const mail = () => tokenFromNextMail(ctx.browser({ record: false }), outbox, account.username, () => ctx.browser().call('recovery/send', { body: { username: account.username } }));
  const recover = (recoveryToken: string) => register(ctx.browser(), ctx.device(), { username: account.username, recoveryToken });

  const first = await mail();
  if ('problem' in first) {
    for (const check of CHECKS) ctx.report(warn(check, `not checked: ${first.problem}`, 'check --outbox-url, and that recovery/send sends a mail for a signed-up name'));
    return;
  }
  const used = await recover(first.token);
  const madeUp = await recover(randomBytes(32).toString('base64url'));
  if (!addedTo(account, used.verify)) {
    ctx.report(fail('recovery-link', `a fresh recovery link did not add a passkey to its account (${describeAttempt(used)})`, 'with a valid recoveryToken in register/options and register/verify, add the new passkey to the token\'s account'));
  } else if (verified(madeUp.verify)) {
    ctx.report(fail('recovery-link', 'a made-up recovery token added a passkey', 'accept only a token you issued, unexpired, for that account'));
  } else {
    ctx.report(pass('recovery-link', `a fresh link added a passkey to its account; a made-up token was refused (${describeAttempt(madeUp)})`));
  }
  if (!addedTo(account, used.verify)) {
    ctx.report(warn('recovery-token-single-use', 'not checked: the link did not work once', 'see recovery-link'));
  } else {
    const again = await recover(first.token);
    ctx.report(
      verified(again.verify)
        ? fail('recovery-token-single-use', 'a recovery link worked twice: whoever finds an old mail takes the account', 'use a recovery token up when register/verify takes it (in the same transaction as the new passkey)')
        : pass('recovery-token-single-use', `used a second time, the link was refused (${describeAttempt(again)})`),
    );
  }

  const older = await mail();
  const newer = await mail();
  if ('problem' in older || 'problem' in newer) {
    ctx.report(warn('recovery-older-token', `not checked: ${'problem' in older ? older.problem : 'problem' in newer ? newer.problem : ''}`, 'check --outbox-url'));
    return;
  }
  const late = await recover(older.token);
  ctx.report(
    verified(late.verify)
      ? warn('recovery-older-token', 'an older recovery link still worked after a newer one was sent', 'keep one live recovery token per account: sending a new one revokes the older ones')
      : pass('recovery-older-token', `an older link was refused once a newer one was sent (${describeAttempt(late)})`),
  );
}

function addedTo(account: Account, verify: Parameters<typeof verified>[0]): boolean {
  return verified(verify) && String(field(verify, 'userId')) === account.userId;
}
