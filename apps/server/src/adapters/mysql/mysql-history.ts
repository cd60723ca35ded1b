import type { OwnedSession, OwnedSessionsPage } from '../../ports/store.js';
import { ownedSessionFromRow, type OwnedSessionRow } from '../relational-rows.js';
import { unless } from './mysql-ddl.js';
import type { MysqlDb } from './mysql-pool.js';

const IN_SESSIONS = `TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mpchat_sessions'`;

/**
 * Schema of a student's own history: the earlier session a session continues, and an index that
 * lists an owner's sessions by last activity.
 */
export const MYSQL_HISTORY_STATEMENTS: readonly string[] = [
  ...unless(
    `FROM information_schema.COLUMNS WHERE ${IN_SESSIONS} AND COLUMN_NAME = 'continued_from'`,
    'ALTER TABLE mpchat_sessions ADD COLUMN continued_from VARCHAR(100) NULL',
  ),
  ...unless(
    `FROM information_schema.STATISTICS WHERE ${IN_SESSIONS} AND INDEX_NAME = 'sessions_by_owner'`,
    'CREATE INDEX sessions_by_owner ON mpchat_sessions (owner, last_active_at, id)',
  ),
];

/**
 * The owner's sessions that still have something to show, newest activity first (see the port).
 * Turns go all at once, so turn 1 tells whether a closed session kept them (a primary-key lookup;
 * "any turn" lets MariaDB materialise the whole turns index).
 */
export async function listOwnedSessionsIn(db: MysqlDb, owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
  const at = page.before?.lastActiveAt ?? Number.MAX_SAFE_INTEGER;
  const rows = await db.query<OwnedSessionRow[]>(
    `SELECT s.*, (SELECT content FROM mpchat_turns WHERE session_id = s.id AND seq = 1) AS first_question
     FROM mpchat_sessions s
     WHERE s.owner = ? AND (s.last_active_at < ? OR (s.last_active_at = ? AND s.id < ?))
       AND (s.closed_at IS NULL OR EXISTS (SELECT 1 FROM mpchat_turns t WHERE t.session_id = s.id AND t.seq = 1))
     ORDER BY s.last_active_at DESC, s.id DESC LIMIT ?`,
    [owner, at, at, page.before?.id ?? '~', page.limit],
  );
  return rows.map(ownedSessionFromRow);
}
