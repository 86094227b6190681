import type { Exchange } from '../browser.ts';
import { describe, field, ok } from '../ceremonies.ts';
import type { CheckContext } from '../context.ts';
import { clip, fail, pass, warn } from '../report.ts';

type Descriptor = Record<string, unknown>;

const OPTIONS_FIX =
  'answer an unknown name like a known one: made-up allowCredentials, as many entries with the same kind of transports, the same for every call (an HMAC of the name), found as fast';

/**
 * Whether authenticate/options tells a name with an account from one without: a signed-up name with one passkey
 * against a name never signed up, each asked twice.
 */
export async function checkOptionsEnumeration(ctx: CheckContext): Promise<void> {
  const known = ctx.second ?? ctx.main;
  if (!known) {
    ctx.report(warn('username-enumeration-options', 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  const browser = ctx.browser();
  const ask = (username: string) => browser.call('authenticate/options', { body: { username } });
  const [knownFirst, unknownFirst, knownAgain, unknownAgain] = [await ask(known.username), await ask(ctx.names.unknown), await ask(known.username), await ask(ctx.names.unknown)];

  if (knownFirst.status !== unknownFirst.status) {
    ctx.report(fail('username-enumeration-options', `a signed-up name: ${describe(knownFirst)}; an unknown one: ${describe(unknownFirst)}`, OPTIONS_FIX));
    return;
  }
  if (!ok(knownFirst)) {
    ctx.report(warn('username-enumeration-options', `not checked: both answered ${describe(knownFirst)}`, 'see authenticate-options'));
    return;
  }
  const real = descriptors(knownFirst);
  const madeUp = descriptors(unknownFirst);
  if (real.length > 0 && madeUp.length === 0) {
    ctx.report(fail('username-enumeration-options', `a signed-up name gets ${real.length} allowCredentials entry(ies), an unknown one none: anyone can test which names have accounts`, OPTIONS_FIX));
    return;
  }
  // An account may hold any number of passkeys, so the number of entries tells nothing by itself; their kind does.
  const differences: string[] = [];
  if (!sameSet(real.map(fieldsOf), madeUp.map(fieldsOf))) {
    differences.push(`entries differ: ${[...new Set(real.map(shapeOf))].join(' | ')} against ${[...new Set(madeUp.map(shapeOf))].join(' | ')}`);
  }
  const odd = madeUp.find((descriptor) => !browserLike(descriptor.transports));
  if (odd && real.every((descriptor) => browserLike(descriptor.transports))) {
    differences.push(`made-up transports ${JSON.stringify(odd.transports)} are not listed as browsers report them (known values, sorted), unlike the real ones`);
  }
  if (keysOf(knownFirst) !== keysOf(unknownFirst)) differences.push(`fields differ: ${keysOf(knownFirst)} against ${keysOf(unknownFirst)}`);
  if (ids(knownFirst) === ids(knownAgain) && ids(unknownFirst) !== ids(unknownAgain)) differences.push("an unknown name's ids change from call to call, a known name's do not");
  ctx.report(
    differences.length > 0
      ? warn('username-enumeration-options', differences.join('; '), OPTIONS_FIX)
      : pass('username-enumeration-options', real.length > 0 ? 'an unknown name gets made-up allowCredentials shaped like a real one, stable across calls' : 'no allowCredentials for any name'),
  );
}

/**
 * Whether recovery/send answers a signed-up name differently from an unknown one; also its own shape. The first
 * account is the known one, so the second's recovery mails (three, for the token checks) stay within common limits.
 */
export async function checkRecoverySend(ctx: CheckContext): Promise<void> {
  const known = ctx.main ?? ctx.second;
  if (!known) {
    for (const check of ['recovery-send', 'username-enumeration-recovery']) ctx.report(warn(check, 'not checked: no account was signed up', 'fix the checks above first'));
    return;
  }
  const browser = ctx.browser();
  const sent = await browser.call('recovery/send', { body: { username: known.username } });
  if (sent.status === 404 || sent.status === 405) {
    ctx.report(fail('recovery-send', `POST ${browser.url('recovery/send')} for a signed-up name answered ${sent.status}`, 'answer POST {recoveryUrl}/recovery/send { username } with { success: true }, or point the checker (and <passkey-recovery recovery-url>) at yours with --recovery-url'));
    ctx.report(warn('username-enumeration-recovery', 'not checked: no recovery endpoint', 'see recovery-send'));
    return;
  }
  ctx.report(
    ok(sent) && (field(sent, 'success') === true || sent.text.trim() === '')
      ? pass('recovery-send', `${sent.status}${sent.text.trim() ? ' { success: true }' : ''} for a signed-up name`)
      : fail('recovery-send', `for a signed-up name: ${describe(sent)}`, 'answer POST recovery/send with 200 { success: true }'),
  );
  const unknown = await browser.call('recovery/send', { body: { username: ctx.names.unknown } });
  ctx.report(
    sent.status === unknown.status && bodyOf(sent) === bodyOf(unknown)
      ? pass('username-enumeration-recovery', `the same answer (${sent.status}) for a signed-up name and an unknown one`)
      : fail('username-enumeration-recovery', `a signed-up name: ${sent.status} ${clip(bodyOf(sent), 60)}; an unknown one: ${unknown.status} ${clip(bodyOf(unknown), 60)}`, 'answer { success: true } whether or not the account exists (send the mail only when it does)'),
  );
}

function descriptors(exchange: Exchange): Descriptor[] {
  const list = field(exchange, 'allowCredentials');
  return Array.isArray(list) ? list.filter((item): item is Descriptor => typeof item === 'object' && item !== null) : [];
}

/** The fields of an entry. */
function fieldsOf(descriptor: Descriptor): string {
  return Object.keys(descriptor).sort().join(',');
}

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Transports as a browser's getTransports() gives them: known values, in sorted order (or none at all). */
function browserLike(transports: unknown): boolean {
  if (transports === undefined) return true;
  if (!Array.isArray(transports) || !transports.every((value) => typeof value === 'string' && TRANSPORTS.has(value))) return false;
  return transports.every((value, index) => index === 0 || transports[index - 1] < value);
}

/** What an entry looks like, without its id: its fields and its transports. */
function shapeOf(descriptor: Descriptor): string {
  const fields = Object.keys(descriptor).sort().join(',');
  return `{${fields}}${Array.isArray(descriptor.transports) ? ` transports ${JSON.stringify(descriptor.transports)}` : ''}`;
}

function keysOf(exchange: Exchange): string {
  return typeof exchange.json === 'object' && exchange.json !== null ? Object.keys(exchange.json).sort().join(',') : typeof exchange.json;
}

function ids(exchange: Exchange): string {
  return descriptors(exchange).map((descriptor) => String(descriptor.id)).join(',');
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** The answer's body, to compare. */
function bodyOf(exchange: Exchange): string {
  return exchange.json === undefined ? exchange.text : JSON.stringify(exchange.json);
}
