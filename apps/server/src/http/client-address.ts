import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's address, by one rule for HTTP requests and WebSocket upgrades alike.
 *
 * `trustedHops` is how many proxies we trust in front of the server (`TRUST_PROXY_HOPS` when
 * `TRUST_PROXY=true`, else 0). Each trusted proxy *appends* the address it saw to
 * `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`), and everything to the left of what
 * they wrote came from the client, who can put any text there. So the address is the entry
 * `trustedHops` from the right (Koa's `maxIpsCount` rule), never the leftmost; with fewer
 * entries than hops, the leftmost there is. Without trusted proxies, or without the header, it is
 * the TCP peer.
 *
 * @example
 * // behind one nginx, the client sent "X-Forwarded-For: 6.6.6.6" and nginx appended 203.0.113.9
 * clientAddress({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '127.0.0.1', 1); // '203.0.113.9'
 */
export function clientAddress(headers: IncomingHttpHeaders, peer: string | undefined, trustedHops: number): string {
  const fallback = peer ?? '';
  if (trustedHops <= 0) return fallback;
  const header = headers['x-forwarded-for'];
  // Node joins repeated X-Forwarded-For headers with ", " already; an array only comes from tests.
  const joined = Array.isArray(header) ? header.join(',') : header;
  if (!joined) return fallback;
  const entries = joined
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.slice(-trustedHops)[0] ?? fallback;
}

/** How many proxies' X-Forwarded-For entries to trust under these settings. */
export function trustedProxyHops(settings: { TRUST_PROXY: boolean; TRUST_PROXY_HOPS: number }): number {
  return settings.TRUST_PROXY ? settings.TRUST_PROXY_HOPS : 0;
}
