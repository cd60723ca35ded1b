import type { HistoryTurn } from '../ports/engine.js';
import type { ChatStore } from '../ports/store.js';

/**
 * The earlier turns an engine remembers when answering turn `seq`: the session's own settled
 * turns, newest first, and — for a session that continues an earlier one (`continueFrom` on its
 * first message) — the earlier session's last turns after them, up to `limit` in all. The session
 * record is read only while its own turns leave room.
 */
export async function engineMemory(store: Pick<ChatStore, 'history' | 'getSession'>, sessionId: string, seq: number, limit: number): Promise<HistoryTurn[]> {
  // The first turn has no earlier one of its own: no read for it.
  const turns = seq > 1 ? await store.history(sessionId, seq, limit) : [];
  if (turns.length < limit) {
    const earlier = (await store.getSession(sessionId))?.continuedFrom;
    if (earlier) turns.push(...(await store.history(earlier, Number.MAX_SAFE_INTEGER, limit - turns.length)));
  }
  return turns.map((t) => ({ user: t.content, assistant: t.reply }));
}
