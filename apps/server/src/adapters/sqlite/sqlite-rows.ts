import type { ErrorCode, Source } from '@mpchat/contract';
import type { SessionRecord, Turn, TurnStatus } from '../../ports/store.js';

/** A row of the `turns` table. */
export interface TurnRow {
  session_id: string;
  seq: number;
  client_msg_id: string | null;
  content: string;
  timestamp: string;
  received_at: number;
  status: TurnStatus;
  reply: string;
  reply_timestamp: string | null;
  error_code: string | null;
  error_message: string | null;
  sources: string;
  suggestions: string;
}

/** A row of the `sessions` table. */
export interface SessionRow {
  id: string;
  created_at: number;
  last_active_at: number;
  closed_at: number | null;
  last_seq: number;
  /** Added by migration 2; null for sessions stored before it. */
  owner: string | null;
}

/** A turn row as the port's Turn. */
export const toTurn = (r: TurnRow): Turn => ({
  sessionId: r.session_id,
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  content: r.content,
  timestamp: r.timestamp,
  receivedAt: r.received_at,
  status: r.status,
  reply: r.reply,
  replyTimestamp: r.reply_timestamp,
  errorCode: r.error_code as ErrorCode | null,
  errorMessage: r.error_message,
  sources: JSON.parse(r.sources) as Source[],
  suggestions: JSON.parse(r.suggestions) as string[],
});

/** A session row as the port's SessionRecord. */
export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  createdAt: r.created_at,
  lastActiveAt: r.last_active_at,
  closedAt: r.closed_at,
  lastSeq: r.last_seq,
  owner: r.owner ?? null,
});
