import { Cookie } from 'tough-cookie';
import { siteOf, type CheckBrowser, type Exchange } from '../browser.ts';
import { describe, describeAttempt, field, ok, register } from '../ceremonies.ts';
import type { CheckContext } from '../context.ts';
import { fail, pass, warn } from '../report.ts';
import { creationOptionsShape, verifiedShape } from '../shapes.ts';

/** The first account: register/options, the passkey, register/verify, and the session cookie it sets. */
export async function checkSignUp(ctx: CheckContext): Promise<void> {
  const browser = ctx.browser();
  const device = ctx.device();
  const username = ctx.names.main;
  const attempt = await register(browser, device, { username, displayName: 'Passkey Check' });

  const { options } = attempt;
  if (!ok(options)) {
    ctx.report(fail('register-options', `POST register/options for a new name answered ${describe(options)}`, 'answer 200 with PublicKeyCredentialCreationOptionsJSON (generateRegistrationOptions)'));
  } else {
    const shape = creationOptionsShape(options.json, ctx.origin);
    const encoded = options.text.trimStart().startsWith('"') ? ' (a JSON string holding the JSON, which the kit decodes)' : '';
    if (shape.problems.length > 0) {
      ctx.report(fail('register-options', `${shape.problems.join('; ')}${encoded}`, 'answer with PublicKeyCredentialCreationOptionsJSON as generateRegistrationOptions makes it, with rp.id the page\'s host or a parent domain'));
    } else if (shape.advice.length > 0) {
      ctx.report(warn('register-options', `${shape.advice.join('; ')}${encoded}`, "set authenticatorSelection: { residentKey: 'preferred' } (or 'required')"));
    } else {
      ctx.report(pass('register-options', `200 with challenge, rp, user and ES256${encoded}`));
    }
  }

  if (!attempt.verify) {
    ctx.report(warn('register-verify', `not checked: ${describeAttempt(attempt)}`, 'fix register-options first'));
    return;
  }
  const { verify } = attempt;
  const shape = verifiedShape(verify.json);
  if (!ok(verify) || shape.problems.length > 0) {
    const seen = ok(verify) ? `200 but ${shape.problems.join(', ')}` : `a fresh passkey for a new name: ${describe(verify)}`;
    ctx.report(fail('register-verify', seen, 'verify with verifyRegistrationResponse (expectedOrigin: the page origin, expectedRPID) and answer { verified: true, userId, credentialId }'));
    return;
  }
  const credentialId = field(verify, 'credentialId');
  ctx.report(
    credentialId !== undefined && credentialId !== attempt.credentialId
      ? warn('register-verify', `credentialId ${JSON.stringify(credentialId)} is not the passkey's id`, 'answer with the base64url credential id the browser sent (credential.id)')
      : pass('register-verify', '200 { verified: true, userId }'),
  );
  ctx.main = { username, userId: String(field(verify, 'userId')), browser, device, credentialId: attempt.credentialId! };
  ctx.accounts.push(username);
  await checkSessionCookie(ctx, browser, verify);
}

/** The cookie a verify answer sets: one a browser keeps and sends back, and that page scripts cannot read. */
async function checkSessionCookie(ctx: CheckContext, browser: CheckBrowser, verify: Exchange): Promise<void> {
  const cookies = verify.headers.getSetCookie().map((header) => Cookie.parse(header)).filter((cookie) => cookie !== undefined);
  if (cookies.length === 0) {
    ctx.report(warn('session-cookie', 'register/verify set no cookie', 'sign the person in: set an HttpOnly; SameSite=Lax session cookie (the checker follows cookie sessions only)'));
    return;
  }
  const problems: string[] = [];
  const advice: string[] = [];
  const crossSite = siteOf(ctx.apiUrl) !== siteOf(ctx.origin);
  const https = new URL(ctx.apiUrl).protocol === 'https:';
  const anyHttpOnly = cookies.some((cookie) => cookie.httpOnly);
  for (const cookie of cookies) {
    const name = cookie.key;
    const sameSite = cookie.sameSite?.toLowerCase();
    const shown = sameSite ? sameSite[0]!.toUpperCase() + sameSite.slice(1) : undefined;
    // A readable cookie beside an HttpOnly one is likely a CSRF token, meant to be read.
    if (!cookie.httpOnly && !anyHttpOnly) problems.push(`${name} is not HttpOnly: any script on the page (an XSS) can steal the session`);
    if (!cookie.httpOnly && anyHttpOnly) advice.push(`${name} is readable by page scripts (fine for a CSRF token, not for a session)`);
    if (crossSite && sameSite !== 'none') problems.push(`${name} is SameSite=${shown ?? 'unset (Lax)'} but the page is on another site: the browser never sends it to the API`);
    if (sameSite === 'none' && !cookie.secure) problems.push(`${name} is SameSite=None without Secure: browsers drop it`);
    if (!crossSite && (sameSite === undefined || sameSite === 'none')) advice.push(`${name} has SameSite=${shown ?? 'unset'}: set Lax, so other sites' requests do not carry it`);
    if (https && !cookie.secure) advice.push(`${name} is not Secure on an https API`);
    if ((await browser.cookie(name)) === undefined && cookie.value !== '') problems.push(`the browser did not keep ${name}`);
  }
  if (crossSite) advice.push('the session cookie is a third-party cookie here: Safari and Firefox block those by default');
  const fix = 'set the session cookie HttpOnly; SameSite=Lax; Path=/ (and Secure on https), and serve the API from the page\'s site';
  if (problems.length > 0) ctx.report(fail('session-cookie', problems.join('; '), fix));
  else if (advice.length > 0) ctx.report(warn('session-cookie', advice.join('; '), fix));
  else ctx.report(pass('session-cookie', `${cookies.map((cookie) => `${cookie.key} (HttpOnly, SameSite=${cookie.sameSite === 'strict' ? 'Strict' : 'Lax'})`).join(', ')}, kept by the browser`));
}
