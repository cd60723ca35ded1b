import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { FeedbackRecord, OwnedSession } from '../../ports/store.js';
import { groupStateFromRow, moderationFromRow, newestFirstBounds, type GroupStateRow, type ModerationRow } from '../course-record-rows.js';
import { feedbackFromRow, ownedSessionFromRow, type FeedbackRow, type OwnedSessionRow } from '../relational-rows.js';
import { inTable, unless } from './mysql-ddl.js';
import { FEEDBACK } from './mysql-feedback.js';
import type { MysqlDb, Run } from './mysql-pool.js';
import { SESSIONS as S, TURNS as T } from './mysql-tables.js';

const MODERATION = 'mpchat_moderation_log';
const GROUPS = 'mpchat_unanswered_groups';

interface Changed {
  affectedRows: number;
}

/**
 * Schema of the teachers' records: what a settled turn records (whether the knowledge base
 * matched, who wrote the reply, when it settled; NULL in older rows), indexes that list every
 * student's sessions by last activity, the moderation log and the teachers' group decisions.
 * Re-runnable: each step checks whether it is done.
 */
export const MYSQL_COURSE_RECORDS_STATEMENTS: readonly string[] = [
  ...unless(
    `FROM information_schema.COLUMNS WHERE ${inTable(T)} AND COLUMN_NAME = 'settled_at'`,
    `ALTER TABLE ${T} ADD COLUMN matched TINYINT NULL, ADD COLUMN author VARCHAR(16) NULL, ADD COLUMN settled_at BIGINT NULL`,
  ),
  ...unless(`FROM information_schema.STATISTICS WHERE ${inTable(S)} AND INDEX_NAME = 'sessions_by_activity'`, `CREATE INDEX sessions_by_activity ON ${S} (last_active_at, id)`),
  ...unless(
    `FROM information_schema.STATISTICS WHERE ${inTable(S)} AND INDEX_NAME = 'sessions_by_student_activity'`,
    `CREATE INDEX sessions_by_student_activity ON ${S} (student, last_active_at, id)`,
  ),
  `CREATE TABLE IF NOT EXISTS ${MODERATION} (
    id          VARCHAR(100) NOT NULL,
    at          BIGINT NOT NULL,
    direction   VARCHAR(8) NOT NULL,
    session_id  VARCHAR(100) NOT NULL,
    seq         INT NULL,
    student     VARCHAR(32) NULL,
    content     MEDIUMTEXT NOT NULL,
    reason      VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY moderation_by_time (at, id),
    KEY moderation_by_student (student)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  `CREATE TABLE IF NOT EXISTS ${GROUPS} (
    group_id    VARCHAR(100) NOT NULL,
    question    TEXT NOT NULL,
    status      VARCHAR(16) NOT NULL,
    entry_id    VARCHAR(100) NULL,
    decided_by  VARCHAR(100) NOT NULL,
    decided_at  BIGINT NOT NULL,
    PRIMARY KEY (group_id),
    KEY unanswered_groups_decided (decided_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

/** The teachers' records in the MySQL store, on a migrated database. */
export class MysqlCourseRecords {
  constructor(private readonly db: MysqlDb) {}

  /**
   * A closed session whose turns are gone has nothing to show: it is left out. Turns go all at
   * once, so turn 1 tells: a lookup by primary key, where "any turn" lets MariaDB materialise the
   * whole turns index on every page. Pages by keyset on the activity index.
   */
  async listSessions(q: ConversationsQuery): Promise<OwnedSession[]> {
    const b = newestFirstBounds(q, q.before && { at: q.before.lastActiveAt, id: q.before.id });
    const rows = await this.db.query<OwnedSessionRow[]>(
      `SELECT s.*, (SELECT content FROM ${T} WHERE session_id = s.id AND seq = 1) AS first_question
       FROM ${S} s
       WHERE ${q.student === undefined ? '' : 's.student = ? AND'} s.last_active_at >= ? AND s.last_active_at < ?
         AND (s.last_active_at < ? OR (s.last_active_at = ? AND s.id < ?))
         AND (s.closed_at IS NULL OR EXISTS (SELECT 1 FROM ${T} t WHERE t.session_id = s.id AND t.seq = 1))
       ORDER BY s.last_active_at DESC, s.id DESC LIMIT ?`,
      [...(q.student === undefined ? [] : [q.student]), b.from, b.to, b.beforeAt, b.beforeAt, b.beforeId, q.limit],
    );
    return rows.map(ownedSessionFromRow);
  }

  async sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    return (await this.db.query<FeedbackRow[]>(`SELECT * FROM ${FEEDBACK} WHERE session_id = ? ORDER BY seq`, [sessionId])).map(feedbackFromRow);
  }

  async saveModeration(r: ModerationRecord): Promise<void> {
    await this.db.query(`REPLACE INTO ${MODERATION} (id, at, direction, session_id, seq, student, content, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      r.id,
      r.at,
      r.direction,
      r.sessionId,
      r.seq,
      r.student,
      r.content,
      r.reason,
    ]);
  }

  async listModeration(q: ModerationQuery): Promise<ModerationRecord[]> {
    const b = newestFirstBounds(q, q.before);
    const rows = await this.db.query<ModerationRow[]>(
      `SELECT * FROM ${MODERATION} WHERE at >= ? AND at < ? AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?`,
      [b.from, b.to, b.beforeAt, b.beforeAt, b.beforeId, q.limit],
    );
    return rows.map(moderationFromRow);
  }

  async purgeModeration(cutoff: number, limit: number): Promise<number> {
    return (await this.db.query<Changed>(`DELETE FROM ${MODERATION} WHERE at < ? ORDER BY at LIMIT ?`, [cutoff, limit])).affectedRows;
  }

  async saveGroupState(g: GroupState): Promise<void> {
    await this.db.query(
      `INSERT INTO ${GROUPS} (group_id, question, status, entry_id, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE question = VALUES(question), status = VALUES(status), entry_id = VALUES(entry_id),
       decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)`,
      [g.groupId, g.question, g.status, g.entryId, g.by, g.at],
    );
  }

  async groupStates(): Promise<GroupState[]> {
    return (await this.db.query<GroupStateRow[]>(`SELECT * FROM ${GROUPS} ORDER BY group_id`)).map(groupStateFromRow);
  }

  async purgeGroupStates(cutoff: number, limit: number): Promise<number> {
    return (await this.db.query<Changed>(`DELETE FROM ${GROUPS} WHERE decided_at < ? ORDER BY decided_at LIMIT ?`, [cutoff, limit])).affectedRows;
  }
}

/** Inside forget's transaction: deletes every moderation record of the student. */
export async function forgetModerationIn(run: Run, student: string): Promise<number> {
  return (await run<Changed>(`DELETE FROM ${MODERATION} WHERE student = ?`, [student])).affectedRows;
}
