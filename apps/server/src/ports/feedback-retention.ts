import type { FeedbackRecord } from './session-records.js';

/** A session `ChatStore.closeIdle` closed, and the client that opened it (null: unowned). */
export interface ClosedSession {
  id: string;
  owner: string | null;
}

/** Which feedback the export reads. */
export interface FeedbackQuery {
  /** Only feedback rated at or after this time (ms since epoch). */
  since?: number;
  rating?: 'up' | 'down';
  /** Only records after this one in export order (the last record of the previous page). */
  after?: FeedbackCursor | undefined;
  /** At most this many, the oldest first. */
  limit: number;
}

/** A position in the export order (ratedAt, then sessionId, then seq): where the next page starts. */
export type FeedbackCursor = Pick<FeedbackRecord, 'ratedAt' | 'sessionId' | 'seq'>;

/**
 * Feedback on answers. Kept apart from the transcript (its own table / keys): closing, expiring or
 * purging a session does not delete it, so teachers can read it after the chat is gone.
 */
export interface FeedbackStore {
  /** Stores the rating of (sessionId, seq), replacing an earlier one of the same turn. */
  saveFeedback(record: FeedbackRecord): Promise<void>;
  /** Feedback matching `query`, ordered by ratedAt, then sessionId and seq. */
  listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]>;
}

/** What {@link RetentionStore.forgetStudent} deleted; `open` are the sessions that were still open. */
export interface ForgetOutcome {
  sessions: number;
  turns: number;
  feedback: number;
  /** Moderation records of the student deleted (refused questions, blocked replies). */
  moderation: number;
  open: ClosedSession[];
}

/**
 * Retention and the right to be forgotten: how personal data leaves the store. The sweep calls the
 * purges in batches; forget deletes everything of one student at once.
 */
export interface RetentionStore {
  /** Deletes up to `limit` feedback records rated before `cutoff`. Returns how many. */
  purgeFeedback(cutoff: number, limit: number): Promise<number>;
  /**
   * Deletes every session (open or closed, no tombstone left), turn and feedback record of the
   * student with this pseudonym. Open sessions stop counting as live.
   */
  forgetStudent(student: string): Promise<ForgetOutcome>;
  /**
   * The server secret named `name`, shared by every instance of the store: the stored one, or
   * `candidate` when none is stored yet (then stored; the first writer wins).
   */
  sharedSecret(name: string, candidate: string): Promise<string>;
}
