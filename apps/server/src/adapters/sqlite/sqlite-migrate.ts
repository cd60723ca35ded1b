import type Database from 'better-sqlite3';
import { newerSchemaError } from '../schema-version.js';
import { SQLITE_ANSWER_SQL } from './sqlite-feedback.js';
import { SQLITE_COURSE_RECORDS_SQL } from './sqlite-course-records.js';
import { SQLITE_HISTORY_SQL } from './sqlite-history.js';
import { SQLITE_KNOWLEDGE_SQL } from './sqlite-knowledge.js';
import { SQLITE_RETENTION_SQL } from './sqlite-retention.js';
import { SQLITE_SCHEMA } from './sqlite-schema.js';

/** One schema change of the SQLite store. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Versioned migrations of the SQLite store, applied in order at open. Version 1 is the original
 * schema (written with IF NOT EXISTS, so files made before versioning adopt it as is). Never edit
 * a released entry: append a new version. Versions may have gaps (features land in any order).
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, name: 'sessions and turns', sql: SQLITE_SCHEMA },
  // The client that opened a session (ownership, and whose live-session slot to give back).
  { version: 2, name: 'session owner', sql: 'ALTER TABLE sessions ADD COLUMN owner TEXT' },
  { version: 3, name: 'reply suggestions and answer feedback', sql: SQLITE_ANSWER_SQL },
  { version: 4, name: 'student pseudonyms and server secrets', sql: SQLITE_RETENTION_SQL },
  { version: 5, name: 'knowledge base', sql: SQLITE_KNOWLEDGE_SQL },
  { version: 20, name: 'continued sessions and owners\' session lists', sql: SQLITE_HISTORY_SQL },
  { version: 22, name: 'what a settled turn records, the moderation log and unanswered-group decisions', sql: SQLITE_COURSE_RECORDS_SQL },
];

/**
 * Applies the migrations not applied yet, each in its own transaction, recording them in
 * `schema_migrations`. One process owns a SQLite file, so no cross-process lock is needed beyond
 * SQLite's own write lock. Returns the versions applied now; throws, touching nothing, when a newer
 * build has applied a version this one does not know.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const refusal = newerSchemaError('sqlite', done, migrations.map((m) => m.version));
  if (refusal) throw refusal;
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return applied;
}
