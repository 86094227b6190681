import { Cookie } from 'tough-cookie';
import type { CheckBrowser } from '../browser.ts';
import { answerSignIn, describe, describeAttempt, field, ok, signIn, verified, type Attempt } from '../ceremonies.ts';
import type { Account, CheckContext } from '../context.ts';
import { fail, pass, warn } from '../report.ts';
import { requestOptionsShape, verifiedShape } from '../shapes.ts';

const notChecked = (check: string, why: string) => warn(check, `not checked: ${why}`, 'fix the checks above first');

/**
 * Sign-in with a username, and what a used challenge and a used assertion are worth afterwards; a new session id at
 * sign-in; then username-less sign-in. The browser signed in here becomes the account's browser.
 */
export async function checkSignIn(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    for (const check of ['authenticate-options', 'authenticate-verify', 'assertion-replay', 'challenge-single-use', 'session-rotation', 'username-less-sign-in']) {
      ctx.report(notChecked(check, 'no account was signed up'));
    }
    return;
  }
  const browser = ctx.browser();
  const attempt = await signIn(browser, account.device, account.username);
  checkOptions(ctx, account, attempt);
  if (!(await checkVerify(ctx, account, browser, attempt))) {
    for (const check of ['assertion-replay', 'challenge-single-use', 'session-rotation']) ctx.report(notChecked(check, 'sign-in did not work'));
  } else {
    account.browser = browser;
    const replay = await browser.call('authenticate/verify', { body: attempt.verifyBody });
    ctx.report(
      verified(replay)
        ? fail('assertion-replay', 'the same signed assertion, sent again, signed in again', 'use each challenge once: delete it when verify takes it, whatever the outcome')
        : pass('assertion-replay', `sent again, it was refused (${describe(replay)})`),
    );
    const again = await answerSignIn(browser, account.device, attempt.options, account.username);
    ctx.report(
      verified(again.verify)
        ? fail('challenge-single-use', 'a new signature over a challenge already used signed in', 'use each challenge once: delete it when verify takes it, whatever the outcome')
        : pass('challenge-single-use', `a new signature over a used challenge was refused (${describeAttempt(again)})`),
    );
    await checkRotation(ctx, account, browser, attempt);
  }
  await checkUsernameLess(ctx, account);
}

function checkOptions(ctx: CheckContext, account: Account, attempt: Attempt): void {
  const { options } = attempt;
  if (!ok(options)) {
    ctx.report(fail('authenticate-options', `for a signed-up name: ${describe(options)}`, 'answer 200 with PublicKeyCredentialRequestOptionsJSON (generateAuthenticationOptions)'));
    return;
  }
  const shape = requestOptionsShape(options.json, ctx.origin);
  const allowed = field(options, 'allowCredentials');
  const ids = Array.isArray(allowed) ? allowed.map((descriptor) => (descriptor as { id?: unknown })?.id) : [];
  if (ids.length > 0 && !ids.includes(account.credentialId)) shape.problems.push('allowCredentials does not list the passkey just registered');
  ctx.report(
    shape.problems.length > 0
      ? fail('authenticate-options', shape.problems.join('; '), "answer with generateAuthenticationOptions's JSON, allowCredentials listing the account's passkeys (or empty)")
      : pass('authenticate-options', `200 with a challenge${ids.length > 0 ? ` and ${ids.length} allowed passkey(s)` : ' and no allowCredentials'}`),
  );
}

/** Whether the sign-in worked: verified, the account's userId and username, and a session the API accepts. */
async function checkVerify(ctx: CheckContext, account: Account, browser: CheckBrowser, attempt: Attempt): Promise<boolean> {
  const { verify } = attempt;
  if (!verify) {
    ctx.report(warn('authenticate-verify', `not checked: ${describeAttempt(attempt)}`, 'fix authenticate-options first'));
    return false;
  }
  const problems = ok(verify) ? verifiedShape(verify.json).problems : [`the account's own passkey: ${describe(verify)}`];
  const fix = 'verify with verifyAuthenticationResponse against the stored public key and counter, and answer { verified: true, userId, username }';
  if (problems.length > 0) {
    ctx.report(fail('authenticate-verify', problems.join('; '), fix));
    return false;
  }
  if (String(field(verify, 'userId')) !== account.userId) problems.push(`userId ${JSON.stringify(field(verify, 'userId'))} is not the ${JSON.stringify(account.userId)} of registration`);
  const username = field(verify, 'username');
  if (username !== undefined && username !== account.username) problems.push(`username ${JSON.stringify(username)} is not ${JSON.stringify(account.username)}`);
  const list = await browser.call('credentials/list');
  if (list.status === 401 || list.status === 403) problems.push(`the session it set is not accepted: GET credentials answered ${describe(list)}`);
  if (problems.length > 0) ctx.report(fail('authenticate-verify', problems.join('; '), fix));
  else if (username === undefined) ctx.report(warn('authenticate-verify', 'no username in the answer', 'answer { verified: true, userId, username }: username-less sign-in has no other way to learn the name'));
  else ctx.report(pass('authenticate-verify', '200 { verified: true, userId, username }, and a session'));
  return problems.length === 0;
}

/** A new session id at every sign-in, so a session id planted before (session fixation) is worth nothing. */
async function checkRotation(ctx: CheckContext, account: Account, browser: CheckBrowser, first: Attempt): Promise<void> {
  const names = (first.verify?.headers.getSetCookie() ?? []).map((header) => Cookie.parse(header)?.key).filter((name) => name !== undefined);
  if (names.length === 0) {
    ctx.report(notChecked('session-rotation', 'authenticate/verify set no cookie'));
    return;
  }
  const before = await Promise.all(names.map((name) => browser.cookie(name)));
  const second = await signIn(browser, account.device, account.username);
  if (!verified(second.verify)) {
    ctx.report(notChecked('session-rotation', `a second sign-in in the same browser: ${describeAttempt(second)}`));
    return;
  }
  const after = await Promise.all(names.map((name) => browser.cookie(name)));
  const kept = names.filter((_, index) => before[index] !== undefined && before[index] === after[index]);
  ctx.report(
    kept.length > 0
      ? warn('session-rotation', `signing in again kept the session id in ${kept.join(', ')}`, 'issue a new session id at every sign-in (and delete the old session), so a planted id is worth nothing')
      : pass('session-rotation', 'a new session id at sign-in'),
  );
}

async function checkUsernameLess(ctx: CheckContext, account: Account): Promise<void> {
  const browser = ctx.browser();
  const attempt = await signIn(browser, account.device);
  const allowed = field(attempt.options, 'allowCredentials');
  if (!ok(attempt.options)) {
    ctx.report(fail('username-less-sign-in', `options without a username: ${describe(attempt.options)}`, 'answer POST authenticate/options with {} (no username) with options for a discoverable passkey'));
  } else if (Array.isArray(allowed) && allowed.length > 0) {
    ctx.report(fail('username-less-sign-in', `options without a username list ${allowed.length} passkey id(s)`, 'without a username, send an empty allowCredentials: anyone can ask'));
  } else if (!verified(attempt.verify)) {
    ctx.report(fail('username-less-sign-in', `a discoverable passkey, no username: ${describeAttempt(attempt)}`, 'find the account by the credential id (and check the userHandle), not by a username'));
  } else if (String(field(attempt.verify, 'userId')) !== account.userId || field(attempt.verify, 'username') !== account.username) {
    const seen = field(attempt.verify, 'username') === undefined ? 'no username in the answer' : `answered the account ${JSON.stringify(field(attempt.verify, 'username'))}`;
    ctx.report(warn('username-less-sign-in', seen, "answer { verified: true, userId, username } with the passkey's account: the page learns the name from it"));
  } else {
    ctx.report(pass('username-less-sign-in', 'empty allowCredentials, and the passkey alone signed in'));
  }
}
