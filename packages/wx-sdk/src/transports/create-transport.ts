import type { TransportKind } from '../public-types.js';
import { PollTransport } from './poll-transport.js';
import { SocketTransport } from './socket-transport.js';
import type { Transport, TransportContext } from './transport.js';

/** A transport of the given kind. */
export function createTransport(kind: TransportKind, ctx: TransportContext): Transport {
  return kind === 'socket' ? new SocketTransport(ctx) : new PollTransport(kind, ctx);
}
