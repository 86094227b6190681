import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { describe, describeAttempt, field, ok, register, verified } from '../ceremonies.ts';
import type { Account, CheckContext } from '../context.ts';
import { fail, pass, warn } from '../report.ts';

const CHECKS = ['add-passkey-without-session', 'add-passkey-session-bound', 'username-lookalike', 'login-csrf'];

/** Ways into someone else's account: a passkey added to it without its session, a look-alike name, login CSRF. */
export async function checkTakeover(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    for (const check of CHECKS) ctx.report(warn(check, 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  await checkWithoutSession(ctx, account);
  await checkSessionBound(ctx, account);
  await checkLookalike(ctx, account);
  await checkLoginCsrf(ctx, account);
}

/** The guide's samples hand out options for any username and store the passkey under it: anyone can add one. */
async function checkWithoutSession(ctx: CheckContext, account: Account): Promise<void> {
  const attempt = await register(ctx.browser(), ctx.device(), { username: account.username });
  const fix = 'refuse register/options for an existing username (409) unless the session is that account\'s, or a valid recovery token comes with it';
  if (!verified(attempt.verify)) {
    ctx.report(pass('add-passkey-without-session', `a stranger registering an existing username was refused (${describeAttempt(attempt)})`));
  } else if (String(field(attempt.verify, 'userId')) === account.userId) {
    ctx.report(fail('add-passkey-without-session', "a stranger, with no session, added a passkey to an existing account: that is a takeover", fix));
  } else {
    ctx.accounts.push(`${account.username} (a second account of that name)`);
    ctx.report(fail('add-passkey-without-session', 'a stranger registered an existing username again, as another account', fix));
  }
}

/** Options asked for while signed in, answered from a browser without that session: must be refused. */
async function checkSessionBound(ctx: CheckContext, account: Account): Promise<void> {
  const options = await account.browser.call('register/options', { body: { username: account.username, displayName: 'Passkey Check' } });
  if (!ok(options)) {
    ctx.report(warn('add-passkey-session-bound', `not checked: signed in, options for a second passkey answered ${describe(options)}`, 'see add-passkey'));
    return;
  }
  let credential;
  try {
    credential = await ctx.device().create(options.json as never);
  } catch (error) {
    ctx.report(warn('add-passkey-session-bound', `not checked: the authenticator stopped: ${String(error)}`, 'see register-options'));
    return;
  }
  const verify = await ctx.browser().call('register/verify', { body: { username: account.username, credential } });
  ctx.report(
    verified(verify)
      ? warn('add-passkey-session-bound', "a passkey whose options were asked for in the account's session was added from a browser without that session", 'keep the session with the challenge of an add-passkey, and refuse a verify that does not come with it')
      : pass('add-passkey-session-bound', `verify without the session that asked was refused (${describe(verify)})`),
  );
}

/** `Alice` and `alice` should be one account (as should composed and decomposed é, or full-width letters). */
async function checkLookalike(ctx: CheckContext, account: Account): Promise<void> {
  const attempt = await register(ctx.browser(), ctx.device(), { username: ctx.names.lookalike });
  if (!verified(attempt.verify)) {
    ctx.report(pass('username-lookalike', `${ctx.names.lookalike}, the first username in capitals, was refused (${describeAttempt(attempt)})`));
  } else if (String(field(attempt.verify, 'userId')) === account.userId) {
    ctx.report(fail('username-lookalike', `a stranger added a passkey to ${account.username} by registering ${ctx.names.lookalike}`, 'refuse registering an existing (case-folded) username without its session'));
  } else {
    ctx.accounts.push(ctx.names.lookalike);
    ctx.report(warn('username-lookalike', `${account.username} and ${ctx.names.lookalike} are two accounts: look-alike names can impersonate each other`, 'compare usernames NFKC-normalised and case-folded (a unique key on it), as the kit\'s usernameKey() does'));
  }
}

/**
 * Login CSRF: another site's form posts an assertion of the attacker's own account (as `text/plain`, which needs no
 * preflight) to authenticate/verify from the visitor's browser, which is then signed in as the attacker.
 */
async function checkLoginCsrf(ctx: CheckContext, account: Account): Promise<void> {
  const options = await ctx.browser().call('authenticate/options', { body: { username: account.username } });
  if (!ok(options)) {
    ctx.report(warn('login-csrf', `not checked: options answered ${describe(options)}`, 'see authenticate-options'));
    return;
  }
  let credential;
  try {
    credential = await account.device.get(options.json as PublicKeyCredentialRequestOptionsJSON);
  } catch (error) {
    ctx.report(warn('login-csrf', `not checked: the authenticator stopped: ${String(error)}`, 'see authenticate-options'));
    return;
  }
  const victim = ctx.browser({ origin: ctx.otherOrigin });
  const verify = await victim.call('authenticate/verify', {
    raw: JSON.stringify({ username: account.username, credential }),
    contentType: 'text/plain',
    headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  });
  ctx.report(
    verified(verify)
      ? fail('login-csrf', `a text/plain form post from ${ctx.otherOrigin} signed the visitor in (as an account of the other site's choosing)`, 'refuse bodies that are not application/json (415) and state-changing requests whose Origin is not your page (403)')
      : pass('login-csrf', `a text/plain form post from ${ctx.otherOrigin} was refused (${describe(verify)})`),
  );
}
