import type Database from 'better-sqlite3';
import { openMigrated, type SqliteStoreOptions } from './sqlite-open.js';
import { startCheckpointer, type StopCheckpointer } from './sqlite-checkpointer.js';
import type { AppendOutcome, AppendTurnInput, ChatStore, ClosedSession, ForgetOutcome, SessionRecord, PartialReply, Settlement, Turn, TurnQuery } from '../../ports/store.js';
import { StoreErrorGuard } from '../store-error-guard.js';
import { toStoreError } from './sqlite-errors.js';
import { prepareQueries, type SqliteQueries } from './sqlite-queries.js';
import { toSession, toTurn } from './sqlite-rows.js';
import { SqliteRecords } from './sqlite-records.js';
import { settlementColumns } from '../relational-rows.js';

/**
 * The embedded default store: one SQLite file via better-sqlite3, in WAL mode, behind the error
 * guard (a locked or failing database answers 503 STORE_UNAVAILABLE, not 500).
 *
 * @example
 * const store = new SqliteStore('./data/mpchat.db');
 */
export class SqliteStore extends StoreErrorGuard {
  constructor(path: string, options: SqliteStoreOptions = {}) {
    super(new SqliteDatabase(path, options), toStoreError);
  }
}

/**
 * The SQLite store itself. better-sqlite3 is synchronous, so each method (and each transaction)
 * runs without interleaving: appendTurn's check-then-insert is atomic without extra locking.
 */
class SqliteDatabase extends SqliteRecords implements ChatStore {
  readonly kind = 'sqlite';
  private readonly q: SqliteQueries;
  private readonly appendTx;
  /** One transaction for a batch of partial replies: one WAL commit, not one per turn. */
  private readonly partialsTx;
  /**
   * Open sessions, counted in memory: one instance owns the file, and counting rows on every new
   * session grows slower as sessions accumulate.
   */
  private live: number;
  /** WAL checkpoints run on a thread of their own, off the event loop. */
  private readonly stopCheckpointer: StopCheckpointer;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    super(openMigrated(path, options));
    const db = this.db;
    this.q = prepareQueries(db);
    this.live = this.q.liveCount.get()!.n;
    this.partialsTx = db.transaction((batch: readonly PartialReply[]) => {
      for (const p of batch) this.q.partial.run(p.reply, p.sessionId, p.seq);
    });
    this.appendTx = db.transaction((input: AppendTurnInput): AppendOutcome => {
      const s = this.q.session.get(input.sessionId);
      if (s && s.closed_at !== null) return { kind: 'closed' };
      if (!s) {
        if (this.live >= input.maxLiveSessions && this.unexpired(input.idleCutoff) >= input.maxLiveSessions) return { kind: 'full' };
        this.q.insertSession.run(input.sessionId, input.now, input.now, null, input.owner ?? null, input.student ?? null, input.continuedFrom ?? null);
      }
      // A turn stored settled (a teacher's reply) is never a retry and never waits for the engine.
      if (!input.settled) {
        const dup = input.clientMsgId
          ? this.q.dupById.get(input.sessionId, input.clientMsgId)
          : this.q.dupByText.get(input.sessionId, input.timestamp, input.content);
        if (dup) return { kind: 'duplicate', turn: toTurn(dup) };
        const pending = this.q.pendingCount.get(input.sessionId)!.n;
        if (pending >= input.maxPending) return { kind: 'busy', pending };
      }
      if (input.maxTurns > 0 && (s?.last_seq ?? 0) >= input.maxTurns) return { kind: 'quota', limit: input.maxTurns };
      this.q.bumpSeq.run(input.now, input.sessionId);
      const seq = (s?.last_seq ?? 0) + 1;
      const row = {
        sessionId: input.sessionId,
        seq,
        clientMsgId: input.clientMsgId ?? null,
        content: input.content,
        timestamp: input.timestamp,
        receivedAt: input.now,
      };
      if (input.settled) this.q.insertSettledTurn.run({ ...row, ...settlementColumns(input.settled) });
      else this.q.insertTurn.run(row);
      const turn = toTurn(this.q.turn.get(input.sessionId, seq)!);
      // Counted only once the transaction cannot roll back any more.
      if (!s) this.live++;
      return { kind: 'created', turn };
    });
    this.stopCheckpointer = startCheckpointer(db, path, options.checkpoints);
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

  async savePartials(batch: readonly PartialReply[]): Promise<void> {
    if (batch.length > 0) this.partialsTx(batch);
  }

  async settleTurn(sessionId: string, seq: number, s: Settlement): Promise<boolean> {
    return this.q.settle.run({ sessionId, seq, ...settlementColumns(s) }).changes === 1;
  }

  async closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    return this.db.transaction(() => {
      const s = this.q.session.get(sessionId);
      // An id that never sent a message leaves nothing behind (no tombstone).
      if (!s) return false;
      if (this.q.closeSession.run(now, sessionId).changes === 0) return false;
      this.live--;
      if (!retainTranscript) this.q.deleteTurns.run(sessionId);
      return true;
    }).immediate();
  }

  async idleSessions(cutoff: number, limit: number): Promise<string[]> {
    return this.q.idle.all(cutoff, limit).map((r) => r.id);
  }

  async closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
    return this.db.transaction(() => {
      const closed = this.q.closeIdle.all(now, cutoff, limit);
      this.live -= closed.length;
      if (!retainTranscript) for (const { id } of closed) this.q.deleteTurns.run(id);
      return closed;
    }).immediate();
  }

  /** Open sessions active at or after `cutoff` (all open ones without a cutoff). Only asked when full. */
  private unexpired(cutoff: number | undefined): number {
    return cutoff === undefined ? this.live : this.q.unexpiredCount.get(cutoff)!.n;
  }

  async purgeClosed(cutoff: number, limit = Number.MAX_SAFE_INTEGER): Promise<number> {
    return this.retention.purgeClosed(cutoff, limit);
  }

  async forgetStudent(student: string): Promise<ForgetOutcome> {
    const out = this.retention.forget(student);
    this.live -= out.open.length;
    return out;
  }

  async liveSessions(): Promise<number> {
    return this.live;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.stopCheckpointer();
    // The last connection to close checkpoints what is left and removes the WAL.
    if (this.db.open) this.db.close();
  }
}
