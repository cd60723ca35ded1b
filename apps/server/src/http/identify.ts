import { BASE_PATH, routes } from '@mpchat/contract';
import type { IdentityResolver } from '../auth/resolve-identity.js';
import type { HttpMiddleware } from './http-state.js';

const LOGIN = routes.login.path;

/**
 * Resolves who is asking, once per API request, into `ctx.state.identity` (read by `httpCaller`).
 * Every path under the API's base path is guarded (also spellings the router tolerates, such as a
 * trailing slash) except `/login`, which is how a caller gets an identity; health, metrics and the
 * playground stay open. A missing, expired or bad token answers 401 UNAUTHENTICATED through the
 * error boundary.
 */
export function identify(resolve: IdentityResolver): HttpMiddleware {
  return async (ctx, next) => {
    const path = ctx.path.toLowerCase().replace(/\/+$/, '');
    if (path.startsWith(BASE_PATH.toLowerCase()) && path !== LOGIN.toLowerCase()) ctx.state.identity = await resolve(ctx.headers, ctx.ip);
    await next();
  };
}
