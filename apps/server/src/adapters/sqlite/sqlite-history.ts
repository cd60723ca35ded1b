import type Database from 'better-sqlite3';
import type { OwnedSession, OwnedSessionsPage } from '../../ports/store.js';
import { ownedSessionFromRow, type OwnedSessionRow } from '../relational-rows.js';

/**
 * Schema of a student's own history: the earlier session a session continues, and an index that
 * lists an owner's sessions by last activity. Its version number leaves room below it for
 * migrations written at the same time on other branches.
 */
export const SQLITE_HISTORY_SQL = `
ALTER TABLE sessions ADD COLUMN continued_from TEXT;
CREATE INDEX IF NOT EXISTS sessions_by_owner ON sessions (owner, last_active_at, id) WHERE owner IS NOT NULL;
`;

/** The history role of the SQLite store, on a migrated database. */
export class SqliteHistory {
  private readonly list;

  constructor(db: Database.Database) {
    // A closed session whose turns are gone has nothing to show: it is left out.
    this.list = db.prepare<[string, number, number, string, number], OwnedSessionRow>(
      `SELECT s.*, (SELECT content FROM turns WHERE session_id = s.id AND seq = 1) AS first_question
       FROM sessions s
       WHERE s.owner = ? AND (s.last_active_at < ? OR (s.last_active_at = ? AND s.id < ?))
         AND (s.closed_at IS NULL OR EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id))
       ORDER BY s.last_active_at DESC, s.id DESC LIMIT ?`,
    );
  }

  owned(owner: string, page: OwnedSessionsPage): OwnedSession[] {
    const at = page.before?.lastActiveAt ?? Number.MAX_SAFE_INTEGER;
    return this.list.all(owner, at, at, page.before?.id ?? '\uffff', page.limit).map(ownedSessionFromRow);
  }
}
