import { CheckContext, type CheckOptions } from './context.ts';
import { warn, type CheckResult } from './report.ts';
import { checkCors, checkPageOrigin } from './steps/cors.ts';
import { checkOptionsEnumeration, checkRecoverySend } from './steps/enumeration.ts';
import { checkMalformedBodies } from './steps/malformed.ts';
import { checkDeletion, checkManage } from './steps/manage.ts';
import { checkReachable } from './steps/reachable.ts';
import { checkRecoveryTokens } from './steps/recovery.ts';
import { checkSignIn } from './steps/sign-in.ts';
import { checkSignUp } from './steps/sign-up.ts';
import { checkTakeover } from './steps/takeover.ts';
import { checkTampering } from './steps/tampering.ts';
import { checkTwoTabsRegister, checkTwoTabsSignIn } from './steps/two-tabs.ts';
import { checkCorsResponses, checkErrorResponses, checkSessionEnd } from './steps/wrap-up.ts';

export type { CheckOptions } from './context.ts';

/** The steps of a run, in order: each reports its own checks, and later ones use the accounts earlier ones made. */
const STEPS: [string, (ctx: CheckContext) => void | Promise<void>][] = [
  ['cors', checkCors],
  ['sign-up', checkSignUp],
  ['sign-in', checkSignIn],
  ['two-tabs-sign-in', checkTwoTabsSignIn],
  ['manage', checkManage],
  ['two-tabs-register', checkTwoTabsRegister],
  ['deletion', checkDeletion],
  ['tampering', checkTampering],
  ['takeover', checkTakeover],
  ['enumeration', checkOptionsEnumeration],
  ['recovery', checkRecoverySend],
  ['recovery-tokens', checkRecoveryTokens],
  ['malformed-bodies', checkMalformedBodies],
  ['session-end', checkSessionEnd],
  ['error-responses', checkErrorResponses],
  ['cors-responses', checkCorsResponses],
];

/** What a run made and found. */
export interface CheckRun {
  /** The usernames of this run (see `passkey-check --help` for which of them become accounts). */
  usernames: CheckContext['names'];
  /** The accounts this run signed up. */
  accounts: string[];
  results: CheckResult[];
}

/**
 * Runs the passkey-elements protocol against a backend over HTTP, as a browser on `options.origin` with a software
 * authenticator, and judges what it answers. Never throws for anything the backend does.
 */
export async function checkBackend(options: CheckOptions): Promise<CheckRun> {
  const ctx = new CheckContext(options);
  checkPageOrigin(ctx);
  if (!(await checkReachable(ctx))) return { usernames: ctx.names, accounts: ctx.accounts, results: ctx.results };
  for (const [name, step] of STEPS) {
    try {
      await step(ctx);
    } catch (error) {
      // An answer the checker did not foresee: say so, and carry on with the next step.
      const message = error instanceof Error ? error.message : String(error);
      ctx.report(warn(name, `the checker stopped in this step: ${message}`, 'run again with --json and report it if the backend answered correctly'));
    }
  }
  return { usernames: ctx.names, accounts: ctx.accounts, results: ctx.results };
}
