import { describe, describeAttempt, field, ok, register, verified } from '../ceremonies.ts';
import type { Account, CheckContext } from '../context.ts';
import { fail, pass, quote, warn } from '../report.ts';
import { credentialListShape } from '../shapes.ts';

const notChecked = (check: string, why: string) => warn(check, `not checked: ${why}`, 'fix the checks above first');
const ABSENT = (status: number) => status === 404 || status === 405;

/** The signed-in account's passkeys: list, the optional GET /session, a second passkey, and the optional rename. */
export async function checkManage(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    for (const check of ['credentials-list', 'credentials-need-session', 'session', 'add-passkey', 'credentials-rename']) ctx.report(notChecked(check, 'no account was signed up'));
    return;
  }
  await checkList(ctx, account);
  await checkNeedSession(ctx);
  await checkSession(ctx, account);
  await checkAddPasskey(ctx, account);
  await checkRename(ctx, account);
}

async function listIds(account: Account): Promise<string[] | undefined> {
  const list = await account.browser.call('credentials/list');
  return ok(list) && Array.isArray(list.json) ? list.json.map((item) => (item as { id?: unknown })?.id).filter((id) => typeof id === 'string') : undefined;
}

async function checkList(ctx: CheckContext, account: Account): Promise<void> {
  const list = await account.browser.call('credentials/list');
  const fix = 'answer GET credentials, for the session\'s account, with a JSON array of { id, name?, createdAt?, lastUsedAt?, transports?, aaguid?, backedUp?, deviceType? }';
  if (!ok(list)) {
    ctx.report(fail('credentials-list', `signed in: ${describe(list)}`, fix));
    return;
  }
  const shape = credentialListShape(list.json);
  const ids = Array.isArray(list.json) ? list.json.map((item) => (item as { id?: unknown })?.id) : [];
  if (shape.problems.length === 0 && !ids.includes(account.credentialId)) shape.problems.push('the passkey just registered is not in it');
  if (shape.problems.length > 0) ctx.report(fail('credentials-list', shape.problems.join('; '), fix));
  else if (shape.advice.length > 0) ctx.report(warn('credentials-list', shape.advice.join('; '), fix));
  else ctx.report(pass('credentials-list', `200 with ${ids.length} passkey(s), the new one among them`));
}

async function checkNeedSession(ctx: CheckContext): Promise<void> {
  const list = await ctx.browser().call('credentials/list');
  if (list.status === 401 || list.status === 403) ctx.report(pass('credentials-need-session', `without a session: ${describe(list)}`));
  else if (ok(list) && Array.isArray(list.json) && list.json.length > 0) {
    ctx.report(fail('credentials-need-session', `without a session, GET credentials listed ${list.json.length} passkey(s)`, 'answer 401 unless the request carries a valid session'));
  } else {
    ctx.report(warn('credentials-need-session', `without a session: ${describe(list)}`, 'answer 401 without a session: <passkey-manager> then shows "sign in first" instead of an empty list'));
  }
}

async function checkSession(ctx: CheckContext, account: Account): Promise<void> {
  const session = await account.browser.call('session');
  if (ABSENT(session.status)) {
    ctx.report(warn('session', `GET session answered ${session.status}: optional, not there`, "optional: <passkey-manager>'s Add a passkey then needs its username attribute"));
  } else if (ok(session) && field(session, 'username') === account.username) {
    ctx.report(pass('session', `200 with the signed-in username${field(session, 'userId') === account.userId ? ' and userId' : ''}`));
  } else {
    ctx.report(warn('session', `signed in: ${describe(session)}${ok(session) ? ' without the username' : ''}`, 'answer GET session with { userId, username, displayName? } for the session, 401 without one'));
  }
}

/** A signed-in person adds a passkey on another device, as <passkey-manager>'s "Add a passkey" does. */
async function checkAddPasskey(ctx: CheckContext, account: Account): Promise<void> {
  const laptop = ctx.device();
  const attempt = await register(account.browser, laptop, { username: account.username, displayName: 'Passkey Check' });
  const exclude = field(attempt.options, 'excludeCredentials');
  const excludes = Array.isArray(exclude) && exclude.some((descriptor) => (descriptor as { id?: unknown })?.id === account.credentialId);
  if (!verified(attempt.verify)) {
    ctx.report(warn('add-passkey', `signed in, a second passkey for the same name: ${describeAttempt(attempt)}`, "hand out options to a signed-in person for their own username, and add the passkey to their account: <passkey-manager>'s Add a passkey needs it"));
  } else if (String(field(attempt.verify, 'userId')) !== account.userId) {
    ctx.report(fail('add-passkey', `the second passkey went to another userId (${JSON.stringify(field(attempt.verify, 'userId'))})`, "add a signed-in person's new passkey to the session's account"));
  } else {
    account.extraCredentialId = attempt.credentialId;
    ctx.report(
      excludes
        ? pass('add-passkey', 'signed in, a second passkey was added, with the first one in excludeCredentials')
        : warn('add-passkey', 'a second passkey was added, but excludeCredentials did not list the first', 'list the account\'s passkeys in excludeCredentials, so one authenticator is not registered twice'),
    );
  }
}

async function checkRename(ctx: CheckContext, account: Account): Promise<void> {
  const id = account.extraCredentialId ?? account.credentialId;
  const name = 'Passkey Check laptop';
  const renamed = await account.browser.call('credentials/rename', { id, body: { name } });
  if (ABSENT(renamed.status)) {
    ctx.report(warn('credentials-rename', `PATCH credentials/:id answered ${renamed.status}: optional, not there`, '<passkey-manager> then offers no rename'));
    return;
  }
  const listed = await account.browser.call('credentials/list');
  const entry = Array.isArray(listed.json) ? listed.json.find((item) => (item as { id?: unknown })?.id === id) : undefined;
  ctx.report(
    ok(renamed) && (entry as { name?: unknown } | undefined)?.name === name
      ? pass('credentials-rename', '200, and the list shows the new name')
      : warn('credentials-rename', `PATCH { name } answered ${describe(renamed)}${ok(renamed) ? ', but the list does not show the name' : ''}`, 'answer PATCH credentials/:id { name } with the updated credential, and send name in the list'),
  );
}

/** Another account must not delete this one's passkeys; the account itself can, and they are gone. */
export async function checkDeletion(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  const target = account?.extraCredentialId;
  if (!account || !target) {
    for (const check of ['cross-account-delete', 'credentials-delete']) ctx.report(notChecked(check, 'needs a second passkey on the first account (add-passkey)'));
    return;
  }
  if (!ctx.second) ctx.report(notChecked('cross-account-delete', 'needs a second account (two-tabs-register)'));
  else {
    const attack = await ctx.second.browser.call('credentials/delete', { id: target });
    const still = (await listIds(account))?.includes(target);
    if (still === false) {
      ctx.report(fail('cross-account-delete', "another account's session deleted this account's passkey", "delete only a passkey of the session's own account (WHERE id = ? AND user_id = ?); 404 otherwise"));
      return ctx.report(notChecked('credentials-delete', 'the passkey is already gone'));
    }
    ctx.report(pass('cross-account-delete', `another account's DELETE answered ${describe(attack)}, and the passkey is still there`));
  }
  const deleted = await account.browser.call('credentials/delete', { id: target });
  const gone = (await listIds(account))?.includes(target) === false;
  const fix = 'answer DELETE credentials/:id with { success: true } and remove the passkey';
  if (!ok(deleted) || !gone) ctx.report(fail('credentials-delete', `DELETE answered ${describe(deleted)}${gone ? '' : ', and the passkey is still listed'}`, fix));
  else if (field(deleted, 'success') !== true && deleted.text.trim() !== '') ctx.report(warn('credentials-delete', `deleted, but answered ${quote(deleted.text, 60)}`, fix));
  else ctx.report(pass('credentials-delete', 'deleted, and no longer listed'));
}
