import { createHash, timingSafeEqual } from 'node:crypto';
import { ChatError } from '../errors/chat-error.js';
import type { HttpMiddleware } from './http-state.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * `/metrics` behind `Authorization: Bearer <METRICS_TOKEN>` (401 UNAUTHENTICATED otherwise), for
 * deployments that cannot keep the path away from the public: 微信云托管 serves one port per
 * service, so a separate metrics listener is not an option there. Compared as hashes, so the check
 * takes the same time whatever the guess (prefix or length).
 *
 * @example
 * router.get('/metrics', metricsToken(config.METRICS_TOKEN, metrics.handler));
 */
export function metricsToken(token: string, handler: HttpMiddleware): HttpMiddleware {
  const expected = digest(token);
  return async (ctx, next) => {
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
      throw new ChatError('UNAUTHENTICATED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    await handler(ctx, next);
  };
}
