/**
 * What the kit's client and a browser need from each answer of the protocol. Each function returns `problems` (the
 * kit or the browser cannot go on) and `advice` (it works, but should be better), as short phrases.
 */
export interface ShapeReport {
  problems: string[];
  advice: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** PublicKeyCredentialCreationOptionsJSON, as `navigator.credentials.create()` on `pageOrigin` takes it. */
export function creationOptionsShape(value: unknown, pageOrigin: string): ShapeReport {
  const report: ShapeReport = { problems: [], advice: [] };
  if (!isObject(value)) return { problems: ['not a JSON object'], advice: [] };
  checkChallenge(value.challenge, report);
  if (!isObject(value.rp) || typeof value.rp.name !== 'string') report.problems.push('rp.name missing');
  else checkRpId(value.rp.id, 'rp.id', pageOrigin, report);
  if (!isObject(value.user)) report.problems.push('user missing');
  else {
    const { id, name, displayName } = value.user;
    if (typeof id !== 'string' || !BASE64URL.test(id)) report.problems.push('user.id is not base64url');
    else if (byteLength(id) > 64) report.problems.push('user.id is longer than 64 bytes');
    if (typeof name !== 'string') report.problems.push('user.name missing');
    if (typeof displayName !== 'string') report.problems.push('user.displayName missing');
  }
  const params = value.pubKeyCredParams;
  if (!Array.isArray(params)) report.problems.push('pubKeyCredParams missing');
  else if (!params.some((param) => isObject(param) && param.type === 'public-key' && param.alg === -7)) {
    report.problems.push('pubKeyCredParams lacks ES256 (alg -7), which every passkey provider supports');
  }
  checkDescriptors(value.excludeCredentials, 'excludeCredentials', report);
  const residentKey = isObject(value.authenticatorSelection) ? value.authenticatorSelection.residentKey : undefined;
  if (residentKey !== 'required' && residentKey !== 'preferred') {
    report.advice.push(`authenticatorSelection.residentKey is ${JSON.stringify(residentKey ?? 'unset')}: without a discoverable passkey there is no username-less sign-in or autofill`);
  }
  return report;
}

/** PublicKeyCredentialRequestOptionsJSON, as `navigator.credentials.get()` on `pageOrigin` takes it. */
export function requestOptionsShape(value: unknown, pageOrigin: string): ShapeReport {
  const report: ShapeReport = { problems: [], advice: [] };
  if (!isObject(value)) return { problems: ['not a JSON object'], advice: [] };
  checkChallenge(value.challenge, report);
  checkRpId(value.rpId, 'rpId', pageOrigin, report);
  checkDescriptors(value.allowCredentials, 'allowCredentials', report);
  return report;
}

/** The answer of a verify endpoint: `{ verified: true, userId }` (the kit reads nothing else it must have). */
export function verifiedShape(value: unknown): ShapeReport {
  if (!isObject(value)) return { problems: ['not a JSON object'], advice: [] };
  const problems: string[] = [];
  if (value.verified !== true) problems.push('verified is not true');
  if (typeof value.userId !== 'string' && typeof value.userId !== 'number') problems.push('userId missing');
  return { problems, advice: [] };
}

/** `GET /credentials`: an array of `{ id, name?, createdAt?, lastUsedAt?, transports?, aaguid?, backedUp?, deviceType? }`. */
export function credentialListShape(value: unknown): ShapeReport {
  if (!Array.isArray(value)) return { problems: ['not a JSON array'], advice: [] };
  const report: ShapeReport = { problems: [], advice: [] };
  for (const [index, item] of value.entries()) {
    if (!isObject(item) || typeof item.id !== 'string') {
      report.problems.push(`entry ${index} has no string id`);
      continue;
    }
    const typed: [string, (field: unknown) => boolean][] = [
      ['name', (field) => typeof field === 'string'],
      ['createdAt', isDate],
      ['lastUsedAt', isDate],
      ['transports', (field) => Array.isArray(field) && field.every((transport) => typeof transport === 'string')],
      ['aaguid', (field) => typeof field === 'string'],
      ['backedUp', (field) => typeof field === 'boolean'],
      ['deviceType', (field) => field === 'singleDevice' || field === 'multiDevice'],
    ];
    for (const [field, ok] of typed) {
      if (item[field] !== undefined && item[field] !== null && !ok(item[field])) report.advice.push(`entry ${index}: ${field} has an unexpected type`);
    }
  }
  return report;
}

/** Whether `rpId` may be used on a page of `pageOrigin`: its host, or a parent domain of it. */
export function rpIdFitsOrigin(rpId: string, pageOrigin: string): boolean {
  const host = new URL(pageOrigin).hostname;
  return host === rpId || host.endsWith(`.${rpId}`);
}

export function byteLength(base64url: string): number {
  return Buffer.from(base64url, 'base64url').length;
}

function checkChallenge(challenge: unknown, report: ShapeReport): void {
  if (typeof challenge !== 'string' || !BASE64URL.test(challenge)) report.problems.push('challenge is not a base64url string');
  else if (byteLength(challenge) < 16) report.problems.push(`challenge has ${byteLength(challenge)} bytes, fewer than the 16 WebAuthn asks for`);
}

function checkRpId(rpId: unknown, field: string, pageOrigin: string, report: ShapeReport): void {
  if (rpId === undefined) return;
  if (typeof rpId !== 'string') report.problems.push(`${field} is not a string`);
  else if (!rpIdFitsOrigin(rpId, pageOrigin)) {
    report.problems.push(`${field} ${JSON.stringify(rpId)} is not the page's host (${new URL(pageOrigin).hostname}) or a parent domain of it: the browser refuses`);
  }
}

function checkDescriptors(list: unknown, field: string, report: ShapeReport): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) report.problems.push(`${field} is not an array`);
  else if (!list.every((item) => isObject(item) && typeof item.id === 'string' && BASE64URL.test(item.id) && item.type === 'public-key')) {
    report.problems.push(`${field} has entries without a base64url id and type "public-key"`);
  }
}

function isDate(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime());
}
