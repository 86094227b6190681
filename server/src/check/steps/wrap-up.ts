import { describe, ok } from '../ceremonies.ts';
import { readErrorBody } from '../client-kit.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass, warn } from '../report.ts';
import { corsProblems } from './cors.ts';

/** Signing out ends the session on the server, not just in the browser's cookie jar. */
export async function checkSessionEnd(ctx: CheckContext): Promise<void> {
  const account = ctx.main;
  if (!account) {
    ctx.report(warn('session-end', 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  const cookies = await account.browser.jar.getCookieString(account.browser.url('credentials/list'));
  const end = await account.browser.call('session/end');
  if (end.status === 404 || end.status === 405) {
    ctx.report(warn('session-end', `DELETE session answered ${end.status}: optional, not there`, 'optional: without it, sign-out is up to your page (and <passkey-manager> cannot offer it)'));
    return;
  }
  if (!ok(end)) {
    ctx.report(warn('session-end', `DELETE session answered ${describe(end)}`, 'answer DELETE session with { success: true }, deleting the session'));
    return;
  }
  const after = await account.browser.call('credentials/list');
  const replayed = await ctx.browser().call('credentials/list', { headers: { cookie: cookies } });
  const fix = 'delete the session on the server at sign-out (not only its cookie), and answer 401 for it afterwards';
  if (ok(after)) ctx.report(fail('session-end', 'after DELETE session, the browser is still signed in', fix));
  else if (ok(replayed)) ctx.report(fail('session-end', 'after DELETE session, the old session cookie, sent again, still works', fix));
  else ctx.report(pass('session-end', `signed out: GET credentials answers ${after.status}, also with the old cookie`));
}

/**
 * Over every answer of the run (not the malformed-body probes): no 5xx, and refusals whose message the kit can show
 * without quoting the server's configuration.
 */
export function checkErrorResponses(ctx: CheckContext): void {
  const crashes = new Set<string>();
  const silent = new Set<string>();
  const leaky = new Set<string>();
  for (const exchange of ctx.exchanges) {
    if (exchange.status >= 500) crashes.add(`${exchange.label} ${exchange.status}`);
    if (exchange.status < 400 || [404, 405, 429].includes(exchange.status)) continue;
    const { message } = readErrorBody(exchange.text, exchange.headers.get('content-type') ?? '', exchange.status, '');
    if (message === `The server answered ${exchange.status}`) silent.add(`${exchange.label} ${exchange.status}`);
    if (message.includes(ctx.origin) || /\bexpected\b|counter/i.test(message)) leaky.add(`${exchange.label} ${exchange.status}`);
  }
  if (crashes.size > 0) {
    ctx.report(fail('error-responses', `5xx for requests the backend should refuse: ${list(crashes)}`, 'answer a refused ceremony with 400 { error, code } (catch the library\'s errors: they are refusals, not crashes)'));
  } else if (silent.size > 0 || leaky.size > 0) {
    const seen = [silent.size > 0 && `refusals without a message: ${list(silent)}`, leaky.size > 0 && `refusals that quote what the server expected (origins, counters): ${list(leaky)}`].filter(Boolean).join('; ');
    ctx.report(warn('error-responses', seen, 'answer refusals with a short generic { error, code } (the kit shows error); log the details on the server'));
  } else {
    ctx.report(pass('error-responses', 'no 5xx; every refusal has a message'));
  }
}

/** Every answer to the page carries the CORS headers, so the kit can read it (refusals too, or their message is lost). */
export function checkCorsResponses(ctx: CheckContext): void {
  if (ctx.sameOrigin) {
    ctx.report(pass('cors-responses', `the page and the API share the origin ${ctx.origin}: no CORS involved`));
    return;
  }
  const unreadable = new Set<string>();
  const unreadableRefusals = new Set<string>();
  for (const exchange of ctx.exchanges) {
    if (exchange.origin !== ctx.origin || corsProblems(exchange, ctx.origin).length === 0) continue;
    (ok(exchange) ? unreadable : unreadableRefusals).add(`${exchange.label} ${exchange.status}`);
  }
  const fix = 'send Access-Control-Allow-Origin: <the page origin> and Access-Control-Allow-Credentials: true on every answer, errors included';
  if (unreadable.size > 0) ctx.report(fail('cors-responses', `the page cannot read: ${list(unreadable)}`, fix));
  else if (unreadableRefusals.size > 0) ctx.report(warn('cors-responses', `refusals the page cannot read (their message is lost): ${list(unreadableRefusals)}`, fix));
  else ctx.report(pass('cors-responses', `every answer to ${ctx.origin} carries its CORS headers`));
}

/** The first few of a set of request labels, for a report line. */
function list(labels: Set<string>): string {
  return [...labels].slice(0, 5).join(', ') + (labels.size > 5 ? ` and ${labels.size - 5} more` : '');
}
