import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckBrowser } from './browser.ts';

/** Where the recovery mails a backend sends can be read: the mock's `/__mock/outbox`, or a test mailbox of yours. */
export interface OutboxSource {
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the outbox: a JSON array of messages (or `{ messages }`, `{ outbox }`), each a JSON object. The messages to
 * `username` are those whose `to` is it, or that mention it anywhere.
 */
export async function readOutbox(browser: CheckBrowser, source: OutboxSource, username: string): Promise<Json[] | string> {
  const answer = await browser.fetchUrl(source.url, source.token ? { authorization: `Bearer ${source.token}` } : {});
  if (answer.status !== 200) return `the outbox answered ${answer.status || answer.error}`;
  const body = answer.json;
  const messages = Array.isArray(body) ? body : isObject(body) ? (body.messages ?? body.outbox) : undefined;
  if (!Array.isArray(messages)) return 'the outbox is not a JSON array of messages';
  return messages.filter(isObject).filter((message) => message.to === username || JSON.stringify(message).includes(JSON.stringify(username).slice(1, -1)));
}

/** The recovery token of a message: its `token`, else the `token` parameter of a link in it. */
export function tokenOf(message: Json): string | undefined {
  if (typeof message.token === 'string' && message.token) return message.token;
  const link = /[?&#]token=([^&#\s"'<>]+)/.exec(JSON.stringify(message))?.[1];
  if (!link) return undefined;
  try {
    return decodeURIComponent(link);
  } catch {
    return undefined;
  }
}

/**
 * Runs `send` (which triggers a recovery mail to `username`) and waits up to `waitMs` for a new message to them in
 * the outbox; resolves to its token, or to why there is none.
 */
export async function tokenFromNextMail(
  browser: CheckBrowser,
  source: OutboxSource,
  username: string,
  send: () => Promise<unknown>,
  waitMs = 3000,
): Promise<{ token: string } | { problem: string }> {
  const before = await readOutbox(browser, source, username);
  if (typeof before === 'string') return { problem: before };
  await send();
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = await readOutbox(browser, source, username);
    if (typeof now === 'string') return { problem: now };
    if (now.length > before.length) {
      const token = tokenOf(now.at(-1)!);
      return token ? { token } : { problem: 'the new message has no token field and no link with ?token=' };
    }
    if (Date.now() > deadline) return { problem: `no new message to ${username} in the outbox within ${waitMs} ms` };
    await sleep(100);
  }
}
