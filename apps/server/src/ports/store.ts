// The one store port: its records and the facets every adapter implements together, checked by one
// conformance suite in testing/. The facets are separate interfaces so a caller can ask for just the
// part it needs. The turn records and the feedback and retention facet live in files of their own and
// are re-exported here; course records, knowledge and claims are imported from theirs.
import type { CourseRecords } from './course-records.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { SessionClaims } from './session-claims.js';
import type { ClosedSession, FeedbackStore, RetentionStore } from './feedback-retention.js';
import type { OwnedSession, SessionRecord } from './session-records.js';
import type { AppendOutcome, AppendTurnInput, PartialReply, Settlement, Turn, TurnQuery } from './turn-records.js';

export type { FeedbackRecord, OwnedSession, SessionRecord } from './session-records.js';
export type { ClosedSession, FeedbackCursor, FeedbackQuery, FeedbackStore, ForgetOutcome, RetentionStore } from './feedback-retention.js';
export type { AppendOutcome, AppendTurnInput, PartialReply, Settlement, Turn, TurnQuery, TurnStatus } from './turn-records.js';
export { isUnsettled } from './turn-records.js';

/** Which page of an owner's sessions: those after `before` (most recently active first), at most `limit`. */
export interface OwnedSessionsPage {
  before?: { lastActiveAt: number; id: string } | undefined;
  limit: number;
}

/**
 * The store port: sessions, turns, partial replies and sequence numbers, as the union of the roles
 * below (a component that needs a part takes only that role). Every adapter (memory, SQLite,
 * Redis) passes the one conformance suite in `testing/store-conformance.ts`.
 *
 * Methods that change a turn's state are conditional (compare-and-set on the status), so a turn is
 * started and settled exactly once even when two workers race for it.
 */

/** An owner's own sessions, for their history list (the transcript itself is read with `turnsAfter`). */
export interface SessionLister {
  /**
   * The sessions `owner` opened that still have something to show (open, or closed with their
   * turns retained), most recently active first (ties: higher id first), after `page.before`.
   */
  listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]>;
}
export interface ChatStore extends SessionStore, TurnReader, GenerationStore, FeedbackStore, SessionLister, RetentionStore, KnowledgeStore, CourseRecords, SessionClaims, StoreLifecycle {}

/** Sessions: open on first message (appendTurn), touch, close, expire. What the service's send, destroy and sweeper use. */
export interface SessionStore {
  /**
   * Atomically: open the session on first use (unless the live-session limit is reached), refuse a
   * closed session, return the existing turn for a retried send (same clientMsgId, or without one
   * the same timestamp + content), refuse when too many turns are unsettled or the session's
   * message quota is used up, else store a new turn
   * with seq = lastSeq + 1 and status `pending` (or settled, see {@link AppendTurnInput.settled}).
   */
  appendTurn(input: AppendTurnInput): Promise<AppendOutcome>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** Marks the session active at `now`. */
  touchSession(sessionId: string, now: number): Promise<void>;
  /**
   * Closes the session, leaving a tombstone so the id answers SESSION_CLOSED until purged. An id
   * that never sent a message leaves nothing behind. Deletes its turns unless `retainTranscript`.
   * True when it was open before.
   */
  closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean>;
  /** Open sessions last active before `cutoff`, at most `limit`. */
  idleSessions(cutoff: number, limit: number): Promise<string[]>;
  /**
   * Atomically claims and closes (as {@link closeSession} at `now`) up to `limit` open sessions last
   * active before `cutoff`, in one round trip where the store allows. Returns the sessions it closed
   * with their owners (whose live-session slots the caller gives back): concurrent callers
   * (instances sharing a store) never close the same session twice, and a session touched after
   * `cutoff` is never closed.
   */
  closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]>;
  /**
   * Forgets tombstones closed before `cutoff` (and their retained turns), at most `limit` of them
   * (all without a limit). Returns how many: fewer than `limit` means none is left.
   */
  purgeClosed(cutoff: number, limit?: number): Promise<number>;
  /** Number of open sessions. */
  liveSessions(): Promise<number>;
}

/** Reading turns: receive, replay and resync. */
export interface TurnReader extends Pick<SessionStore, 'getSession'> {
  getTurn(sessionId: string, seq: number): Promise<Turn | undefined>;
  findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined>;
  /** Turns with seq > afterSeq in ascending order, at most `limit`. */
  turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]>;
}

/** What the turn runner uses to generate replies: take a turn, checkpoint, settle it exactly once. */
export interface GenerationStore {
  /** Settled turns with seq < beforeSeq, newest first, at most `limit`. */
  history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]>;
  /** The unsettled turn with the lowest seq in an open session, if any. */
  nextUnsettled(sessionId: string): Promise<Turn | undefined>;
  /** Ids of open sessions that have unsettled turns (crash recovery). */
  sessionsWithUnsettled(): Promise<string[]>;
  /** pending → generating. False when the turn is not pending (taken, settled, or gone). */
  startTurn(sessionId: string, seq: number): Promise<boolean>;
  /** Puts a `generating` turn back to `pending` with its partial text cleared (crash recovery). */
  requeueTurn(sessionId: string, seq: number): Promise<boolean>;
  /** Saves the partial reply of an unsettled turn. */
  savePartial(sessionId: string, seq: number, reply: string): Promise<void>;
  /**
   * Saves the partial replies of many turns at once, in as few writes as the store allows (one
   * transaction, one statement, one round trip): resolved only once every one is written. Settled and unknown
   * turns are skipped, as by savePartial. On failure it rejects, and any of them may or may not
   * have been written.
   */
  savePartials(batch: readonly PartialReply[]): Promise<void>;
  /** Settles an unsettled turn. False when it was already settled or is gone: exactly once. */
  settleTurn(sessionId: string, seq: number, settlement: Settlement): Promise<boolean>;
}

/** Identity, readiness and shutdown. */
export interface StoreLifecycle {
  readonly kind: string;
  /** Throws when the store cannot be reached (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by adapters when the backing store cannot be reached; answered as 503 STORE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
