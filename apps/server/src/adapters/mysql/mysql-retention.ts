import type { ForgetOutcome } from '../../ports/store.js';
import { forgetModerationIn } from './mysql-course-records.js';
import { FEEDBACK } from './mysql-feedback.js';
import type { MysqlDb } from './mysql-pool.js';
import { SESSIONS as S, TURNS as T } from './mysql-tables.js';

interface Changed {
  affectedRows: number;
}

/**
 * Schema version 4: each session's student pseudonym (what teachers see, what forget finds), and
 * the server secrets shared by every instance (the pseudonym key). Re-runnable like version 2.
 */
export const MYSQL_RETENTION_STATEMENTS: readonly string[] = [
  `SET @mpchat_add_student = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE mpchat_sessions ADD COLUMN student VARCHAR(32) NULL, ADD KEY sessions_student (student), ADD KEY sessions_closed (closed_at)', 'DO 0')
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mpchat_sessions' AND COLUMN_NAME = 'student')`,
  'PREPARE mpchat_add_student FROM @mpchat_add_student',
  'EXECUTE mpchat_add_student',
  'DEALLOCATE PREPARE mpchat_add_student',
  `CREATE TABLE IF NOT EXISTS mpchat_secrets (
    name   VARCHAR(100) NOT NULL PRIMARY KEY,
    value  VARCHAR(500) NOT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

/**
 * Up to `limit` tombstones closed before `cutoff`, with their turns. The batch is claimed with
 * SKIP LOCKED, so instances sweeping together take different tombstones.
 */
export function purgeClosedIn(db: MysqlDb, cutoff: number, limit: number): Promise<number> {
  return db.transaction(async (run) => {
    const rows = await run<{ id: string }[]>(
      `SELECT id FROM ${S} WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at LIMIT ? FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await run(`DELETE FROM ${T} WHERE session_id IN (?)`, [ids]);
    return (await run<Changed>(`DELETE FROM ${S} WHERE id IN (?)`, [ids])).affectedRows;
  });
}

/** Deletes up to `limit` ratings given before `cutoff`. */
export async function purgeFeedbackIn(db: MysqlDb, cutoff: number, limit: number): Promise<number> {
  return (await db.query<Changed>(`DELETE FROM ${FEEDBACK} WHERE rated_at < ? ORDER BY rated_at LIMIT ?`, [cutoff, limit])).affectedRows;
}

/** Deletes every session, turn, rating and moderation record of one student, in one transaction. */
export function forgetStudentIn(db: MysqlDb, student: string): Promise<ForgetOutcome> {
  return db.transaction(async (run) => {
    const rows = await run<{ id: string; closed_at: number | null; owner: string | null }[]>(`SELECT id, closed_at, owner FROM ${S} WHERE student = ? FOR UPDATE`, [student]);
    // The moderation log names the student itself: it goes even when no session is left.
    const out: ForgetOutcome = { sessions: 0, turns: 0, feedback: 0, moderation: await forgetModerationIn(run, student), open: [] };
    if (rows.length === 0) return out;
    const ids = rows.map((r) => r.id);
    out.turns = (await run<Changed>(`DELETE FROM ${T} WHERE session_id IN (?)`, [ids])).affectedRows;
    out.feedback = (await run<Changed>(`DELETE FROM ${FEEDBACK} WHERE session_id IN (?)`, [ids])).affectedRows;
    out.sessions = (await run<Changed>(`DELETE FROM ${S} WHERE id IN (?)`, [ids])).affectedRows;
    out.open = rows.filter((r) => r.closed_at === null).map((r) => ({ id: r.id, owner: r.owner }));
    return out;
  });
}

/** The stored secret `name`, or `candidate` stored now (the first writer wins). */
export async function sharedSecretIn(db: MysqlDb, name: string, candidate: string): Promise<string> {
  await db.query('INSERT IGNORE INTO mpchat_secrets (name, value) VALUES (?, ?)', [name, candidate]);
  const [row] = await db.query<{ value: string }[]>('SELECT value FROM mpchat_secrets WHERE name = ?', [name]);
  return row!.value;
}
