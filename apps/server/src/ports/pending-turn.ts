import type { AppendTurnInput, Turn } from './store.js';

/**
 * The turn {@link ChatStore.appendTurn} creates: number `seq`, `pending`, no reply yet. Every store
 * that builds the record itself (rather than reading it back) starts from this one literal, so a
 * field added to {@link Turn} gets its initial value in one place.
 */
export function pendingTurn(input: AppendTurnInput, seq: number): Turn {
  return {
    sessionId: input.sessionId,
    seq,
    clientMsgId: input.clientMsgId ?? null,
    content: input.content,
    timestamp: input.timestamp,
    receivedAt: input.now,
    status: 'pending',
    reply: '',
    replyTimestamp: null,
    errorCode: null,
    errorMessage: null,
    sources: [],
    suggestions: [],
    matched: null,
    settledAt: null,
  };
}
