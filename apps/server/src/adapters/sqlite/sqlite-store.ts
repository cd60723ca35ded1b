import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorCode, Source } from '@mpchat/contract';
import type {
  AppendOutcome,
  AppendTurnInput,
  ChatStore,
  SessionRecord,
  Settlement,
  Turn,
  TurnQuery,
  TurnStatus,
} from '../../ports/store.js';
import { guardMethods } from './sqlite-errors.js';
import { SQLITE_SCHEMA } from './sqlite-schema.js';

interface TurnRow {
  session_id: string;
  seq: number;
  client_msg_id: string | null;
  content: string;
  timestamp: string;
  received_at: number;
  status: TurnStatus;
  reply: string;
  reply_timestamp: string | null;
  error_code: string | null;
  error_message: string | null;
  sources: string;
}

interface SessionRow {
  id: string;
  created_at: number;
  last_active_at: number;
  closed_at: number | null;
  last_seq: number;
}

const toTurn = (r: TurnRow): Turn => ({
  sessionId: r.session_id,
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  content: r.content,
  timestamp: r.timestamp,
  receivedAt: r.received_at,
  status: r.status,
  reply: r.reply,
  replyTimestamp: r.reply_timestamp,
  errorCode: r.error_code as ErrorCode | null,
  errorMessage: r.error_message,
  sources: JSON.parse(r.sources) as Source[],
});

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  createdAt: r.created_at,
  lastActiveAt: r.last_active_at,
  closedAt: r.closed_at,
  lastSeq: r.last_seq,
});

const UNSETTLED = `status IN ('pending', 'generating')`;

/** Every port method: a locked or failing database answers 503 STORE_UNAVAILABLE, not 500. */
const SQLITE_GUARDED = [
  'appendTurn', 'getSession', 'touchSession', 'getTurn', 'findTurn', 'turnsAfter', 'history', 'nextUnsettled',
  'sessionsWithUnsettled', 'startTurn', 'requeueTurn', 'savePartial', 'settleTurn', 'closeSession',
  'idleSessions', 'purgeClosed', 'liveSessions', 'ping',
] as const satisfies readonly (keyof ChatStore)[];

/**
 * The embedded default store: one SQLite file via better-sqlite3, in WAL mode. better-sqlite3 is
 * synchronous, so each method (and each transaction) runs without interleaving: appendTurn's
 * check-then-insert is atomic without extra locking.
 */
export class SqliteStore implements ChatStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly q;
  private readonly appendTx;
  /**
   * Open sessions, counted in memory: one instance owns the file, and counting rows on every new
   * session grows slower as sessions accumulate.
   */
  private live: number;

  constructor(path: string, options: { busyTimeoutMs?: number } = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SQLITE_SCHEMA);
    const db = this.db;
    this.q = {
      session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
      liveCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE closed_at IS NULL'),
      insertSession: db.prepare('INSERT INTO sessions (id, created_at, last_active_at, closed_at, last_seq) VALUES (?, ?, ?, ?, 0)'),
      dupById: db.prepare<[string, string], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND client_msg_id = ?'),
      dupByText: db.prepare<[string, string, string], TurnRow>(
        'SELECT * FROM turns WHERE session_id = ? AND client_msg_id IS NULL AND timestamp = ? AND content = ? LIMIT 1',
      ),
      pendingCount: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM turns WHERE session_id = ? AND ${UNSETTLED}`),
      bumpSeq: db.prepare('UPDATE sessions SET last_seq = last_seq + 1, last_active_at = ? WHERE id = ?'),
      insertTurn: db.prepare(
        `INSERT INTO turns (session_id, seq, client_msg_id, content, timestamp, received_at, status)
         VALUES (@sessionId, @seq, @clientMsgId, @content, @timestamp, @receivedAt, 'pending')`,
      ),
      touch: db.prepare('UPDATE sessions SET last_active_at = MAX(last_active_at, ?) WHERE id = ? AND closed_at IS NULL'),
      turn: db.prepare<[string, number], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND seq = ?'),
      latest: db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE session_id = ? ORDER BY seq DESC LIMIT 1'),
      atOrAfter: db.prepare<[string, string], TurnRow>(
        'SELECT * FROM turns WHERE session_id = ? AND timestamp >= ? ORDER BY seq DESC LIMIT 1',
      ),
      after: db.prepare<[string, number], TurnRow>('SELECT * FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT 1'),
      turnsAfter: db.prepare<[string, number, number], TurnRow>(
        'SELECT * FROM turns WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      history: db.prepare<[string, number, number], TurnRow>(
        `SELECT * FROM turns WHERE session_id = ? AND seq < ? AND NOT ${UNSETTLED} ORDER BY seq DESC LIMIT ?`,
      ),
      nextUnsettled: db.prepare<[string], TurnRow>(
        `SELECT t.* FROM turns t JOIN sessions s ON s.id = t.session_id
         WHERE t.session_id = ? AND s.closed_at IS NULL AND t.${UNSETTLED} ORDER BY t.seq LIMIT 1`,
      ),
      unsettledSessions: db.prepare<[], { session_id: string }>(
        `SELECT DISTINCT t.session_id FROM turns t JOIN sessions s ON s.id = t.session_id
         WHERE s.closed_at IS NULL AND t.${UNSETTLED}`,
      ),
      start: db.prepare(
        `UPDATE turns SET status = 'generating' WHERE session_id = ? AND seq = ? AND status = 'pending'
         AND EXISTS (SELECT 1 FROM sessions WHERE id = turns.session_id AND closed_at IS NULL)`,
      ),
      requeue: db.prepare(`UPDATE turns SET status = 'pending', reply = '' WHERE session_id = ? AND seq = ? AND status = 'generating'`),
      partial: db.prepare(`UPDATE turns SET reply = ? WHERE session_id = ? AND seq = ? AND ${UNSETTLED}`),
      settle: db.prepare(
        `UPDATE turns SET status = @status, reply = @reply, reply_timestamp = @replyTimestamp,
         error_code = @errorCode, error_message = @errorMessage, sources = @sources
         WHERE session_id = @sessionId AND seq = @seq AND ${UNSETTLED}`,
      ),
      closeSession: db.prepare('UPDATE sessions SET closed_at = ? WHERE id = ? AND closed_at IS NULL'),
      deleteTurns: db.prepare('DELETE FROM turns WHERE session_id = ?'),
      idle: db.prepare<[number, number], { id: string }>(
        'SELECT id FROM sessions WHERE closed_at IS NULL AND last_active_at < ? LIMIT ?',
      ),
      purgeTurns: db.prepare(
        'DELETE FROM turns WHERE session_id IN (SELECT id FROM sessions WHERE closed_at IS NOT NULL AND closed_at < ?)',
      ),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE closed_at IS NOT NULL AND closed_at < ?'),
    };
    this.live = this.q.liveCount.get()!.n;
    this.appendTx = db.transaction((input: AppendTurnInput): AppendOutcome => {
      const s = this.q.session.get(input.sessionId);
      if (s && s.closed_at !== null) return { kind: 'closed' };
      if (!s) {
        if (this.live >= input.maxLiveSessions) return { kind: 'full' };
        this.q.insertSession.run(input.sessionId, input.now, input.now, null);
      }
      const dup = input.clientMsgId
        ? this.q.dupById.get(input.sessionId, input.clientMsgId)
        : this.q.dupByText.get(input.sessionId, input.timestamp, input.content);
      if (dup) return { kind: 'duplicate', turn: toTurn(dup) };
      const pending = this.q.pendingCount.get(input.sessionId)!.n;
      if (pending >= input.maxPending) return { kind: 'busy', pending };
      if (input.maxTurns > 0 && (s?.last_seq ?? 0) >= input.maxTurns) return { kind: 'quota', limit: input.maxTurns };
      this.q.bumpSeq.run(input.now, input.sessionId);
      const seq = (s?.last_seq ?? 0) + 1;
      this.q.insertTurn.run({
        sessionId: input.sessionId,
        seq,
        clientMsgId: input.clientMsgId ?? null,
        content: input.content,
        timestamp: input.timestamp,
        receivedAt: input.now,
      });
      const turn = toTurn(this.q.turn.get(input.sessionId, seq)!);
      // Counted only once the transaction cannot roll back any more.
      if (!s) this.live++;
      return { kind: 'created', turn };
    });
    guardMethods(this, SQLITE_GUARDED);
  }

  async appendTurn(input: AppendTurnInput): Promise<AppendOutcome> {
    return this.appendTx.immediate(input);
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const r = this.q.session.get(sessionId);
    return r && toSession(r);
  }

  async touchSession(sessionId: string, now: number): Promise<void> {
    this.q.touch.run(now, sessionId);
  }

  async getTurn(sessionId: string, seq: number): Promise<Turn | undefined> {
    const r = this.q.turn.get(sessionId, seq);
    return r && toTurn(r);
  }

  async findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined> {
    const r =
      query.kind === 'latest'
        ? this.q.latest.get(sessionId)
        : query.kind === 'after'
          ? this.q.after.get(sessionId, query.seq)
          : this.q.atOrAfter.get(sessionId, query.timestamp);
    return r && toTurn(r);
  }

  async turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]> {
    return this.q.turnsAfter.all(sessionId, afterSeq, limit).map(toTurn);
  }

  async history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]> {
    return this.q.history.all(sessionId, beforeSeq, limit).map(toTurn);
  }

  async nextUnsettled(sessionId: string): Promise<Turn | undefined> {
    const r = this.q.nextUnsettled.get(sessionId);
    return r && toTurn(r);
  }

  async sessionsWithUnsettled(): Promise<string[]> {
    return this.q.unsettledSessions.all().map((r) => r.session_id);
  }

  async startTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.q.start.run(sessionId, seq).changes === 1;
  }

  async requeueTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.q.requeue.run(sessionId, seq).changes === 1;
  }

  async savePartial(sessionId: string, seq: number, reply: string): Promise<void> {
    this.q.partial.run(reply, sessionId, seq);
  }

  async settleTurn(sessionId: string, seq: number, s: Settlement): Promise<boolean> {
    const res = this.q.settle.run({
      sessionId,
      seq,
      status: s.status,
      reply: s.reply,
      replyTimestamp: s.replyTimestamp,
      errorCode: s.errorCode ?? null,
      errorMessage: s.errorMessage ?? null,
      sources: JSON.stringify(s.sources ?? []),
    });
    return res.changes === 1;
  }

  async closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    return this.db.transaction(() => {
      const s = this.q.session.get(sessionId);
      if (!s) {
        this.q.insertSession.run(sessionId, now, now, now);
        return false;
      }
      if (this.q.closeSession.run(now, sessionId).changes === 0) return false;
      this.live--;
      if (!retainTranscript) this.q.deleteTurns.run(sessionId);
      return true;
    }).immediate();
  }

  async idleSessions(cutoff: number, limit: number): Promise<string[]> {
    return this.q.idle.all(cutoff, limit).map((r) => r.id);
  }

  async purgeClosed(cutoff: number): Promise<number> {
    return this.db.transaction(() => {
      this.q.purgeTurns.run(cutoff);
      return this.q.purgeSessions.run(cutoff).changes;
    }).immediate();
  }

  async liveSessions(): Promise<number> {
    return this.live;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
