import type { AppendOutcome, AppendTurnInput, ChatStore, ClosedSession, FeedbackQuery, FeedbackRecord, ForgetOutcome, OwnedSession, OwnedSessionsPage, SessionRecord, PartialReply, Settlement, Turn, TurnQuery } from '../ports/store.js';
import type { KbRecord } from '../ports/knowledge-store.js';
import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../ports/course-records.js';

/**
 * A store that runs every port method of `inner` through `mapError` (e.g. a locked SQLite file →
 * StoreUnavailableError, answered 503 instead of 500). It implements {@link ChatStore} method by
 * method, so a method added to the port does not compile until it is guarded here too.
 *
 * @example
 * class SqliteStore extends StoreErrorGuard {
 *   constructor(path: string) { super(new SqliteDatabase(path), toStoreError); }
 * }
 */
export class StoreErrorGuard implements ChatStore {
  readonly kind: string;

  constructor(
    private readonly inner: ChatStore,
    private readonly mapError: (err: unknown) => unknown,
  ) {
    this.kind = inner.kind;
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.mapError(err);
    }
  }

  appendTurn(input: AppendTurnInput): Promise<AppendOutcome> {
    return this.guard(() => this.inner.appendTurn(input));
  }
  getSession(sessionId: string): Promise<SessionRecord | undefined> {
    return this.guard(() => this.inner.getSession(sessionId));
  }
  touchSession(sessionId: string, now: number): Promise<void> {
    return this.guard(() => this.inner.touchSession(sessionId, now));
  }
  getTurn(sessionId: string, seq: number): Promise<Turn | undefined> {
    return this.guard(() => this.inner.getTurn(sessionId, seq));
  }
  findTurn(sessionId: string, query: TurnQuery): Promise<Turn | undefined> {
    return this.guard(() => this.inner.findTurn(sessionId, query));
  }
  turnsAfter(sessionId: string, afterSeq: number, limit: number): Promise<Turn[]> {
    return this.guard(() => this.inner.turnsAfter(sessionId, afterSeq, limit));
  }
  history(sessionId: string, beforeSeq: number, limit: number): Promise<Turn[]> {
    return this.guard(() => this.inner.history(sessionId, beforeSeq, limit));
  }
  nextUnsettled(sessionId: string): Promise<Turn | undefined> {
    return this.guard(() => this.inner.nextUnsettled(sessionId));
  }
  sessionsWithUnsettled(): Promise<string[]> {
    return this.guard(() => this.inner.sessionsWithUnsettled());
  }
  saveFeedback(record: FeedbackRecord): Promise<void> {
    return this.guard(() => this.inner.saveFeedback(record));
  }
  listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    return this.guard(() => this.inner.listFeedback(query));
  }
  listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
    return this.guard(() => this.inner.listOwnedSessions(owner, page));
  }
  startTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.guard(() => this.inner.startTurn(sessionId, seq));
  }
  requeueTurn(sessionId: string, seq: number): Promise<boolean> {
    return this.guard(() => this.inner.requeueTurn(sessionId, seq));
  }
  savePartial(sessionId: string, seq: number, reply: string): Promise<void> {
    return this.guard(() => this.inner.savePartial(sessionId, seq, reply));
  }
  savePartials(batch: readonly PartialReply[]): Promise<void> {
    return this.guard(() => this.inner.savePartials(batch));
  }
  settleTurn(sessionId: string, seq: number, settlement: Settlement): Promise<boolean> {
    return this.guard(() => this.inner.settleTurn(sessionId, seq, settlement));
  }
  closeSession(sessionId: string, now: number, retainTranscript: boolean): Promise<boolean> {
    return this.guard(() => this.inner.closeSession(sessionId, now, retainTranscript));
  }
  idleSessions(cutoff: number, limit: number): Promise<string[]> {
    return this.guard(() => this.inner.idleSessions(cutoff, limit));
  }
  closeIdle(cutoff: number, limit: number, now: number, retainTranscript: boolean): Promise<ClosedSession[]> {
    return this.guard(() => this.inner.closeIdle(cutoff, limit, now, retainTranscript));
  }
  purgeClosed(cutoff: number, limit?: number): Promise<number> {
    return this.guard(() => this.inner.purgeClosed(cutoff, limit));
  }
  purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return this.guard(() => this.inner.purgeFeedback(cutoff, limit));
  }
  forgetStudent(student: string): Promise<ForgetOutcome> {
    return this.guard(() => this.inner.forgetStudent(student));
  }
  sharedSecret(name: string, candidate: string): Promise<string> {
    return this.guard(() => this.inner.sharedSecret(name, candidate));
  }
  claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
    return this.guard(() => this.inner.claimSession(sessionId, owner, now, expiresAt));
  }

  sessionClaimant(sessionId: string, now: number): Promise<string | undefined> {
    return this.guard(() => this.inner.sessionClaimant(sessionId, now));
  }

  releaseClaim(sessionId: string): Promise<void> {
    return this.guard(() => this.inner.releaseClaim(sessionId));
  }

  purgeClaims(now: number, limit: number): Promise<number> {
    return this.guard(() => this.inner.purgeClaims(now, limit));
  }

  kbRecords(): Promise<KbRecord[]> {
    return this.guard(() => this.inner.kbRecords());
  }
  kbRecord(id: string): Promise<KbRecord | undefined> {
    return this.guard(() => this.inner.kbRecord(id));
  }
  kbVersions(id: string): Promise<KbRecord[]> {
    return this.guard(() => this.inner.kbVersions(id));
  }
  kbSave(record: KbRecord): Promise<boolean> {
    return this.guard(() => this.inner.kbSave(record));
  }
  listSessions(query: ConversationsQuery): Promise<OwnedSession[]> {
    return this.guard(() => this.inner.listSessions(query));
  }
  sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    return this.guard(() => this.inner.sessionFeedback(sessionId));
  }
  saveModeration(record: ModerationRecord): Promise<void> {
    return this.guard(() => this.inner.saveModeration(record));
  }
  listModeration(query: ModerationQuery): Promise<ModerationRecord[]> {
    return this.guard(() => this.inner.listModeration(query));
  }
  purgeModeration(cutoff: number, limit: number): Promise<number> {
    return this.guard(() => this.inner.purgeModeration(cutoff, limit));
  }
  saveGroupState(state: GroupState): Promise<void> {
    return this.guard(() => this.inner.saveGroupState(state));
  }
  groupStates(): Promise<GroupState[]> {
    return this.guard(() => this.inner.groupStates());
  }
  purgeGroupStates(cutoff: number, limit: number): Promise<number> {
    return this.guard(() => this.inner.purgeGroupStates(cutoff, limit));
  }
  liveSessions(): Promise<number> {
    return this.guard(() => this.inner.liveSessions());
  }
  ping(): Promise<void> {
    return this.guard(() => this.inner.ping());
  }
  close(): Promise<void> {
    return this.guard(() => this.inner.close());
  }
}
