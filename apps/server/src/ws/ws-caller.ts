import type { IncomingMessage } from 'node:http';
import type { Caller } from '../chat/caller.js';

/**
 * The caller of a WebSocket upgrade, with the address Koa's `ctx.ip` would give the same request:
 * the first X-Forwarded-For entry when the proxy is trusted (TRUST_PROXY), else the peer address.
 */
export function wsCaller(req: IncomingMessage, trustProxy: boolean): Caller {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return { transport: 'ws', address: first || req.socket.remoteAddress || '' };
}
