import type Database from 'better-sqlite3';
import type { SessionClaims } from '../../ports/session-claims.js';

/** Schema version 25: claims on session ids before their first message. */
export const SQLITE_CLAIMS_SQL = `
CREATE TABLE IF NOT EXISTS session_claims (session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS session_claims_expiry ON session_claims (expires_at);
`;

/**
 * Claims on session ids not opened yet (see {@link SessionClaims}). better-sqlite3 runs each call
 * to completion and one process owns the file, so a claim is one transaction without races.
 */
export class SqliteClaims {
  private readonly claimTx;
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      // An expired claim, or the caller's own, gives way; any other holder stays.
      take: db.prepare<[string, string, number, number, string]>(
        'INSERT INTO session_claims (session_id, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at WHERE session_claims.expires_at <= ? OR session_claims.owner = ?',
      ),
      holder: db.prepare<[string, number], { owner: string }>('SELECT owner FROM session_claims WHERE session_id = ? AND expires_at > ?'),
      release: db.prepare<[string]>('DELETE FROM session_claims WHERE session_id = ?'),
      purge: db.prepare<[number, number]>('DELETE FROM session_claims WHERE session_id IN (SELECT session_id FROM session_claims WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)'),
    };
    this.claimTx = db.transaction((sessionId: string, owner: string, now: number, expiresAt: number): string => {
      this.q.take.run(sessionId, owner, expiresAt, now, owner);
      return this.q.holder.get(sessionId, now)?.owner ?? owner;
    });
  }

  claim(sessionId: string, owner: string, now: number, expiresAt: number): string {
    return this.claimTx(sessionId, owner, now, expiresAt);
  }

  claimant(sessionId: string, now: number): string | undefined {
    return this.q.holder.get(sessionId, now)?.owner;
  }

  release(sessionId: string): void {
    this.q.release.run(sessionId);
  }

  purge(now: number, limit: number): number {
    return this.q.purge.run(now, limit).changes;
  }
}
