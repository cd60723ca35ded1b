import type { AppendOutcome, AppendTurnInput, ChatStore, ClosedSession, SessionRecord, PartialReply, Settlement, Turn, TurnQuery } from '../../ports/store.js';
import { appendTurnIn } from './mysql-append.js';
import { closeIdleIn } from './mysql-close-idle.js';
import type { MysqlDb } from './mysql-pool.js';
import { MysqlRecords } from './mysql-records.js';
import { purgeClosedIn } from './mysql-retention.js';
import { savePartialsIn } from './mysql-partials.js';
import { settlementColumns } from '../relational-rows.js';
import { toSession, toTurn, type SessionRow, type TurnRow } from './mysql-rows.js';
import { SESSIONS as S, TURNS as T, UNSETTLED } from './mysql-schema.js';

// Tombstones purged per transaction when the caller sets no batch size.
const PURGE_BATCH = 500;

interface Changed {
  affectedRows: number;
}

/**
 * The store on MySQL (or MariaDB) through a mysql2 pool, shared by any number of instances.
 * appendTurn and closeSession lock the session row (`SELECT … FOR UPDATE`) in a transaction;
 * every state change is a conditional UPDATE on the status, so a turn starts and settles once.
 */
export class MysqlStore extends MysqlRecords implements ChatStore {
  readonly kind = 'mysql';

  /** @param afterClose closes what the instance shares with the store's lifetime (the Redis connection). */
  constructor(
    db: MysqlDb,
    private readonly afterClose?: () => Promise<void>,
  ) {
    super(db);
  }

  async appendTurn(input: AppendTurnInput): Promise<AppendOutcome> {
    return this.db.transaction((run) => appendTurnIn(run, input));
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const [r] = await this.db.query<SessionRow[]>(`SELECT * FROM ${S} WHERE id = ?`, [sessionId]);
    return r && toSession(r);
  }

  async touchSession(sessionId: string, now: number): Promise<void> {
    await this.db.query(`UPDATE ${S} SET last_active_at = GREATEST(last_active_at, ?) WHERE id = ? AND closed_at IS NULL`, [now, sessionId]);
  }

  async getTurn(sessionId: string, seq: number): Promise<Turn | undefined> {
    return this.one(`SELECT * FROM ${T} WHERE session_id = ? AND seq = ?`, [sessionId, seq]);
  }

  async findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined> {
    if (query.kind === 'latest') return this.one(`SELECT * FROM ${T} WHERE session_id = ? ORDER BY seq DESC LIMIT 1`, [sessionId]);
    if (query.kind === 'after') return this.one(`SELECT * FROM ${T} WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT 1`, [sessionId, query.seq]);
    return this.one(`SELECT * FROM ${T} WHERE session_id = ? AND ts >= ? ORDER BY seq DESC LIMIT 1`, [sessionId, query.timestamp]);
  }

  async turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]> {
    return this.many(`SELECT * FROM ${T} WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?`, [sessionId, afterSeq, limit]);
  }

  async history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]> {
    return this.many(`SELECT * FROM ${T} WHERE session_id = ? AND seq < ? AND NOT ${UNSETTLED} ORDER BY seq DESC LIMIT ?`, [
      sessionId,
      beforeSeq,
      limit,
    ]);
  }

  async nextUnsettled(sessionId: string): Promise<Turn | undefined> {
    return this.one(
      `SELECT t.* FROM ${T} t JOIN ${S} s ON s.id = t.session_id
       WHERE t.session_id = ? AND s.closed_at IS NULL AND t.${UNSETTLED} ORDER BY t.seq LIMIT 1`,
      [sessionId],
    );
  }

  async sessionsWithUnsettled(): Promise<string[]> {
    const rows = await this.db.query<{ session_id: string }[]>(
      `SELECT DISTINCT t.session_id FROM ${T} t JOIN ${S} s ON s.id = t.session_id WHERE s.closed_at IS NULL AND t.${UNSETTLED}`,
    );
    return rows.map((r) => r.session_id);
  }

  async startTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.changed(
      `UPDATE ${T} t JOIN ${S} s ON s.id = t.session_id SET t.status = 'generating'
       WHERE t.session_id = ? AND t.seq = ? AND t.status = 'pending' AND s.closed_at IS NULL`,
      [sessionId, seq],
    );
  }

  async requeueTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.changed(`UPDATE ${T} SET status = 'pending', reply = '' WHERE session_id = ? AND seq = ? AND status = 'generating'`, [sessionId, seq]);
  }

  async savePartial(sessionId: string, seq: number, reply: string): Promise<void> {
    await this.db.query(`UPDATE ${T} SET reply = ? WHERE session_id = ? AND seq = ? AND ${UNSETTLED}`, [reply, sessionId, seq]);
  }

  async savePartials(batch: readonly PartialReply[]): Promise<void> {
    await savePartialsIn((sql, values) => this.db.query(sql, values), batch);
  }

  async settleTurn(sessionId: string, seq: number, s: Settlement): Promise<boolean> {
    const c = settlementColumns(s);
    return this.changed(
      `UPDATE ${T} SET status = ?, reply = ?, reply_timestamp = ?, error_code = ?, error_message = ?, sources = ?, suggestions = ?,
       matched = ?, author = ?, settled_at = ?
       WHERE session_id = ? AND seq = ? AND ${UNSETTLED}`,
      [c.status, c.reply, c.replyTimestamp, c.errorCode, c.errorMessage, c.sources, c.suggestions, c.matched, c.author, c.settledAt, sessionId, seq],
    );
  }

  async closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    return this.db.transaction(async (run) => {
      const [s] = await run<SessionRow[]>(`SELECT closed_at FROM ${S} WHERE id = ? FOR UPDATE`, [sessionId]);
      // An id that never sent a message leaves nothing behind (no tombstone).
      if (!s) return false;
      if (s.closed_at !== null) return false;
      await run(`UPDATE ${S} SET closed_at = ? WHERE id = ?`, [now, sessionId]);
      if (!retainTranscript) await run(`DELETE FROM ${T} WHERE session_id = ?`, [sessionId]);
      return true;
    });
  }

  async idleSessions(cutoff: number, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM ${S} WHERE closed_at IS NULL AND last_active_at < ? LIMIT ?`, [cutoff, limit]);
    return rows.map((r) => r.id);
  }

  async closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
    return this.db.transaction((run) => closeIdleIn(run, cutoff, limit, now, retainTranscript));
  }

  async purgeClosed(cutoff: number, limit?: number): Promise<number> {
    if (limit !== undefined) return purgeClosedIn(this.db, cutoff, limit);
    let total = 0;
    for (let n = PURGE_BATCH; n === PURGE_BATCH; total += n) n = await purgeClosedIn(this.db, cutoff, PURGE_BATCH);
    return total;
  }

  async liveSessions(): Promise<number> {
    const [{ n }] = await this.db.query<[{ n: number }]>(`SELECT COUNT(*) AS n FROM ${S} WHERE closed_at IS NULL`);
    return Number(n);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.afterClose?.();
  }

  private async one(sql: string, values: unknown[]): Promise<Turn | undefined> {
    const [r] = await this.db.query<TurnRow[]>(sql, values);
    return r && toTurn(r);
  }

  private async many(sql: string, values: unknown[]): Promise<Turn[]> {
    return (await this.db.query<TurnRow[]>(sql, values)).map(toTurn);
  }

  private async changed(sql: string, values: unknown[]): Promise<boolean> {
    return (await this.db.query<Changed>(sql, values)).affectedRows === 1;
  }
}
