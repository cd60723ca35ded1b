import type { ErrorCode, Source } from '@mpchat/contract';
import type { FeedbackRecord, OwnedSession, SessionRecord, Settlement, Turn, TurnStatus } from '../ports/store.js';
import { settledFields } from './settled-turn.js';

// The rows of the relational stores (SQLite, MySQL) and their mapping to the port's records, once.
// Integer columns may come back as strings (mysql2 returns BIGINT as text when it exceeds 2^53 or
// with bigNumberStrings), so they pass through Number().

/** A turns row; the client timestamp column is named per store (`timestamp` in SQLite, `ts` in MySQL). */
export interface TurnRowBase {
  session_id: string;
  seq: number;
  client_msg_id: string | null;
  content: string;
  received_at: number | string;
  status: TurnStatus;
  reply: string;
  reply_timestamp: string | null;
  error_code: string | null;
  error_message: string | null;
  sources: string;
  /** JSON list; NULL for turns stored before the suggestions migration. */
  suggestions?: string | null;
  /** 1 / 0 (MySQL may say true / false); NULL when unsettled, not said, or stored before the column. */
  matched?: number | boolean | string | null;
  /** `teacher`; NULL for the engine (and for turns stored before the column). */
  author?: string | null;
  /** NULL while unsettled and for turns settled before the column. */
  settled_at?: number | string | null;
}

/** A sessions row. */
export interface SessionRow {
  id: string;
  created_at: number | string;
  last_active_at: number | string;
  closed_at: number | string | null;
  last_seq: number;
  /** Added by migration 2; null for sessions stored before it. */
  owner?: string | null;
  /** Added with pseudonyms; null for sessions stored before them. */
  student?: string | null;
  /** Added with the history migration; null when the session continues none. */
  continued_from?: string | null;
}

/** A sessions row with its first question (null when its turns are gone). */
export interface OwnedSessionRow extends SessionRow {
  first_question: string | null;
}

/** A feedback row. */
export interface FeedbackRow {
  session_id: string;
  seq: number;
  rating: 'up' | 'down';
  comment: string;
  question: string;
  answer: string;
  rated_at: number | string;
}

/** A turns row as the port's Turn, with the client timestamp read from the store's own column. */
export const turnFromRow = (r: TurnRowBase, timestamp: string): Turn => ({
  sessionId: r.session_id,
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  content: r.content,
  timestamp,
  receivedAt: Number(r.received_at),
  status: r.status,
  reply: r.reply,
  replyTimestamp: r.reply_timestamp,
  errorCode: r.error_code as ErrorCode | null,
  errorMessage: r.error_message,
  sources: JSON.parse(r.sources) as Source[],
  suggestions: r.suggestions ? (JSON.parse(r.suggestions) as string[]) : [],
  matched: r.matched == null ? null : Number(r.matched) === 1,
  ...(r.author === 'teacher' ? { author: 'teacher' as const } : {}),
  settledAt: r.settled_at == null ? null : Number(r.settled_at),
});

/** The columns a settlement writes, as the relational stores bind them (`matched` as 1 / 0). */
export const settlementColumns = (s: Settlement) => {
  const f = settledFields(s);
  return {
    status: f.status,
    reply: f.reply,
    replyTimestamp: f.replyTimestamp,
    errorCode: f.errorCode,
    errorMessage: f.errorMessage,
    sources: JSON.stringify(f.sources),
    suggestions: JSON.stringify(f.suggestions),
    matched: f.matched == null ? null : f.matched ? 1 : 0,
    author: f.author ?? null,
    settledAt: f.settledAt ?? null,
  };
};

/** A sessions row as the port's SessionRecord. */
export const sessionFromRow = (r: SessionRow): SessionRecord => ({
  id: r.id,
  createdAt: Number(r.created_at),
  lastActiveAt: Number(r.last_active_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
  lastSeq: r.last_seq,
  owner: r.owner ?? null,
  continuedFrom: r.continued_from ?? null,
  student: r.student ?? null,
});

/** A sessions row with its first question as the port's OwnedSession. */
export const ownedSessionFromRow = (r: OwnedSessionRow): OwnedSession => ({ ...sessionFromRow(r), firstQuestion: r.first_question ?? '' });

/** A feedback row as the port's FeedbackRecord. */
export const feedbackFromRow = (r: FeedbackRow): FeedbackRecord => ({
  sessionId: r.session_id,
  seq: r.seq,
  rating: r.rating,
  comment: r.comment,
  question: r.question,
  answer: r.answer,
  ratedAt: Number(r.rated_at),
});
