import type { ChatEvent, ChatEventHandler } from '../ports/bus.js';
import type { SessionRecord } from '../ports/store.js';

/**
 * A WeChat user's live stream on a session id, gated by ownership. A socket may open
 * on an id no message has used yet; if another user's message then opens that session, its
 * events must not reach this socket. Events pass once the session is found to be the caller's
 * (or still unowned), in order; another user's session's events are dropped.
 *
 * @param owned resolves the session as the caller may see it, rejecting when another user owns it
 */
export function ownedStream(owned: () => Promise<SessionRecord | undefined>, handler: ChatEventHandler): ChatEventHandler {
  let state: 'unknown' | 'checking' | 'mine' | 'foreign' = 'unknown';
  let queue: ChatEvent[] = [];
  const flush = () => {
    const events = queue;
    queue = [];
    for (const e of events) handler(e);
  };
  return (e) => {
    if (state === 'mine') return handler(e);
    if (state === 'foreign') return;
    queue.push(e);
    if (state === 'checking') return;
    state = 'checking';
    owned().then(
      (session) => {
        // Unowned or gone: deliver, and look again at the next event (a message may open it).
        state = session?.owner ? 'mine' : 'unknown';
        flush();
      },
      () => {
        state = 'foreign';
        queue = [];
      },
    );
  };
}
