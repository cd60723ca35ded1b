import type { Caller } from '../chat/caller.js';
import type { HttpContext } from './http-state.js';

/**
 * The caller of an HTTP request: its client address (X-Forwarded-For only with TRUST_PROXY, Koa's
 * `proxy`) and the identity the identify middleware resolved (anonymous by address without one).
 */
export function httpCaller(ctx: HttpContext): Caller {
  return { transport: 'http', address: ctx.ip, identity: ctx.state.identity ?? { kind: 'anonymous', clientAddress: ctx.ip } };
}
