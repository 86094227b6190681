import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { CheckBrowser, Exchange } from '../browser.ts';
import { answerSignIn, describe, describeAttempt, field, ok, verified } from '../ceremonies.ts';
import type { Account, CheckContext } from '../context.ts';
import { fail, pass, warn, type CheckResult } from '../report.ts';
import type { SoftAuthenticator } from '../soft-authenticator.ts';

const KEY_BY_CHALLENGE = 'keep each challenge under the challenge itself (a table keyed by challenge), not under the username or in the session';

/**
 * How asking for options a second time treated the first options: kept apart (a pass), replaced within one browser
 * (challenges kept in the session: two tabs clash), or replaced from any browser (kept per username: anyone asking
 * for options for a name cancels that person's ceremony).
 */
function judge(check: string, ceremony: string, sameBrowser: string | true, otherBrowser: string | true): CheckResult {
  if (sameBrowser === true) return pass(check, `the first tab's ${ceremony} worked after a second tab asked for options`);
  if (otherBrowser === true) {
    return warn(check, `the first tab's ${ceremony} failed after a second tab asked for options (${sameBrowser}): challenges are kept in the session, so two tabs clash`, KEY_BY_CHALLENGE);
  }
  return fail(check, `the first ${ceremony} failed after another browser asked for options for the same name (${otherBrowser}): challenges are kept per username, so anyone can cancel anyone's ${ceremony}`, KEY_BY_CHALLENGE);
}

/** Two tabs of one browser (then two browsers) ask for sign-in options for one name; the first one answers. */
export async function checkTwoTabsSignIn(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    ctx.report(warn('two-tabs-sign-in', 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  const first = ctx.browser();
  const sameBrowser = await firstSignInOfTwo(account, first, first.tab());
  if (sameBrowser === undefined) {
    ctx.report(warn('two-tabs-sign-in', 'not checked: sign-in options were refused', 'see authenticate-options'));
    return;
  }
  const otherBrowser = sameBrowser === true ? true : ((await firstSignInOfTwo(account, ctx.browser(), ctx.browser())) ?? 'options refused');
  ctx.report(judge('two-tabs-sign-in', 'sign-in', sameBrowser, otherBrowser));
}

/** true when the first of two sign-ins worked, else how it failed; undefined when options were refused. */
async function firstSignInOfTwo(account: Account, first: CheckBrowser, second: CheckBrowser): Promise<string | true | undefined> {
  const body = { username: account.username };
  const firstOptions = await first.call('authenticate/options', { body });
  const secondOptions = await second.call('authenticate/options', { body });
  if (!ok(firstOptions) || !ok(secondOptions)) return undefined;
  const attempt = await answerSignIn(first, account.device, firstOptions, account.username);
  return verified(attempt.verify) || describeAttempt(attempt);
}

/**
 * The second account, signed up from two tabs of one browser. When the first tab fails, the second tab signs it up,
 * and two browsers try a name of their own (`sessionProbe`), to tell challenges kept per session from per username.
 */
export async function checkTwoTabsRegister(ctx: CheckContext): Promise<void> {
  const browser = ctx.browser();
  const device = ctx.device();
  const tabs = await firstRegistrationOfTwo(browser, browser.tab(), device, ctx.names.second);
  if (!tabs) {
    ctx.report(warn('two-tabs-register', 'not checked: registration options for a new name were refused', 'see register-options'));
    return;
  }
  const { outcome } = tabs;
  if (outcome === true) {
    ctx.second = { username: ctx.names.second, ...tabs.account!, browser, device };
    ctx.accounts.push(ctx.names.second);
    ctx.report(judge('two-tabs-register', 'registration', true, true));
    return;
  }
  // The account all the same: from the second tab, else (when the failure used up its challenge too) from a fresh browser.
  let signedUp = await finishRegistration(tabs.second, device, ctx.names.second, tabs.secondOptions);
  let signedUpIn = tabs.second;
  if (!signedUp.verified) {
    signedUpIn = ctx.browser();
    const options = await signedUpIn.call('register/options', { body: { username: ctx.names.second, displayName: 'Passkey Check' } });
    if (ok(options)) signedUp = await finishRegistration(signedUpIn, device, ctx.names.second, options);
  }
  if (signedUp.verified) {
    ctx.second = { username: ctx.names.second, userId: signedUp.userId, browser: signedUpIn, device, credentialId: signedUp.credentialId };
    ctx.accounts.push(ctx.names.second);
  }
  const apart = await firstRegistrationOfTwo(ctx.browser(), ctx.browser(), ctx.device(), ctx.names.sessionProbe);
  const otherBrowser = apart?.outcome ?? 'options refused';
  if (otherBrowser === true) ctx.accounts.push(ctx.names.sessionProbe);
  ctx.report(judge('two-tabs-register', 'registration', outcome, otherBrowser));
}

async function firstRegistrationOfTwo(first: CheckBrowser, second: CheckBrowser, device: SoftAuthenticator, username: string) {
  const body = { username, displayName: 'Passkey Check' };
  const firstOptions = await first.call('register/options', { body });
  const secondOptions = await second.call('register/options', { body });
  if (!ok(firstOptions) || !ok(secondOptions)) return undefined;
  const finished = await finishRegistration(first, device, username, firstOptions);
  return {
    outcome: finished.verified || finished.seen,
    account: finished.verified ? { userId: finished.userId, credentialId: finished.credentialId } : undefined,
    second,
    secondOptions,
  };
}

async function finishRegistration(browser: CheckBrowser, device: SoftAuthenticator, username: string, options: Exchange) {
  try {
    const credential = await device.create(options.json as PublicKeyCredentialCreationOptionsJSON);
    const verify = await browser.call('register/verify', { body: { username, credential } });
    return { verified: verified(verify), seen: describe(verify), userId: String(field(verify, 'userId')), credentialId: credential.id };
  } catch (error) {
    return { verified: false, seen: `the authenticator stopped: ${String(error)}`, userId: '', credentialId: '' };
  }
}
