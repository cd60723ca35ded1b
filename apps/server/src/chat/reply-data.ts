import type { ReplyData } from '@mpchat/contract';
import type { Turn } from '../ports/store.js';

/**
 * The reply of a settled (completed or stopped) turn as clients read it: receive's `data`, and the
 * WebSocket `reply` frame (which carries `seq`, `status`, `sources`, `suggestions` and `from` beside `data`).
 */
export function replyData(turn: Turn): ReplyData & Required<Pick<ReplyData, 'seq' | 'status'>> {
  return {
    sessionId: turn.sessionId,
    content: turn.reply,
    timestamp: turn.replyTimestamp!,
    seq: turn.seq,
    status: turn.status === 'stopped' || turn.status === 'blocked' ? turn.status : 'completed',
    ...(turn.sources.length > 0 ? { sources: turn.sources } : {}),
    ...(turn.suggestions.length > 0 ? { suggestions: turn.suggestions } : {}),
    // A teacher's answer to a question the assistant could not answer; absent for the assistant.
    ...(turn.author === 'teacher' ? { from: 'teacher' as const } : {}),
  };
}
