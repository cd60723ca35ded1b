import type { FeedbackRecord, OwnedSession } from './session-records.js';

/**
 * What teachers read about a course, beyond the transcript itself: the retained conversations of
 * every student, the audit log of content moderation, and the state of the groups of questions
 * nobody answered. Every store keeps these so that any instance answers the console alike.
 */

/** Which page of the retained conversations (not one owner's: every student's). */
export interface ConversationsQuery {
  /** Only sessions last active at or after this time (ms since epoch). */
  from?: number | undefined;
  /** Only sessions last active before this time. */
  to?: number | undefined;
  /** Only this student's sessions (pseudonym). */
  student?: string | undefined;
  /** Only sessions after this one in list order (the last of the previous page). */
  before?: { lastActiveAt: number; id: string } | undefined;
  limit: number;
}

/** A blocked question or reply, kept as the audit log of content moderation. */
export interface ModerationRecord {
  /** Unique id given by the service (paging uses it to break ties of `at`). */
  id: string;
  /** When, ms since epoch. */
  at: number;
  /** `input`: a question refused (never stored as a turn); `output`: a reply replaced by the canned reply. */
  direction: 'input' | 'output';
  sessionId: string;
  /** The turn whose reply was blocked; null for a refused question. */
  seq: number | null;
  /** The student's pseudonym; null when the session has no owner. */
  student: string | null;
  /** The blocked text (the refused question, or the reply up to where it was stopped). */
  content: string;
  /** Which check refused it (the filter's name, e.g. `words`, `wechat`). */
  reason: string;
}

/** Which page of the moderation log: newest first, in [from, to), after `before`. */
export interface ModerationQuery {
  from?: number | undefined;
  to?: number | undefined;
  before?: Pick<ModerationRecord, 'at' | 'id'> | undefined;
  limit: number;
}

/**
 * A teacher's decision about a group of unanswered questions. Groups are formed from the
 * questions each time they are listed; a decided group is seeded from its `question` so that it
 * keeps its id and its status while new paraphrases join it.
 */
export interface GroupState {
  /** Derived from `question` (see the chat service's grouping). */
  groupId: string;
  /** The group's representative question. */
  question: string;
  status: 'answered' | 'ignored';
  /** The knowledge-base entry that answered it (null when ignored). */
  entryId: string | null;
  /** The teacher who decided (ADMIN_TOKENS name). */
  by: string;
  /** When, ms since epoch. */
  at: number;
}

/** The teachers' records of a course. Retention and forget cover them like the transcript. */
export interface CourseRecords {
  /**
   * Sessions that still have something to show (open, or closed with their turns retained),
   * matching `query`, most recently active first (ties: higher id first), at most `query.limit`.
   */
  listSessions(query: ConversationsQuery): Promise<OwnedSession[]>;
  /** Every feedback record of one session, by seq. */
  sessionFeedback(sessionId: string): Promise<FeedbackRecord[]>;
  saveModeration(record: ModerationRecord): Promise<void>;
  /** The moderation log matching `query`, newest first (ties: higher id first). */
  listModeration(query: ModerationQuery): Promise<ModerationRecord[]>;
  /** Deletes up to `limit` moderation records from before `cutoff`. Returns how many. */
  purgeModeration(cutoff: number, limit: number): Promise<number>;
  /** Stores the state of a group, replacing an earlier one of the same id. */
  saveGroupState(state: GroupState): Promise<void>;
  /** Every stored group state (a course decides at most a few thousand). */
  groupStates(): Promise<GroupState[]>;
  /** Deletes up to `limit` group states decided before `cutoff` (they quote a student's question). Returns how many. */
  purgeGroupStates(cutoff: number, limit: number): Promise<number>;
}
