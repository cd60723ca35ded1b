import type Database from 'better-sqlite3';
import type { SessionRow, TurnRow } from './sqlite-rows.js';

const UNSETTLED = `status IN ('pending', 'generating')`;

/** The part of a better-sqlite3 statement the store uses (a named type, so `.d.ts` files can spell it). */
export interface Stmt<P extends unknown[], R> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
  run(...params: P): Database.RunResult;
}

/** Every statement the SQLite store runs, prepared once per database. */
export function prepareQueries(db: Database.Database) {
  const prep = <P extends unknown[] = unknown[], R = unknown>(sql: string): Stmt<P, R> => db.prepare<P, R>(sql);
  return {
    session: prep<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    liveCount: prep<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE closed_at IS NULL'),
    insertSession: prep('INSERT INTO sessions (id, created_at, last_active_at, closed_at, last_seq, owner, student, continued_from) VALUES (?, ?, ?, ?, 0, ?, ?, ?)'),
    dupById: prep<[string, string], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND client_msg_id = ?'),
    dupByText: prep<[string, string, string], TurnRow>(
      'SELECT * FROM turns WHERE session_id = ? AND client_msg_id IS NULL AND timestamp = ? AND content = ? LIMIT 1',
    ),
    pendingCount: prep<[string], { n: number }>(`SELECT COUNT(*) AS n FROM turns WHERE session_id = ? AND ${UNSETTLED}`),
    bumpSeq: prep('UPDATE sessions SET last_seq = last_seq + 1, last_active_at = ? WHERE id = ?'),
    insertTurn: prep(
      `INSERT INTO turns (session_id, seq, client_msg_id, content, timestamp, received_at, status)
       VALUES (@sessionId, @seq, @clientMsgId, @content, @timestamp, @receivedAt, 'pending')`,
    ),
    // A turn stored already settled (a teacher's reply): every column the settlement decides.
    insertSettledTurn: prep(
      `INSERT INTO turns (session_id, seq, client_msg_id, content, timestamp, received_at, status, reply, reply_timestamp,
       error_code, error_message, sources, suggestions, matched, author, settled_at)
       VALUES (@sessionId, @seq, @clientMsgId, @content, @timestamp, @receivedAt, @status, @reply, @replyTimestamp,
       @errorCode, @errorMessage, @sources, @suggestions, @matched, @author, @settledAt)`,
    ),
    touch: prep('UPDATE sessions SET last_active_at = MAX(last_active_at, ?) WHERE id = ? AND closed_at IS NULL'),
    turn: prep<[string, number], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND seq = ?'),
    latest: prep<[string], TurnRow>('SELECT * FROM turns WHERE session_id = ? ORDER BY seq DESC LIMIT 1'),
    atOrAfter: prep<[string, string], TurnRow>(
      'SELECT * FROM turns WHERE session_id = ? AND timestamp >= ? ORDER BY seq DESC LIMIT 1',
    ),
    after: prep<[string, number], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT 1'),
    turnsAfter: prep<[string, number, number], TurnRow>(
      'SELECT * FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    history: prep<[string, number, number], TurnRow>(
      `SELECT * FROM turns WHERE session_id = ? AND seq < ? AND NOT ${UNSETTLED} ORDER BY seq DESC LIMIT ?`,
    ),
    nextUnsettled: prep<[string], TurnRow>(
      `SELECT t.* FROM turns t JOIN sessions s ON s.id = t.session_id
       WHERE t.session_id = ? AND s.closed_at IS NULL AND t.${UNSETTLED} ORDER BY t.seq LIMIT 1`,
    ),
    unsettledSessions: prep<[], { session_id: string }>(
      `SELECT DISTINCT t.session_id FROM turns t JOIN sessions s ON s.id = t.session_id
       WHERE s.closed_at IS NULL AND t.${UNSETTLED}`,
    ),
    start: prep(
      `UPDATE turns SET status = 'generating' WHERE session_id = ? AND seq = ? AND status = 'pending'
       AND EXISTS (SELECT 1 FROM sessions WHERE id = turns.session_id AND closed_at IS NULL)`,
    ),
    requeue: prep(`UPDATE turns SET status = 'pending', reply = '' WHERE session_id = ? AND seq = ? AND status = 'generating'`),
    partial: prep(`UPDATE turns SET reply = ? WHERE session_id = ? AND seq = ? AND ${UNSETTLED}`),
    settle: prep(
      `UPDATE turns SET status = @status, reply = @reply, reply_timestamp = @replyTimestamp,
       error_code = @errorCode, error_message = @errorMessage, sources = @sources, suggestions = @suggestions,
       matched = @matched, author = @author, settled_at = @settledAt
       WHERE session_id = @sessionId AND seq = @seq AND ${UNSETTLED}`,
    ),
    closeSession: prep('UPDATE sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL'),
    deleteTurns: prep('DELETE FROM turns WHERE session_id = ?'),
    idle: prep<[number, number], { id: string }>(
      'SELECT id FROM sessions WHERE closed_at IS NULL AND last_active_at < ? LIMIT ?',
    ),
    // Claim and close in one statement (the sessions_open_idle index finds the batch).
    closeIdle: prep<[number, number, number], { id: string; owner: string | null }>(
      `UPDATE sessions SET closed_at = ? WHERE id IN
       (SELECT id FROM sessions WHERE closed_at IS NULL AND last_active_at < ? ORDER BY last_active_at LIMIT ?) RETURNING id, owner`,
    ),
    unexpiredCount: prep<[number], { n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE closed_at IS NULL AND last_active_at >= ?'),
  };
}

/** The prepared statements of one database. */
export type SqliteQueries = ReturnType<typeof prepareQueries>;
