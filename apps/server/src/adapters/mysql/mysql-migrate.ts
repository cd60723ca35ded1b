import type { MysqlDb } from './mysql-pool.js';
import { MYSQL_MIGRATIONS } from './mysql-schema.js';
import { newerSchemaError } from '../schema-version.js';

const LOCK = 'mpchat_migrations';
const LOCK_WAIT_S = 30;

/**
 * Applies the migrations this build knows and the database lacks, recorded in
 * `mpchat_schema_migrations`. Instances starting together serialise on a named lock
 * (`GET_LOCK`, held by one connection): the first applies, the others then find nothing to do.
 * Returns the versions applied now; throws, applying nothing, when a newer build has applied a
 * version this one does not know.
 */
export async function migrate(db: MysqlDb): Promise<number[]> {
  const conn = await db.pool.getConnection();
  // Bounded like every statement: a hung server fails the start instead of stalling it.
  const query = (sql: string, values?: unknown[]) => conn.query({ sql, timeout: (LOCK_WAIT_S + 10) * 1000 }, values);
  try {
    const [[got]] = (await query('SELECT GET_LOCK(?, ?) AS got', [LOCK, LOCK_WAIT_S])) as unknown as [[{ got: number | null }]];
    if (got.got !== 1) throw new Error(`[mysql] another instance held the migration lock for ${LOCK_WAIT_S} s (MIGRATION_LOCKED)`);
    try {
      await query(
        `CREATE TABLE IF NOT EXISTS mpchat_schema_migrations (
          version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      );
      const [rows] = (await query('SELECT version FROM mpchat_schema_migrations')) as unknown as [{ version: number }[]];
      const done = new Set(rows.map((r) => r.version));
      const refusal = newerSchemaError('mysql', done, MYSQL_MIGRATIONS.map((m) => m.version));
      if (refusal) throw refusal;
      const applied: number[] = [];
      for (const m of MYSQL_MIGRATIONS) {
        if (done.has(m.version)) continue;
        // MySQL commits DDL implicitly: each statement is idempotent (IF NOT EXISTS) so a crash mid-way re-runs cleanly.
        for (const sql of m.statements) await query(sql);
        await query('INSERT INTO mpchat_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
        applied.push(m.version);
      }
      return applied;
    } finally {
      await query('SELECT RELEASE_LOCK(?)', [LOCK]);
    }
  } finally {
    conn.release();
  }
}
