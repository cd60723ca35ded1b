import type { Context } from 'koa';
import type { Caller } from '../chat/caller.js';

/** The caller of an HTTP request: its client address (X-Forwarded-For only with TRUST_PROXY, Koa's `proxy`). */
export function httpCaller(ctx: Context): Caller {
  return { transport: 'http', address: ctx.ip };
}
