import type { Logger } from 'pino';
import { sendError } from './envelope.js';
import type { HttpMiddleware } from './http-state.js';
import { requestIdOf } from './request-id.js';
import { badRequestTarget, requestPath } from './request-target.js';

// Health probes come every few seconds from the platform or Docker: one info line each would drown
// the log. They are logged at debug unless they fail.
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Gives every request an id (the caller's X-Request-Id when it is safe, else a UUID-shaped id), echoes it in
 * the response header, and writes one access-log line per request.
 */
export function requestContext(log: Logger): HttpMiddleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const { state } = ctx;
    state.requestId = requestIdOf(ctx.req.headers);
    ctx.set('X-Request-Id', state.requestId);
    const path = requestPath(ctx);
    try {
      // A target Koa cannot parse (`http://[`) would throw wherever ctx.path is read: answer it here.
      if (path === undefined) sendError(ctx, badRequestTarget());
      else await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = ctx.status >= 500 ? 'warn' : PROBES.has(state.routeName ?? '') && ctx.status < 400 ? 'debug' : 'info';
      log[level](
        { requestId: state.requestId, method: ctx.method, route: state.routeName ?? path ?? '(invalid target)', status: ctx.status, code: state.code ?? (ctx.body as { code?: number } | undefined)?.code, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    }
  };
}
