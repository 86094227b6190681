import type { IncomingMessage } from 'node:http';

export interface ProxyOptions {
  /**
   * How many reverse proxies in front of this server append to `X-Forwarded-For`: the client address is then the
   * entry that many places from the end (`true` means 1). Default `false`: the socket's address, which is right when
   * nothing sits in front. Set it exactly: trusting more proxies than there are lets a client choose its address, and
   * with it its rate-limit bucket.
   */
  trustProxy?: boolean | number;
}

/** The client address of a Node request: the socket's, or the trusted proxy's record of it. */
export function clientIpOf(request: IncomingMessage, { trustProxy = false }: ProxyOptions = {}): string | undefined {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const header = request.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const entry = entries.length === 0 ? undefined : entries[Math.max(0, entries.length - hops)];
    if (entry) return entry;
  }
  return request.socket?.remoteAddress;
}
