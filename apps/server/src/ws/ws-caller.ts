import type { IncomingMessage } from 'node:http';
import type { Identity } from '../auth/identity.js';
import type { IdentityResolver } from '../auth/resolve-identity.js';
import type { Caller } from '../chat/caller.js';
import { clientAddress } from '../http/client-address.js';

/**
 * The caller of a WebSocket upgrade: its address by the same rule as an HTTP request's
 * ({@link clientAddress}), and who is asking, from the upgrade request's headers.
 */
export async function wsCaller(req: IncomingMessage, trustedHops: number, identify: IdentityResolver): Promise<Caller> {
  const address = clientAddress(req.headers, req.socket.remoteAddress, trustedHops);
  const identity: Identity = await identify(req.headers, address);
  return { transport: 'ws', address, identity };
}
