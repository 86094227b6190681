import { describe } from '../ceremonies.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass } from '../report.ts';

/** Whether the API answers at all; when it does not, nothing else can be checked and the run stops. */
export async function checkReachable(ctx: CheckContext): Promise<boolean> {
  const answer = await ctx.browser({ record: false }).call('authenticate/options', { body: {} });
  if (answer.status === 0) {
    ctx.report(fail('api-reachable', `POST ${answer.url} got ${describe(answer)}`, 'start the backend, or give the checker its apiUrl (the base of register/options and the rest)'));
    return false;
  }
  ctx.report(pass('api-reachable', `POST ${answer.url} answered ${answer.status}`));
  return true;
}
