import type { Exchange } from '../browser.ts';
import { describe } from '../ceremonies.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass, warn, type CheckResult } from '../report.ts';

const ORIGIN_FIX = 'answer with Access-Control-Allow-Origin: <the page origin> (exactly, never *) and Access-Control-Allow-Credentials: true (Express: cors({ origin, credentials: true }))';

/** A secure context: WebAuthn runs only on https pages and on localhost. */
export function checkPageOrigin(ctx: CheckContext): void {
  const { protocol, hostname } = new URL(ctx.origin);
  const local = hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
  ctx.report(
    protocol === 'https:' || (protocol === 'http:' && local)
      ? pass('page-origin', `${ctx.origin} is a secure context`)
      : fail('page-origin', `${ctx.origin} is not a secure context: browsers offer no passkeys there`, 'serve the page over https (http only works on localhost)'),
  );
}

/** The preflights a browser on the page sends before the kit's requests, and what another site is granted. */
export async function checkCors(ctx: CheckContext): Promise<void> {
  if (ctx.sameOrigin) {
    for (const check of ['cors-preflight', 'cors-preflight-delete', 'cors-preflight-patch']) {
      ctx.report(pass(check, `the page and the API share the origin ${ctx.origin}: no CORS involved`));
    }
  } else {
    const browser = ctx.browser();
    ctx.report(judgePreflight('cors-preflight', await browser.preflight('register/options', 'POST', ['content-type']), ctx.origin, 'POST', true));
    ctx.report(judgePreflight('cors-preflight-delete', await browser.preflight('credentials/delete', 'DELETE', []), ctx.origin, 'DELETE', true));
    ctx.report(judgePreflight('cors-preflight-patch', await browser.preflight('credentials/rename', 'PATCH', ['content-type']), ctx.origin, 'PATCH', false));
  }
  await checkOtherOrigin(ctx);
}

/**
 * A preflight a browser accepts for a request with cookies: a 2xx, the exact origin, credentials allowed, the method
 * listed (not POST: it is CORS-safelisted) and `content-type` listed (not for DELETE: it has no body).
 */
function judgePreflight(check: string, answer: Exchange, origin: string, method: string, required: boolean): CheckResult {
  const problems: string[] = [];
  const fixes = new Set<string>();
  if (answer.status < 200 || answer.status >= 300) {
    problems.push(`the preflight answered ${describe(answer)}`);
    fixes.add(`answer OPTIONS with 204 and the CORS headers; ${ORIGIN_FIX}`);
  } else {
    const origins = corsProblems(answer, origin);
    problems.push(...origins);
    if (origins.length > 0) fixes.add(ORIGIN_FIX);
    if (method !== 'POST' && !listed(answer.headers.get('access-control-allow-methods'), method)) {
      problems.push(`Access-Control-Allow-Methods does not list ${method}`);
      fixes.add(`list ${method} in Access-Control-Allow-Methods`);
    }
    if (method !== 'DELETE' && !listed(answer.headers.get('access-control-allow-headers'), 'content-type')) {
      problems.push('Access-Control-Allow-Headers does not list content-type');
      fixes.add('list content-type in Access-Control-Allow-Headers');
    }
  }
  if (problems.length === 0) return pass(check, `${method} from ${origin} allowed with credentials`);
  const seen = `${method} from ${origin}: ${problems.join('; ')}`;
  const fix = [...fixes].join('; ');
  return required ? fail(check, seen, fix) : warn(check, `${seen} (PATCH is optional: <passkey-manager> then offers no rename)`, fix);
}

/** Why a browser on `origin` would not let the page read this answer (with cookies). */
export function corsProblems(answer: Exchange, origin: string): string[] {
  if (answer.status === 0) return [];
  const allowOrigin = answer.headers.get('access-control-allow-origin');
  const problems: string[] = [];
  if (allowOrigin === null) problems.push('no Access-Control-Allow-Origin');
  else if (allowOrigin.trim() === '*') problems.push('Access-Control-Allow-Origin is *, which browsers refuse for requests with cookies');
  else if (allowOrigin.trim() !== origin) problems.push(`Access-Control-Allow-Origin is ${JSON.stringify(allowOrigin)}, not ${origin}`);
  if (answer.headers.get('access-control-allow-credentials')?.trim() !== 'true') problems.push('no Access-Control-Allow-Credentials: true');
  return problems;
}

/** Another site must not be allowed to call the API with the visitor's cookies (nor, ideally, at all). */
async function checkOtherOrigin(ctx: CheckContext): Promise<void> {
  const other = ctx.browser({ origin: ctx.otherOrigin });
  const answers = [
    await other.preflight('register/options', 'POST', ['content-type']),
    await other.call('authenticate/options', { body: {} }),
  ];
  const granted = answers.filter((answer) => answer.headers.get('access-control-allow-origin')?.trim() === ctx.otherOrigin);
  const withCookies = granted.filter((answer) => answer.headers.get('access-control-allow-credentials')?.trim() === 'true');
  const wildcard = answers.filter((answer) => answer.headers.get('access-control-allow-origin')?.trim() === '*');
  const fix = 'allow only your page origins: compare Origin with a fixed list, never echo it back unchecked';
  if (withCookies.length > 0) {
    ctx.report(fail('cors-other-origin', `${ctx.otherOrigin} is allowed with credentials: any site can act for a signed-in visitor`, fix));
  } else if (granted.length > 0) {
    ctx.report(warn('cors-other-origin', `${ctx.otherOrigin} is allowed (without credentials): any site can read the answers`, fix));
  } else if (wildcard.length > 0) {
    ctx.report(warn('cors-other-origin', 'Access-Control-Allow-Origin: * lets any site read the answers (without cookies), such as which passkeys a username has', fix));
  } else {
    ctx.report(pass('cors-other-origin', `${ctx.otherOrigin} is not allowed`));
  }
}

/** Whether a comma-separated header lists `name` (case-insensitive; `*` does not count: with credentials it is literal). */
function listed(header: string | null, name: string): boolean {
  return (header ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .includes(name.toLowerCase());
}
