import type { ConversationsQuery } from '../../ports/course-records.js';
import {
  isUnsettled,
  type AppendOutcome,
  type AppendTurnInput,
  type ChatStore,
  type ClosedSession,
  type OwnedSession,
  type OwnedSessionsPage,
  type ForgetOutcome,
  type SessionRecord,
  type PartialReply,
  type Settlement,
  type Turn,
  type TurnQuery,
} from '../../ports/store.js';
import { pendingTurn } from '../../ports/pending-turn.js';
import { pageCourseSessions, pageOwnedSessions } from '../owned-sessions.js';
import { settledFields } from '../settled-turn.js';
import { MemoryRecords } from './memory-records.js';

interface MemorySession extends SessionRecord {
  turns: Turn[];
}

const copy = (t: Turn): Turn => ({ ...t, sources: [...t.sources], suggestions: [...t.suggestions] });

/**
 * An in-process store for tests and throwaway runs. Everything is lost on exit.
 * Methods are async to honour the port; each runs to completion without awaiting, so it is atomic.
 */
export class MemoryStore extends MemoryRecords implements ChatStore {
  readonly kind = 'memory';
  private readonly sessions = new Map<string, MemorySession>();
  private live = 0;

  async appendTurn(input: AppendTurnInput): Promise<AppendOutcome> {
    let s = this.sessions.get(input.sessionId);
    if (s?.closedAt != null) return { kind: 'closed' };
    if (!s) {
      if (this.live >= input.maxLiveSessions && this.unexpired(input.idleCutoff) >= input.maxLiveSessions) return { kind: 'full' };
      s = { id: input.sessionId, createdAt: input.now, lastActiveAt: input.now, closedAt: null, lastSeq: 0, owner: input.owner ?? null, student: input.student ?? null, continuedFrom: input.continuedFrom ?? null, turns: [] };
      this.sessions.set(s.id, s);
      this.live++;
    }
    // A turn stored settled (a teacher's reply) is never a retry and never waits for the engine.
    const dup = !input.settled && s.turns.find((t) =>
      input.clientMsgId
        ? t.clientMsgId === input.clientMsgId
        : t.clientMsgId === null && t.timestamp === input.timestamp && t.content === input.content,
    );
    if (dup) return { kind: 'duplicate', turn: copy(dup) };
    const pending = s.turns.filter((t) => isUnsettled(t.status)).length;
    if (!input.settled && pending >= input.maxPending) return { kind: 'busy', pending };
    if (input.maxTurns > 0 && s.lastSeq >= input.maxTurns) return { kind: 'quota', limit: input.maxTurns };
    const turn = pendingTurn(input, ++s.lastSeq);
    if (input.settled) Object.assign(turn, settledFields(input.settled));
    s.turns.push(turn);
    s.lastActiveAt = input.now;
    return { kind: 'created', turn: copy(turn) };
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const s = this.sessions.get(sessionId);
    if (!s) return undefined;
    const { turns: _turns, ...record } = s;
    return record;
  }

  async listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
    return pageOwnedSessions(this.sessions.values(), owner, page);
  }

  async touchSession(sessionId: string, now: number): Promise<void> {
    const s = this.sessions.get(sessionId);
    if (s && s.closedAt === null) s.lastActiveAt = Math.max(s.lastActiveAt, now);
  }

  private turn(sessionId: string, seq: number): Turn | undefined {
    return this.sessions.get(sessionId)?.turns.find((t) => t.seq === seq);
  }

  async getTurn(sessionId: string, seq: number): Promise<Turn | undefined> {
    const t = this.turn(sessionId, seq);
    return t && copy(t);
  }

  async findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined> {
    const turns = this.sessions.get(sessionId)?.turns ?? [];
    let found: Turn | undefined;
    if (query.kind === 'latest') found = turns.at(-1);
    else if (query.kind === 'after') found = turns.find((t) => t.seq > query.seq);
    else found = turns.findLast((t) => t.timestamp >= query.timestamp);
    return found && copy(found);
  }

  async turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]> {
    const turns = this.sessions.get(sessionId)?.turns ?? [];
    return turns.filter((t) => t.seq > afterSeq).slice(0, limit).map(copy);
  }

  async history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]> {
    const turns = this.sessions.get(sessionId)?.turns ?? [];
    return turns
      .filter((t) => t.seq < beforeSeq && !isUnsettled(t.status))
      .reverse()
      .slice(0, limit)
      .map(copy);
  }

  async nextUnsettled(sessionId: string): Promise<Turn | undefined> {
    const s = this.sessions.get(sessionId);
    if (!s || s.closedAt !== null) return undefined;
    const t = s.turns.find((x) => isUnsettled(x.status));
    return t && copy(t);
  }

  async sessionsWithUnsettled(): Promise<string[]> {
    return [...this.sessions.values()]
      .filter((s) => s.closedAt === null && s.turns.some((t) => isUnsettled(t.status)))
      .map((s) => s.id);
  }

  async startTurn(sessionId: string, seq: number): Promise<boolean> {
    const t = this.turn(sessionId, seq);
    if (!t || t.status !== 'pending' || this.sessions.get(sessionId)?.closedAt !== null) return false;
    t.status = 'generating';
    return true;
  }

  async requeueTurn(sessionId: string, seq: number): Promise<boolean> {
    const t = this.turn(sessionId, seq);
    if (!t || t.status !== 'generating') return false;
    t.status = 'pending';
    t.reply = '';
    return true;
  }

  async savePartial(sessionId: string, seq: number, reply: string): Promise<void> {
    const t = this.turn(sessionId, seq);
    if (t && isUnsettled(t.status)) t.reply = reply;
  }

  async savePartials(batch: readonly PartialReply[]): Promise<void> {
    for (const p of batch) await this.savePartial(p.sessionId, p.seq, p.reply);
  }

  async settleTurn(sessionId: string, seq: number, s: Settlement): Promise<boolean> {
    const t = this.turn(sessionId, seq);
    if (!t || !isUnsettled(t.status)) return false;
    Object.assign(t, settledFields(s));
    return true;
  }

  async closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    const s = this.sessions.get(sessionId);
    if (!s || s.closedAt !== null) return false;
    s.closedAt = now;
    this.live--;
    if (!retainTranscript) s.turns = [];
    return true;
  }

  async idleSessions(cutoff: number, limit: number): Promise<string[]> {
    const out: string[] = [];
    for (const s of this.sessions.values()) {
      if (out.length >= limit) break;
      if (s.closedAt === null && s.lastActiveAt < cutoff) out.push(s.id);
    }
    return out;
  }

  async closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
    // No await between picking and closing: the batch is claimed and closed atomically.
    const closed: ClosedSession[] = [];
    for (const s of this.sessions.values()) {
      if (closed.length >= limit) break;
      if (s.closedAt !== null || s.lastActiveAt >= cutoff) continue;
      s.closedAt = now;
      this.live--;
      if (!retainTranscript) s.turns = [];
      closed.push({ id: s.id, owner: s.owner ?? null });
    }
    return closed;
  }

  /** Open sessions active at or after `cutoff` (all open ones without a cutoff). Only asked when full. */
  private unexpired(cutoff: number | undefined): number {
    if (cutoff === undefined) return this.live;
    let n = 0;
    for (const s of this.sessions.values()) if (s.closedAt === null && s.lastActiveAt >= cutoff) n++;
    return n;
  }

  async purgeClosed(cutoff: number, limit = Infinity): Promise<number> {
    let n = 0;
    for (const [id, s] of this.sessions) {
      if (n >= limit) break;
      if (s.closedAt !== null && s.closedAt < cutoff) {
        this.sessions.delete(id);
        n++;
      }
    }
    return n;
  }

  async liveSessions(): Promise<number> {
    return this.live;
  }

  async forgetStudent(student: string): Promise<ForgetOutcome> {
    const out: ForgetOutcome = { sessions: 0, turns: 0, feedback: 0, moderation: 0, open: [] };
    const ids = new Set<string>();
    for (const [id, s] of this.sessions) {
      if (s.student !== student) continue;
      ids.add(id);
      this.sessions.delete(id);
      out.sessions++;
      out.turns += s.turns.length;
      if (s.closedAt === null) {
        this.live--;
        out.open.push({ id, owner: s.owner });
      }
    }
    out.feedback = this.feedback.forgetSessions(ids);
    out.moderation = this.records.forgetModeration(student);
    return out;
  }

  async listSessions(query: ConversationsQuery): Promise<OwnedSession[]> {
    return pageCourseSessions(this.sessions.values(), query);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
