/**
 * The stored records of a conversation and of a rating, apart from the store's port (store.ts
 * re-exports them) so that the port's facets in other files can name them without an import cycle.
 */

/** A conversation. A closed session stays as a tombstone so its id answers SESSION_CLOSED. */
export interface SessionRecord {
  id: string;
  createdAt: number;
  lastActiveAt: number;
  closedAt: number | null;
  /** Highest seq used so far (0 when no message yet). */
  lastSeq: number;
  /**
   * The client that sent the first message (its `ClientKey`: `wx:<openid>` or `addr:<ip>`), null
   * for sessions stored before owners were kept. The service enforces ownership for `wx:` owners
   * only and gives the creator's live-session slot back when the session ends.
   */
  owner: string | null;
  /**
   * The owner's pseudonym (a keyed hash of the owner key, see `auth/pseudonym.ts`): what teachers
   * see and filter by, and what forget and retention find a student's data with. Null for sessions
   * stored before pseudonyms were kept.
   */
  student: string | null;
  /** The owner's earlier session this one continues (its last turns are the engine's memory); null or absent: none. */
  continuedFrom?: string | null;
}

/** One of an owner's sessions as their list shows it: the record and its first question ('' when its turns are gone). */
export interface OwnedSession extends SessionRecord {
  firstQuestion: string;
}

/** A rating of one answer, stored with the question and answer text of its turn. */
export interface FeedbackRecord {
  sessionId: string;
  seq: number;
  rating: 'up' | 'down';
  /** Empty when none was given. */
  comment: string;
  question: string;
  answer: string;
  /** When it was (last) rated, ms since epoch. */
  ratedAt: number;
}
