import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** What a backup copied: row counts of the tables that matter, read back from the copy. */
export interface SqliteBackupSummary {
  sessions: number;
  turns: number;
  feedback: number;
}

/**
 * Copies a live SQLite store to `destination` with SQLite's online backup API (better-sqlite3's
 * `db.backup`): page by page, consistent even while the server writes (WAL mode), unlike `cp`,
 * which can catch the main file and its `-wal` at different moments. The copy is a single
 * self-contained file (its journal checkpointed) and is checked with `PRAGMA integrity_check`.
 * Refuses to overwrite an existing file.
 *
 * @example
 * const counts = await backupSqlite('./data/mpchat.db', '/var/backups/mpchat-2026-12-08.db');
 */
export async function backupSqlite(source: string, destination: string): Promise<SqliteBackupSummary> {
  if (!existsSync(source)) throw new Error(`[sqlite] no database at ${source} (check SQLITE_PATH)`);
  if (existsSync(destination)) throw new Error(`[sqlite] ${destination} already exists; choose a new file name`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destination);
  } finally {
    db.close();
  }
  const copy = new Database(destination);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`[sqlite] the copy at ${destination} failed its integrity check: ${String(check)}`);
    const count = (table: string): number => {
      const exists = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      return exists ? (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    };
    return { sessions: count('sessions'), turns: count('turns'), feedback: count('feedback') };
  } finally {
    copy.close();
  }
}
