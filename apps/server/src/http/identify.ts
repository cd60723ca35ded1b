import { BASE_PATH, routes } from '@mpchat/contract';
import type { IdentityResolver } from '../auth/resolve-identity.js';
import { clientAddress } from './client-address.js';
import type { HttpMiddleware } from './http-state.js';

const LOGIN = routes.login.path;

/**
 * Sets the client's address (one rule with WebSocket upgrades) and resolves who is asking, once per API request, into `ctx.state.identity` (read by `httpCaller`).
 * Every path under the API's base path is guarded (also spellings the router tolerates, such as a
 * trailing slash) except `/login`, which is how a caller gets an identity; health, metrics and the
 * playground stay open. A missing, expired or bad token answers 401 UNAUTHENTICATED through the
 * error boundary.
 */
export function identify(resolve: IdentityResolver, trustedHops: number): HttpMiddleware {
  return async (ctx, next) => {
    const address = clientAddress(ctx.req.headers, ctx.req.socket.remoteAddress, trustedHops);
    ctx.state.clientAddress = address;
    const path = ctx.path.toLowerCase().replace(/\/+$/, '');
    if (path.startsWith(BASE_PATH.toLowerCase()) && path !== LOGIN.toLowerCase()) ctx.state.identity = await resolve(ctx.headers, address);
    await next();
  };
}
