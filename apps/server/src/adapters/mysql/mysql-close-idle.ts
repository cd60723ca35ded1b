import type { Run } from './mysql-pool.js';
import type { ClosedSession } from '../../ports/store.js';
import { SESSIONS as S, TURNS as T } from './mysql-schema.js';

/**
 * {@link ChatStore.closeIdle} inside a transaction: the oldest idle sessions are claimed with
 * `FOR UPDATE SKIP LOCKED` (MySQL 8, MariaDB 10.6+), so instances sweeping at once each take
 * different rows and never close a session twice; a send or touch racing the claim waits on the row
 * and then finds it closed. Three statements on the `sessions_open_idle` index and the primary keys.
 */
export async function closeIdleIn(run: Run, cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
  const rows = await run<{ id: string; owner: string | null }[]>(
    `SELECT id, owner FROM ${S} WHERE closed_at IS NULL AND last_active_at < ? ORDER BY last_active_at LIMIT ? FOR UPDATE SKIP LOCKED`,
    [cutoff, limit],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  await run(`UPDATE ${S} SET closed_at = ? WHERE id IN (?)`, [now, ids]);
  if (!retainTranscript) await run(`DELETE FROM ${T} WHERE session_id IN (?)`, [ids]);
  return rows.map((r) => ({ id: r.id, owner: r.owner ?? null }));
}
