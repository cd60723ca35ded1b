import type Database from 'better-sqlite3';
import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { KbRecord } from '../../ports/knowledge-store.js';
import type { FeedbackQuery, FeedbackRecord, OwnedSession, OwnedSessionsPage } from '../../ports/store.js';
import { SqliteClaims } from './sqlite-claims.js';
import { SqliteCourseRecords } from './sqlite-course-records.js';
import { SqliteFeedback } from './sqlite-feedback.js';
import { SqliteHistory } from './sqlite-history.js';
import { SqliteKnowledge } from './sqlite-knowledge.js';
import { SqliteRetention } from './sqlite-retention.js';

/**
 * The roles of the SQLite store that only hand over to their own file (feedback, session lists,
 * retention, the knowledge base, the teachers' records), on a migrated database. The store
 * itself (sessions, turns, the live count) extends this.
 */
export abstract class SqliteRecords {
  protected readonly feedback: SqliteFeedback;
  protected readonly retention: SqliteRetention;
  private readonly owned: SqliteHistory;
  private readonly knowledge: SqliteKnowledge;
  private readonly records: SqliteCourseRecords;
  private readonly claims: SqliteClaims;

  constructor(protected readonly db: Database.Database) {
    this.feedback = new SqliteFeedback(db);
    this.owned = new SqliteHistory(db);
    this.retention = new SqliteRetention(db);
    this.knowledge = new SqliteKnowledge(db);
    this.records = new SqliteCourseRecords(db);
    this.claims = new SqliteClaims(db);
  }

  async listOwnedSessions(owner: string, page: OwnedSessionsPage): Promise<OwnedSession[]> {
    return this.owned.owned(owner, page);
  }

  async saveFeedback(record: FeedbackRecord): Promise<void> {
    this.feedback.save(record);
  }

  async listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    return this.feedback.find(query);
  }

  async purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return this.retention.purgeFeedback(cutoff, limit);
  }

  async sharedSecret(name: string, candidate: string): Promise<string> {
    return this.retention.sharedSecret(name, candidate);
  }

  async claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
    return this.claims.claim(sessionId, owner, now, expiresAt);
  }

  async sessionClaimant(sessionId: string, now: number): Promise<string | undefined> {
    return this.claims.claimant(sessionId, now);
  }

  async releaseClaim(sessionId: string): Promise<void> {
    this.claims.release(sessionId);
  }

  async purgeClaims(now: number, limit: number): Promise<number> {
    return this.claims.purge(now, limit);
  }

  async kbRecords(): Promise<KbRecord[]> {
    return this.knowledge.records();
  }

  async kbRecord(id: string): Promise<KbRecord | undefined> {
    return this.knowledge.record(id);
  }

  async kbVersions(id: string): Promise<KbRecord[]> {
    return this.knowledge.history(id);
  }

  async kbSave(record: KbRecord): Promise<boolean> {
    return this.knowledge.save(record);
  }

  async listSessions(query: ConversationsQuery): Promise<OwnedSession[]> {
    return this.records.listSessions(query);
  }

  async sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    return this.records.sessionFeedback(sessionId);
  }

  async saveModeration(record: ModerationRecord): Promise<void> {
    this.records.saveModeration(record);
  }

  async listModeration(query: ModerationQuery): Promise<ModerationRecord[]> {
    return this.records.listModeration(query);
  }

  async purgeModeration(cutoff: number, limit: number): Promise<number> {
    return this.records.purgeModeration(cutoff, limit);
  }

  async saveGroupState(state: GroupState): Promise<void> {
    this.records.saveGroupState(state);
  }

  async groupStates(): Promise<GroupState[]> {
    return this.records.groupStates();
  }

  async purgeGroupStates(cutoff: number, limit: number): Promise<number> {
    return this.records.purgeGroupStates(cutoff, limit);
  }
}
