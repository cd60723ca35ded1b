import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { KbRecord } from '../../ports/knowledge-store.js';
import type { FeedbackQuery, FeedbackRecord, ForgetOutcome, OwnedSession, OwnedSessionsPage } from '../../ports/store.js';
import { claimSessionIn, purgeClaimsIn, releaseClaimIn, sessionClaimantIn } from './mysql-claims.js';
import { MysqlCourseRecords } from './mysql-course-records.js';
import { listFeedbackIn, saveFeedbackIn } from './mysql-feedback.js';
import { listOwnedSessionsIn } from './mysql-history.js';
import { MysqlKnowledge } from './mysql-knowledge.js';
import type { MysqlDb } from './mysql-pool.js';
import { forgetStudentIn, purgeFeedbackIn, sharedSecretIn } from './mysql-retention.js';

/**
 * The roles of the MySQL store that only hand over to their own file (feedback, session lists,
 * retention, the knowledge base, the teachers' records). The store itself (sessions and turns)
 * extends this.
 */
export abstract class MysqlRecords {
  private readonly knowledge: MysqlKnowledge;
  private readonly records: MysqlCourseRecords;

  constructor(protected readonly db: MysqlDb) {
    this.knowledge = new MysqlKnowledge(db);
    this.records = new MysqlCourseRecords(db);
  }

  listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
    return listOwnedSessionsIn(this.db, owner, page);
  }

  saveFeedback(record: FeedbackRecord): Promise<void> {
    return saveFeedbackIn(this.db, record);
  }

  listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    return listFeedbackIn(this.db, query);
  }

  purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return purgeFeedbackIn(this.db, cutoff, limit);
  }

  forgetStudent(student: string): Promise<ForgetOutcome> {
    return forgetStudentIn(this.db, student);
  }

  sharedSecret(name: string, candidate: string): Promise<string> {
    return sharedSecretIn(this.db, name, candidate);
  }

  claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
    return claimSessionIn(this.db, sessionId, owner, now, expiresAt);
  }

  sessionClaimant(sessionId: string, now: number): Promise<string | undefined> {
    return sessionClaimantIn(this.db, sessionId, now);
  }

  releaseClaim(sessionId: string): Promise<void> {
    return releaseClaimIn(this.db, sessionId);
  }

  purgeClaims(now: number, limit: number): Promise<number> {
    return purgeClaimsIn(this.db, now, limit);
  }

  kbRecords(): Promise<KbRecord[]> {
    return this.knowledge.records();
  }

  kbRecord(id: string): Promise<KbRecord | undefined> {
    return this.knowledge.record(id);
  }

  kbVersions(id: string): Promise<KbRecord[]> {
    return this.knowledge.history(id);
  }

  kbSave(record: KbRecord): Promise<boolean> {
    return this.knowledge.save(record);
  }

  listSessions(query: ConversationsQuery): Promise<OwnedSession[]> {
    return this.records.listSessions(query);
  }

  sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    return this.records.sessionFeedback(sessionId);
  }

  saveModeration(record: ModerationRecord): Promise<void> {
    return this.records.saveModeration(record);
  }

  listModeration(query: ModerationQuery): Promise<ModerationRecord[]> {
    return this.records.listModeration(query);
  }

  purgeModeration(cutoff: number, limit: number): Promise<number> {
    return this.records.purgeModeration(cutoff, limit);
  }

  saveGroupState(state: GroupState): Promise<void> {
    return this.records.saveGroupState(state);
  }

  groupStates(): Promise<GroupState[]> {
    return this.records.groupStates();
  }

  purgeGroupStates(cutoff: number, limit: number): Promise<number> {
    return this.records.purgeGroupStates(cutoff, limit);
  }
}
