import type { GroupState, ModerationRecord } from '../ports/course-records.js';

// The rows of the moderation log and of the group decisions in the relational stores (SQLite,
// MySQL) and their mapping to the port's records. Integer columns may come back as strings
// (mysql2 BIGINT), so they pass through Number().

/** A `moderation_log` row. */
export interface ModerationRow {
  id: string;
  at: number | string;
  direction: 'input' | 'output';
  session_id: string;
  seq: number | null;
  student: string | null;
  content: string;
  reason: string;
}

/** An `unanswered_groups` row. */
export interface GroupStateRow {
  group_id: string;
  question: string;
  status: 'answered' | 'ignored';
  entry_id: string | null;
  decided_by: string;
  decided_at: number | string;
}

export const moderationFromRow = (r: ModerationRow): ModerationRecord => ({
  id: r.id,
  at: Number(r.at),
  direction: r.direction,
  sessionId: r.session_id,
  seq: r.seq === null ? null : Number(r.seq),
  student: r.student,
  content: r.content,
  reason: r.reason,
});

export const groupStateFromRow = (r: GroupStateRow): GroupState => ({
  groupId: r.group_id,
  question: r.question,
  status: r.status,
  entryId: r.entry_id,
  by: r.decided_by,
  at: Number(r.decided_at),
});

/**
 * The keyset bounds of a newest-first page: rows in [from, to) that come after `before` (ordered
 * by time, then id, both descending). Without `before` the bound is past every row.
 */
export function newestFirstBounds(q: { from?: number | undefined; to?: number | undefined }, before: { at: number; id: string } | undefined) {
  return {
    from: q.from ?? Number.MIN_SAFE_INTEGER,
    to: q.to ?? Number.MAX_SAFE_INTEGER,
    beforeAt: before?.at ?? Number.MAX_SAFE_INTEGER,
    beforeId: before?.id ?? '\uffff',
  };
}
