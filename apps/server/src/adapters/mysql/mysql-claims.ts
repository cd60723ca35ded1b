import type { MysqlDb } from './mysql-pool.js';

/** Schema version 25: claims on session ids before their first message. */
export const MYSQL_CLAIMS_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS mpchat_session_claims (
    session_id VARCHAR(64) NOT NULL PRIMARY KEY,
    owner VARCHAR(300) NOT NULL,
    expires_at BIGINT NOT NULL,
    KEY session_claims_expiry (expires_at)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

/**
 * Claims `sessionId` for `owner` (see SessionClaims). The update touches the row only when the
 * claim expired or is the caller's own; the primary key makes concurrent first claims from
 * several instances agree (one insert wins, the others update nothing), and the read that follows
 * sees the winner.
 */
export async function claimSessionIn(db: MysqlDb, sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
  return db.transaction(async (run) => {
    await run(
      // MySQL evaluates the assignments left to right: the first still sees the old expiry, the
      // second sees the owner the first decided (the expiry moves only with the caller's claim).
      `INSERT INTO mpchat_session_claims (session_id, owner, expires_at) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE
         owner = IF(expires_at <= ? OR owner = VALUES(owner), VALUES(owner), owner),
         expires_at = IF(owner = VALUES(owner), VALUES(expires_at), expires_at)`,
      [sessionId, owner, expiresAt, now],
    );
    const [row] = await run<{ owner: string }[]>('SELECT owner FROM mpchat_session_claims WHERE session_id = ?', [sessionId]);
    return row?.owner ?? owner;
  });
}

/** The unexpired holder of a claim on `sessionId`. */
export async function sessionClaimantIn(db: MysqlDb, sessionId: string, now: number): Promise<string | undefined> {
  const [row] = await db.query<{ owner: string }[]>('SELECT owner FROM mpchat_session_claims WHERE session_id = ? AND expires_at > ?', [sessionId, now]);
  return row?.owner;
}

/** Deletes the claim on a session its first message opened. */
export async function releaseClaimIn(db: MysqlDb, sessionId: string): Promise<void> {
  await db.query('DELETE FROM mpchat_session_claims WHERE session_id = ?', [sessionId]);
}

/** Deletes up to `limit` expired claims. */
export async function purgeClaimsIn(db: MysqlDb, now: number, limit: number): Promise<number> {
  const r = await db.query<{ affectedRows: number }>('DELETE FROM mpchat_session_claims WHERE expires_at <= ? ORDER BY expires_at LIMIT ?', [now, limit]);
  return r.affectedRows;
}
