// Over the ~8 KB a file should hold, on purpose: this is the one store port (its records and the
// facets every adapter implements together, checked by one conformance suite in testing/); the
// facets are separate interfaces here so a caller can ask for just the part it needs.
import type { ErrorCode, Source } from '@mpchat/contract';
import type { CourseRecords } from './course-records.js';
import type { KnowledgeStore } from './knowledge-store.js';
import type { SessionClaims } from './session-claims.js';
import type { FeedbackRecord, OwnedSession, SessionRecord } from './session-records.js';

export type { FeedbackRecord, OwnedSession, SessionRecord } from './session-records.js';

/** Where a turn's reply stands. `pending` and `generating` are "unsettled". */
export type TurnStatus = 'pending' | 'generating' | 'completed' | 'stopped' | 'failed' | 'blocked';

/** One user message and its reply. */
export interface Turn {
  sessionId: string;
  /** Per-session sequence number, from 1. The reply has the same seq. */
  seq: number;
  clientMsgId: string | null;
  /** The user's message, as sent. */
  content: string;
  /** The user's send time as the client wrote it (`yyyy/MM/dd HH:mm:ss`). */
  timestamp: string;
  /** Server time (ms since epoch) the message was stored. */
  receivedAt: number;
  status: TurnStatus;
  /** The reply so far (unsettled) or the final reply. */
  reply: string;
  /** When the reply was completed, in the server's time zone; null until settled. */
  replyTimestamp: string | null;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  sources: Source[];
  /** Follow-up questions offered with the reply (empty when none; older records read as none). */
  suggestions: string[];
  /**
   * Whether the engine found an answer in the knowledge base (`false`: it said it had none, a
   * question for the teachers). Absent or null: unsettled, or the engine did not say.
   */
  matched?: boolean | null;
  /** Who wrote the reply: absent means the engine; `teacher` for a teacher's answer to an unanswered question. */
  author?: 'engine' | 'teacher';
  /** When the reply settled (ms since epoch); absent or null while unsettled. Latency is `settledAt - receivedAt`. */
  settledAt?: number | null;
}

/** Which page of an owner's sessions: those after `before` (most recently active first), at most `limit`. */
export interface OwnedSessionsPage {
  before?: { lastActiveAt: number; id: string } | undefined;
  limit: number;
}

/** What {@link ChatStore.appendTurn} is asked to do. */
export interface AppendTurnInput {
  sessionId: string;
  content: string;
  timestamp: string;
  clientMsgId?: string | undefined;
  now: number;
  /** Refuse (busy) when this many turns of the session are unsettled. */
  maxPending: number;
  /** Refuse (full) to open a new session when this many are live. */
  maxLiveSessions: number;
  /**
   * Sessions last active before this time are past their idle TTL: they do not count toward
   * `maxLiveSessions` (the sweeper has not closed them yet, but they must not keep a new user out).
   * Omitted: every open session counts.
   */
  idleCutoff?: number | undefined;
  /** Refuse (quota) when the session already holds this many turns (0: no quota). */
  maxTurns: number;
  /** Stored as the session's owner when this message opens it; ignored for an existing session. */
  owner?: string | null | undefined;
  /** Stored as the session's `continuedFrom` when this message opens it; ignored for an existing session. */
  continuedFrom?: string | null | undefined;
  /** Stored as the session's student pseudonym when this message opens it. */
  student?: string | null | undefined;
  /**
   * Stores the turn already settled this way (a teacher's reply to an open session): it never
   * waits for the engine, does not count as pending, and no duplicate check applies. The rest
   * holds as for any message: a closed session refuses it, it takes seq = lastSeq + 1, marks the
   * session active at `now`, and counts toward `maxTurns`.
   */
  settled?: Settlement | undefined;
}

/** The result of appending a turn, decided atomically by the store. */
export type AppendOutcome =
  | { kind: 'created'; turn: Turn }
  | { kind: 'duplicate'; turn: Turn }
  | { kind: 'closed' }
  | { kind: 'busy'; pending: number }
  | { kind: 'quota'; limit: number }
  | { kind: 'full' };

/** How receive picks a turn. */
export type TurnQuery =
  | { kind: 'latest' }
  /** The latest turn whose client timestamp is at or after `timestamp` (string order = time order). */
  | { kind: 'atOrAfter'; timestamp: string }
  /** The first turn whose seq is greater than `seq`. */
  | { kind: 'after'; seq: number };

/** How a turn ended. */
export interface Settlement {
  status: 'completed' | 'stopped' | 'failed' | 'blocked';
  reply: string;
  replyTimestamp: string;
  errorCode?: ErrorCode | null;
  errorMessage?: string | null;
  sources?: Source[];
  suggestions?: string[];
  /** See {@link Turn.matched}. */
  matched?: boolean | null;
  /** See {@link Turn.author}; absent: the engine. */
  author?: 'engine' | 'teacher';
  /** When it settled, ms since epoch (see {@link Turn.settledAt}). */
  settledAt?: number;
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

/** One turn's partial reply in a {@link GenerationStore.savePartials} batch. */
export interface PartialReply {
  sessionId: string;
  seq: number;
  reply: string;
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

/** A session {@link ChatStore.closeIdle} closed, and the client that opened it (null: unowned). */
export interface ClosedSession {
  id: string;
  owner: string | null;
}

/** Whether a status is unsettled. */
export function isUnsettled(status: TurnStatus): boolean {
  return status === 'pending' || status === 'generating';
}
