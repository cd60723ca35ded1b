import type Database from 'better-sqlite3';
import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { FeedbackRecord, OwnedSession } from '../../ports/store.js';
import { groupStateFromRow, moderationFromRow, newestFirstBounds, type GroupStateRow, type ModerationRow } from '../course-record-rows.js';
import { feedbackFromRow, ownedSessionFromRow, type FeedbackRow, type OwnedSessionRow } from '../relational-rows.js';

/**
 * Schema of the teachers' records: what a settled turn records (whether the knowledge base
 * matched, who wrote the reply, when it settled; NULL in older rows), indexes that list every
 * student's sessions by last activity (the student one also serves forget, so it replaces the
 * plain one), the moderation log and the teachers' group decisions.
 */
export const SQLITE_COURSE_RECORDS_SQL = `
ALTER TABLE turns ADD COLUMN matched INTEGER;
ALTER TABLE turns ADD COLUMN author TEXT;
ALTER TABLE turns ADD COLUMN settled_at INTEGER;
CREATE INDEX IF NOT EXISTS sessions_by_activity ON sessions (last_active_at, id);
CREATE INDEX IF NOT EXISTS sessions_by_student_activity ON sessions (student, last_active_at, id) WHERE student IS NOT NULL;
DROP INDEX IF EXISTS sessions_student;
CREATE TABLE IF NOT EXISTS moderation_log (
  id          TEXT PRIMARY KEY,
  at          INTEGER NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('input', 'output')),
  session_id  TEXT NOT NULL,
  seq         INTEGER,
  student     TEXT,
  content     TEXT NOT NULL,
  reason      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS moderation_by_time ON moderation_log (at, id);
CREATE INDEX IF NOT EXISTS moderation_by_student ON moderation_log (student) WHERE student IS NOT NULL;
CREATE TABLE IF NOT EXISTS unanswered_groups (
  group_id    TEXT PRIMARY KEY,
  question    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('answered', 'ignored')),
  entry_id    TEXT,
  decided_by  TEXT NOT NULL,
  decided_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unanswered_groups_decided ON unanswered_groups (decided_at);
`;

// A closed session whose turns are gone has nothing to show: it is left out. The keyset
// (last_active_at, id) < before pages by the list order on the activity index.
const SESSIONS = (studentFilter: string) => `
  SELECT s.*, (SELECT content FROM turns WHERE session_id = s.id AND seq = 1) AS first_question
  FROM sessions s
  WHERE ${studentFilter} s.last_active_at >= @from AND s.last_active_at < @to
    AND (s.last_active_at < @beforeAt OR (s.last_active_at = @beforeAt AND s.id < @beforeId))
    AND (s.closed_at IS NULL OR EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id))
  ORDER BY s.last_active_at DESC, s.id DESC LIMIT @limit`;

type Bounds = ReturnType<typeof newestFirstBounds> & { limit: number };

/** The teachers' records in the SQLite store, on a migrated database. */
export class SqliteCourseRecords {
  private readonly q;

  constructor(db: Database.Database) {
    const prep = <P extends unknown[] = unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
    this.q = {
      sessions: prep<[Bounds], OwnedSessionRow>(SESSIONS('')),
      studentSessions: prep<[Bounds & { student: string }], OwnedSessionRow>(SESSIONS('s.student = @student AND')),
      sessionFeedback: prep<[string], FeedbackRow>('SELECT * FROM feedback WHERE session_id = ? ORDER BY seq'),
      saveModeration: prep<[ModerationRow]>(
        `INSERT OR REPLACE INTO moderation_log (id, at, direction, session_id, seq, student, content, reason)
         VALUES (@id, @at, @direction, @session_id, @seq, @student, @content, @reason)`,
      ),
      moderation: prep<[Bounds], ModerationRow>(
        `SELECT * FROM moderation_log WHERE at >= @from AND at < @to AND (at < @beforeAt OR (at = @beforeAt AND id < @beforeId))
         ORDER BY at DESC, id DESC LIMIT @limit`,
      ),
      purgeModeration: prep<[number, number]>('DELETE FROM moderation_log WHERE rowid IN (SELECT rowid FROM moderation_log WHERE at < ? ORDER BY at LIMIT ?)'),
      saveGroup: prep<[GroupStateRow]>(
        `INSERT INTO unanswered_groups (group_id, question, status, entry_id, decided_by, decided_at)
         VALUES (@group_id, @question, @status, @entry_id, @decided_by, @decided_at)
         ON CONFLICT (group_id) DO UPDATE SET question = excluded.question, status = excluded.status,
         entry_id = excluded.entry_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
      ),
      groups: prep<[], GroupStateRow>('SELECT * FROM unanswered_groups ORDER BY group_id'),
      purgeGroups: prep<[number, number]>(
        'DELETE FROM unanswered_groups WHERE group_id IN (SELECT group_id FROM unanswered_groups WHERE decided_at < ? ORDER BY decided_at LIMIT ?)',
      ),
    };
  }

  listSessions(query: ConversationsQuery): OwnedSession[] {
    const before = query.before && { at: query.before.lastActiveAt, id: query.before.id };
    const bounds = { ...newestFirstBounds(query, before), limit: query.limit };
    const rows = query.student === undefined ? this.q.sessions.all(bounds) : this.q.studentSessions.all({ ...bounds, student: query.student });
    return rows.map(ownedSessionFromRow);
  }

  sessionFeedback(sessionId: string): FeedbackRecord[] {
    return this.q.sessionFeedback.all(sessionId).map(feedbackFromRow);
  }

  saveModeration(r: ModerationRecord): void {
    this.q.saveModeration.run({ id: r.id, at: r.at, direction: r.direction, session_id: r.sessionId, seq: r.seq, student: r.student, content: r.content, reason: r.reason });
  }

  listModeration(query: ModerationQuery): ModerationRecord[] {
    return this.q.moderation.all({ ...newestFirstBounds(query, query.before), limit: query.limit }).map(moderationFromRow);
  }

  purgeModeration(cutoff: number, limit: number): number {
    return this.q.purgeModeration.run(cutoff, limit).changes;
  }

  saveGroupState(g: GroupState): void {
    this.q.saveGroup.run({ group_id: g.groupId, question: g.question, status: g.status, entry_id: g.entryId, decided_by: g.by, decided_at: g.at });
  }

  groupStates(): GroupState[] {
    return this.q.groups.all().map(groupStateFromRow);
  }

  purgeGroupStates(cutoff: number, limit: number): number {
    return this.q.purgeGroups.run(cutoff, limit).changes;
  }
}
