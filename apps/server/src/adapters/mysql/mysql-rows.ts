import type { ErrorCode, Source } from '@mpchat/contract';
import type { SessionRecord, Turn, TurnStatus } from '../../ports/store.js';

/** A row of `mpchat_turns`. */
export interface TurnRow {
  session_id: string;
  seq: number;
  client_msg_id: string | null;
  content: string;
  ts: string;
  received_at: number | string;
  status: TurnStatus;
  reply: string;
  reply_timestamp: string | null;
  error_code: string | null;
  error_message: string | null;
  sources: string;
  /** NULL for turns stored before schema version 3. */
  suggestions?: string | null;
}

/** A row of `mpchat_sessions`. */
export interface SessionRow {
  id: string;
  created_at: number | string;
  last_active_at: number | string;
  closed_at: number | string | null;
  last_seq: number;
  /** Added by migration 2; null for sessions stored before it. */
  owner?: string | null;
}

/** The row as a port {@link Turn}. */
export const toTurn = (r: TurnRow): Turn => ({
  sessionId: r.session_id,
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  content: r.content,
  timestamp: r.ts,
  receivedAt: Number(r.received_at),
  status: r.status,
  reply: r.reply,
  replyTimestamp: r.reply_timestamp,
  errorCode: r.error_code as ErrorCode | null,
  errorMessage: r.error_message,
  sources: JSON.parse(r.sources) as Source[],
  suggestions: r.suggestions ? (JSON.parse(r.suggestions) as string[]) : [],
});

/** The row as a port {@link SessionRecord}. */
export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  createdAt: Number(r.created_at),
  lastActiveAt: Number(r.last_active_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
  lastSeq: r.last_seq,
  owner: r.owner ?? null,
});
