import type { Caller } from '../chat/caller.js';
import type { HttpContext } from './http-state.js';

/**
 * The caller of an HTTP request: its client address (set once per request by the identify
 * middleware with `clientAddress`, the rule WebSocket upgrades use too) and the identity the
 * identify middleware resolved (anonymous by address without one).
 */
export function httpCaller(ctx: HttpContext): Caller {
  const address = ctx.state.clientAddress ?? ctx.ip;
  return { transport: 'http', address, identity: ctx.state.identity ?? { kind: 'anonymous', clientAddress: address } };
}
