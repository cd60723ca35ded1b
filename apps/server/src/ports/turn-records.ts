// The records of a turn as every store keeps them, and what is asked of a store about one.
import type { ErrorCode, Source } from '@mpchat/contract';

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

/** What `ChatStore.appendTurn` is asked to do. */
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

/** One turn's partial reply in a `GenerationStore.savePartials` batch. */
export interface PartialReply {
  sessionId: string;
  seq: number;
  reply: string;
}

/** Whether a status is unsettled. */
export function isUnsettled(status: TurnStatus): boolean {
  return status === 'pending' || status === 'generating';
}
