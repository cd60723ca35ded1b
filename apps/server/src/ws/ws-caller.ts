import type { IncomingMessage } from 'node:http';
import type { Identity } from '../auth/identity.js';
import type { IdentityResolver } from '../auth/resolve-identity.js';
import type { Caller } from '../chat/caller.js';

/**
 * The caller of a WebSocket upgrade, with the address Koa's `ctx.ip` would give the same request:
 * the first X-Forwarded-For entry when the proxy is trusted (TRUST_PROXY), else the peer address.
 * `identify` resolves who is asking from the upgrade request's headers.
 */
export async function wsCaller(req: IncomingMessage, trustProxy: boolean, identify: IdentityResolver): Promise<Caller> {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const address = first || req.socket.remoteAddress || '';
  const identity: Identity = await identify(req.headers, address);
  return { transport: 'ws', address, identity };
}
