import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { CheckBrowser, Exchange } from './browser.ts';
import { readErrorBody } from './client-kit.ts';
import { quote } from './report.ts';
import type { CreateTamper, GetTamper, SoftAuthenticator } from './soft-authenticator.ts';

/** How far one ceremony got: the options answer, then (unless the authenticator stopped) the verify answer. */
export interface Attempt {
  options: Exchange;
  /** Why the authenticator did not answer the options (bad options, no allowed passkey…). */
  stopped?: string;
  /** The body sent to the verify endpoint, for replays. */
  verifyBody?: Record<string, unknown>;
  verify?: Exchange;
  /** The id of the passkey the authenticator made or used. */
  credentialId?: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A 2xx answer. */
export const ok = (exchange: Exchange | undefined): boolean => exchange !== undefined && exchange.status >= 200 && exchange.status < 300;

/** A 2xx answer with `verified: true`: the backend accepted the ceremony. */
export function verified(exchange: Exchange | undefined): boolean {
  const json = exchange?.json;
  return ok(exchange) && isObject(json) && json.verified === true;
}

/** A field of a JSON answer, when the answer is an object. */
export function field(exchange: Exchange | undefined, name: string): unknown {
  return isObject(exchange?.json) ? exchange.json[name] : undefined;
}

/** An answer in a few words for a report line: `200`, `409 "This username is already registered"`, `no answer (ECONNREFUSED)`. */
export function describe(exchange: Exchange): string {
  if (exchange.status === 0) return `no answer (${exchange.error ?? 'network error'})`;
  if (exchange.status < 400) return String(exchange.status);
  const { message } = readErrorBody(exchange.text, exchange.headers.get('content-type') ?? '', exchange.status, '');
  return message === `The server answered ${exchange.status}` ? `${exchange.status} with no message` : `${exchange.status} ${quote(message, 80)}`;
}

/** The end of an attempt in a few words: where it stopped, and how. */
export function describeAttempt(attempt: Attempt): string {
  if (attempt.verify) return `verify answered ${describe(attempt.verify)}`;
  if (attempt.stopped) return `options answered ${describe(attempt.options)}, then the authenticator stopped: ${attempt.stopped}`;
  return `options answered ${describe(attempt.options)}`;
}

/** register/options → `navigator.credentials.create()` → register/verify, as the kit's `register()` does it. */
export async function register(
  browser: CheckBrowser,
  device: SoftAuthenticator,
  input: { username: string; displayName?: string; recoveryToken?: string },
  tamper?: CreateTamper,
): Promise<Attempt> {
  const { username, displayName = username, recoveryToken } = input;
  const options = await browser.call('register/options', { body: { username, displayName, ...(recoveryToken ? { recoveryToken } : {}) } });
  if (!ok(options)) return { options };
  let credential;
  try {
    credential = await device.create(options.json as PublicKeyCredentialCreationOptionsJSON, tamper);
  } catch (error) {
    return { options, stopped: reason(error) };
  }
  const verifyBody = { username, credential, ...(recoveryToken ? { recoveryToken } : {}) };
  const verify = await browser.call('register/verify', { body: verifyBody });
  return { options, verifyBody, verify, credentialId: credential.id };
}

/** authenticate/options → `navigator.credentials.get()` → authenticate/verify, as the kit's `authenticate()` does it. */
export async function signIn(browser: CheckBrowser, device: SoftAuthenticator, username?: string, tamper?: GetTamper): Promise<Attempt> {
  const options = await browser.call('authenticate/options', { body: username ? { username } : {} });
  if (!ok(options)) return { options };
  return answerSignIn(browser, device, options, username, tamper);
}

/** The rest of a sign-in, for options already fetched (by this tab or another). */
export async function answerSignIn(
  browser: CheckBrowser,
  device: SoftAuthenticator,
  options: Exchange,
  username?: string,
  tamper?: GetTamper,
): Promise<Attempt> {
  let credential;
  try {
    credential = await device.get(options.json as PublicKeyCredentialRequestOptionsJSON, tamper);
  } catch (error) {
    return { options, stopped: reason(error) };
  }
  const verifyBody = { ...(username ? { username } : {}), credential };
  const verify = await browser.call('authenticate/verify', { body: verifyBody });
  return { options, verifyBody, verify, credentialId: credential.id };
}

function reason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
