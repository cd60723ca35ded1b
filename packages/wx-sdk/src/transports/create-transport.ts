import type { TransportKind, TransportMode } from '../public-types.js';
import { PollTransport } from './poll-transport.js';
import { SocketTransport } from './socket-transport.js';
import type { Transport, TransportContext } from './transport.js';
import { TransportSwitch } from './transport-switch.js';

/** A transport of the given kind. */
export function createTransport(kind: TransportKind, ctx: TransportContext): Transport {
  return kind === 'socket' ? new SocketTransport(ctx) : new PollTransport(kind, ctx);
}

/**
 * The transports of one session: the first kind `mode` tries, switching down the ladder as they
 * give up; `onSwitch` hears of every switch. `context` builds each transport's context around
 * its `giveUp` (no object spread: its helper needs Object.getOwnPropertyDescriptors, not ES2015).
 */
export function startTransports(
  mode: TransportMode,
  context: (giveUp: TransportContext['giveUp']) => TransportContext,
  onSwitch: (kind: TransportKind) => void,
): TransportSwitch {
  return new TransportSwitch(mode, (kind, giveUp) => createTransport(kind, context(giveUp)), onSwitch);
}
