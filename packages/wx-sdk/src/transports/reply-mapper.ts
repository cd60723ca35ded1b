import type { ReplyData, ServerFrameOf } from '@mpchat/contract';
import { ERRORS } from '@mpchat/contract/wire';
import type { ChatErrorCode } from '../chat-error.js';
import type { Reply, Source } from '../public-types.js';

/** What receive's `data` (code 200) and the WS `reply` frame's `data` both carry. */
type ReplyFields = Pick<ReplyData, 'sessionId' | 'content' | 'timestamp'>;

/**
 * Turns a finished reply, as either transport received it, into the {@link Reply} the app sees:
 * receive's `data` (status, sources, suggestions and `from` inside) or a WS `reply` frame (beside `data`).
 * A reply without a status (a spec server) is a completed one.
 */
export function toReply(
  seq: number,
  data: ReplyFields,
  status: ReplyData['status'] | ServerFrameOf<'reply'>['status'],
  sources: Source[] | undefined,
  suggestions: string[] | undefined,
  from: ReplyData['from'],
): Reply {
  const reply: Reply = {
    seq,
    sessionId: data.sessionId,
    content: data.content,
    timestamp: data.timestamp,
    status: status === 'stopped' || status === 'blocked' ? status : 'completed',
  };
  if (sources) reply.sources = sources;
  if (suggestions) reply.suggestions = suggestions;
  if (from) reply.from = from;
  return reply;
}

/** What an error ends, from the contract's error table; client-side codes end only the request. */
export function errorEnds(code: ChatErrorCode): 'request' | 'turn' | 'session' {
  const row = (ERRORS as Partial<Record<string, { ends: 'request' | 'turn' | 'session' }>>)[code];
  return row ? row.ends : 'request';
}
