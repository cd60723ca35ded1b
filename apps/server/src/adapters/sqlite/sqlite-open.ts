import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CheckpointerOptions } from './sqlite-checkpointer.js';
import { migrateSqlite } from './sqlite-migrate.js';

/** Settings of the SQLite store. */
export interface SqliteStoreOptions {
  busyTimeoutMs?: number;
  /** The WAL checkpoint thread (see startCheckpointer). */
  checkpoints?: CheckpointerOptions;
}

/** Opens the store's file at `path`, tuned and migrated. */
export function openMigrated(path: string, options: SqliteStoreOptions): Database.Database {
  const db = openSqliteFile(path);
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  migrateSqlite(db);
  return db;
}

/**
 * Opens (creating when missing) the SQLite file at `path` in WAL mode. When that fails, the error
 * names the path, what went wrong, and the usual cause: the directory or file is not writable by
 * the user the server runs as (in the container image: `node`, which may write only under /data).
 * SQLite needs to write the directory too (it creates `-wal` and `-shm` files beside the database).
 */
export function openSqliteFile(path: string): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    return db;
  } catch (err) {
    const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Error(
      `[sqlite] cannot open SQLITE_PATH=${path}: ${reason} (${(err as Error).message}). Its directory must exist or be creatable, and be writable by the user the server runs as${uid}; in the container image only /data is writable`,
      { cause: err },
    );
  }
}
