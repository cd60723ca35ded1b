import type { ReceiveParams } from '@mpchat/contract';
import type { TurnQuery } from '../ports/store.js';
import { ChatError } from '../errors/chat-error.js';

/** How receive picks a turn from its parameters: after a seq, at or after a timestamp, or the latest. */
export function turnQueryOf(params: Pick<ReceiveParams, 'after' | 'timestamp'>): TurnQuery {
  if (params.after !== undefined) return { kind: 'after', seq: params.after };
  if (params.timestamp !== undefined) return { kind: 'atOrAfter', timestamp: params.timestamp };
  return { kind: 'latest' };
}

/** NO_SUCH_MESSAGE saying what was looked for. */
export function noSuchMessage(query: TurnQuery): ChatError {
  const what =
    query.kind === 'latest' ? 'no message in this session yet' : query.kind === 'after' ? `no message after seq ${query.seq}` : `no message at or after ${query.timestamp}`;
  return new ChatError('NO_SUCH_MESSAGE', what);
}
