import { isUnsettled, type SessionRecord, type Turn, type TurnQuery } from '../ports/store.js';
import { openSession, type ServiceCore } from './service-core.js';
import { queryKey } from './turn-cache.js';

/**
 * Receive's read: the open session (or SESSION_NOT_FOUND / SESSION_CLOSED) and the turn `query`
 * picks. Served from the instance's {@link TurnCache} when it holds the answer: a settled turn, or
 * an unsettled one this instance is generating (its live text is fresh). Otherwise the store is
 * read, as without a cache, and the result kept for the next poll.
 */
export async function readTurn(core: ServiceCore, sessionId: string, query: TurnQuery): Promise<{ session: SessionRecord; turn: Turn | undefined }> {
  const cache = core.turnCache;
  if (!cache) {
    const session = await openSession(core, sessionId);
    return { session, turn: await core.store.findTurn(session.id, query) };
  }
  const key = queryKey(query);
  const hit = cache.get(sessionId, key);
  if (hit && (!isUnsettled(hit.turn.status) || core.runner.liveText(sessionId, hit.turn.seq) !== undefined)) return hit;
  const ticket = cache.begin();
  const session = await openSession(core, sessionId);
  const turn = await core.store.findTurn(session.id, query);
  if (turn) cache.fill(ticket, key, { session, turn });
  return { session, turn };
}
