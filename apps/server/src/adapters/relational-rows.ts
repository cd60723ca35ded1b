import type { ErrorCode, Source } from '@mpchat/contract';
import type { FeedbackRecord, SessionRecord, Turn, TurnStatus } from '../ports/store.js';

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
});

/** A sessions row as the port's SessionRecord. */
export const sessionFromRow = (r: SessionRow): SessionRecord => ({
  id: r.id,
  createdAt: Number(r.created_at),
  lastActiveAt: Number(r.last_active_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
  lastSeq: r.last_seq,
  owner: r.owner ?? null,
  student: r.student ?? null,
});

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
