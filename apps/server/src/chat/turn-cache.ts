import { LRUCache } from 'lru-cache';
import type { ChatEvent } from '../ports/bus.js';
import type { SessionRecord, Turn, TurnQuery } from '../ports/store.js';

/** What one receive read: the open session and the turn its query picked. */
export interface CachedRead {
  session: SessionRecord;
  turn: Turn;
}

/** A fill in progress: stored only when nothing was invalidated while the store was being read. */
export interface FillTicket {
  readonly epoch: number;
}

interface Entry {
  session: SessionRecord;
  /** Query key (see {@link queryKey}) → the turn it picked. */
  turns: Map<string, Turn>;
}

/** The key of a turn query within a session: `l` latest, `a<seq>` after, `t<timestamp>` at-or-after. */
export function queryKey(query: TurnQuery): string {
  return query.kind === 'latest' ? 'l' : query.kind === 'after' ? `a${query.seq}` : `t${query.timestamp}`;
}

/**
 * Recent receive reads of live sessions, kept in memory on the instance that serves them, so a poll
 * does not read the store. Only for an instance every write of whose store passes
 * through it (the adapter profile's `cacheTurns`: memory and SQLite with the in-process bus):
 *
 * - a send on this instance calls {@link forget} once the turn is stored (what `latest` and a
 *   timestamp pick changes);
 * - `settled` and `closed` events, which the in-process bus delivers synchronously when the runner,
 *   stop or destroy publishes them, drop the session ({@link onEvent});
 * - an unsettled turn is served from here only while this instance generates it (its live text is
 *   fresh); otherwise the caller reads the store, as without a cache.
 *
 * A read that raced an invalidation is not stored ({@link begin} / {@link fill}): a fill started
 * before a send or a settle could otherwise keep the older state after it. Bounded by an LRU of
 * `maxSessions` sessions.
 */
export class TurnCache {
  private readonly sessions: LRUCache<string, Entry>;
  private epoch = 0;

  constructor(maxSessions: number) {
    this.sessions = new LRUCache({ max: maxSessions });
  }

  /** The cached read of `key` in an open session, if any. */
  get(sessionId: string, key: string): CachedRead | undefined {
    const entry = this.sessions.get(sessionId);
    const turn = entry?.turns.get(key);
    return turn && entry ? { session: entry.session, turn } : undefined;
  }

  /** Call before reading the store for a fill. */
  begin(): FillTicket {
    return { epoch: this.epoch };
  }

  /** Stores a read made after `ticket` was taken, unless something was invalidated since. */
  fill(ticket: FillTicket, key: string, read: CachedRead): void {
    if (ticket.epoch !== this.epoch || read.session.closedAt !== null) return;
    const id = read.session.id;
    let entry = this.sessions.get(id);
    if (!entry || entry.session.lastSeq !== read.session.lastSeq) {
      entry = { session: { ...read.session }, turns: new Map() };
      this.sessions.set(id, entry);
    }
    entry.turns.set(key, read.turn);
  }

  /** Records that the session was marked active at `now` (receive touches it every few seconds). */
  touched(sessionId: string, now: number): void {
    const entry = this.sessions.peek(sessionId);
    if (entry) entry.session.lastActiveAt = Math.max(entry.session.lastActiveAt, now);
  }

  /** Drops what is known of a session: a turn was added, settled, or the session closed. */
  forget(sessionId: string): void {
    this.epoch++;
    this.sessions.delete(sessionId);
  }

  /** Bus handler: `settled` and `closed` drop their session. */
  onEvent(e: ChatEvent): void {
    if (e.type === 'settled' || e.type === 'closed') this.forget(e.sessionId);
  }

  /** Sessions held (tests, metrics). */
  get size(): number {
    return this.sessions.size;
  }
}
