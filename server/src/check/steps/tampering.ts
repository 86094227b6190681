import { describeAttempt, register, signIn, verified } from '../ceremonies.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass, warn } from '../report.ts';

/** Ceremonies a browser never sends: signed for another origin, or with a signature counter that went back. */
export async function checkTampering(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    for (const check of ['wrong-origin', 'counter-rollback']) ctx.report(warn(check, 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  const signInElsewhere = await signIn(ctx.browser(), account.device, account.username, { origin: ctx.otherOrigin });
  const signUpElsewhere = await register(ctx.browser(), ctx.device(), { username: ctx.names.wrongOrigin }, { origin: ctx.otherOrigin });
  const accepted = [verified(signInElsewhere.verify) && 'a sign-in', verified(signUpElsewhere.verify) && 'a registration'].filter(Boolean);
  if (verified(signUpElsewhere.verify)) ctx.accounts.push(ctx.names.wrongOrigin);
  const unanswered = [signInElsewhere, signUpElsewhere].filter((attempt) => !attempt.verify);
  if (accepted.length > 0) {
    ctx.report(fail('wrong-origin', `${accepted.join(' and ')} signed on ${ctx.otherOrigin} (in clientDataJSON) ${accepted.length > 1 ? 'were' : 'was'} accepted: a phishing site's ceremonies count`, 'pass expectedOrigin: your page origins (and expectedRPID) to verifyRegistrationResponse and verifyAuthenticationResponse'));
  } else if (unanswered.length > 0) {
    ctx.report(warn('wrong-origin', `not checked: ${unanswered.map(describeAttempt).join('; ')}`, 'fix the checks above first'));
  } else {
    ctx.report(pass('wrong-origin', `signed on ${ctx.otherOrigin}: sign-in refused (${describeAttempt(signInElsewhere)}), registration refused (${describeAttempt(signUpElsewhere)})`));
  }

  const held = account.device.credentials.get(account.credentialId)!;
  const counter = held.counter;
  if (counter < 2) {
    ctx.report(warn('counter-rollback', `not checked: the passkey has signed ${counter} time(s), too few for its counter to go back`, 'fix the sign-in checks first'));
    return;
  }
  const rollback = await signIn(ctx.browser(), account.device, account.username, { signCount: 1 });
  held.counter = counter; // the authenticator carries on from where it was
  if (!rollback.verify) {
    ctx.report(warn('counter-rollback', `not checked: ${describeAttempt(rollback)}`, 'fix the checks above first'));
  } else if (verified(rollback.verify)) {
    ctx.report(fail('counter-rollback', `an assertion with signCount 1, after ${counter}, was accepted: a cloned authenticator goes unnoticed`, 'store authenticationInfo.newCounter after every sign-in and pass the stored counter to verifyAuthenticationResponse, which refuses a counter that did not go up'));
  } else {
    ctx.report(pass('counter-rollback', `signCount 1 after ${counter} was refused (${describeAttempt(rollback)})`));
  }
}
