import type Database from 'better-sqlite3';
import type { ClosedSession, ForgetOutcome } from '../../ports/store.js';

/**
 * Schema version 4: each session's student pseudonym (what teachers see, what forget finds), and
 * the server secrets shared by whoever opens the file (the pseudonym key).
 */
export const SQLITE_RETENTION_SQL = `
ALTER TABLE sessions ADD COLUMN student TEXT;
CREATE INDEX IF NOT EXISTS sessions_student ON sessions (student) WHERE student IS NOT NULL;
CREATE TABLE IF NOT EXISTS server_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** The retention role of the SQLite store: batched purges, forget, shared secrets. */
export class SqliteRetention {
  private readonly q;
  private readonly forgetTx;

  constructor(private readonly db: Database.Database) {
    const prep = <P extends unknown[] = unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
    this.q = {
      // A batch of tombstones, oldest first (the sessions_closed index finds them).
      purgeBatch: prep<[number, number], { id: string }>('SELECT id FROM sessions WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at LIMIT ?'),
      deleteSession: prep<[string]>('DELETE FROM sessions WHERE id = ?'),
      deleteTurns: prep<[string]>('DELETE FROM turns WHERE session_id = ?'),
      deleteFeedback: prep<[string]>('DELETE FROM feedback WHERE session_id = ?'),
      purgeFeedback: prep<[number, number]>('DELETE FROM feedback WHERE rowid IN (SELECT rowid FROM feedback WHERE rated_at < ? ORDER BY rated_at LIMIT ?)'),
      ofStudent: prep<[string], { id: string; closed_at: number | null; owner: string | null }>('SELECT id, closed_at, owner FROM sessions WHERE student = ?'),
      insertSecret: prep<[string, string]>('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)'),
      secret: prep<[string], { value: string }>('SELECT value FROM server_secrets WHERE name = ?'),
      deleteModeration: prep<[string]>('DELETE FROM moderation_log WHERE student = ?'),
    };
    this.forgetTx = db.transaction((student: string): ForgetOutcome => {
      const out: ForgetOutcome = { sessions: 0, turns: 0, feedback: 0, moderation: 0, open: [] };
      for (const s of this.q.ofStudent.all(student)) {
        out.turns += this.q.deleteTurns.run(s.id).changes;
        out.feedback += this.q.deleteFeedback.run(s.id).changes;
        out.sessions += this.q.deleteSession.run(s.id).changes;
        if (s.closed_at === null) out.open.push({ id: s.id, owner: s.owner } satisfies ClosedSession);
      }
      out.moderation = this.q.deleteModeration.run(student).changes;
      return out;
    });
  }

  /** Up to `limit` tombstones closed before `cutoff`, with their turns, in one transaction. */
  purgeClosed(cutoff: number, limit: number): number {
    return this.db
      .transaction(() => {
        const ids = this.q.purgeBatch.all(cutoff, limit);
        for (const { id } of ids) {
          this.q.deleteTurns.run(id);
          this.q.deleteSession.run(id);
        }
        return ids.length;
      })
      .immediate();
  }

  purgeFeedback(cutoff: number, limit: number): number {
    return this.q.purgeFeedback.run(cutoff, limit).changes;
  }

  forget(student: string): ForgetOutcome {
    return this.forgetTx.immediate(student);
  }

  sharedSecret(name: string, candidate: string): string {
    this.q.insertSecret.run(name, candidate);
    return this.q.secret.get(name)!.value;
  }
}
