import type { GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { KbRecord } from '../../ports/knowledge-store.js';
import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { MemoryClaims } from './memory-claims.js';
import { MemoryCourseRecords } from './memory-course-records.js';
import { MemoryFeedback } from './memory-feedback.js';
import { MemoryKnowledge } from './memory-knowledge.js';

/**
 * The records of the memory store kept apart from its sessions (feedback, shared secrets, the
 * knowledge base, the moderation log and group decisions): the port methods that only hand over
 * to them. `MemoryStore` adds the sessions and turns.
 */
export abstract class MemoryRecords {
  protected readonly feedback = new MemoryFeedback();
  protected readonly records = new MemoryCourseRecords();
  private readonly secrets = new Map<string, string>();
  private readonly knowledge = new MemoryKnowledge();
  private readonly claims = new MemoryClaims();

  async saveFeedback(record: FeedbackRecord): Promise<void> {
    this.feedback.save(record);
  }

  async listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    return this.feedback.list(query);
  }

  async purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return this.feedback.purge(cutoff, limit);
  }

  async sharedSecret(name: string, candidate: string): Promise<string> {
    if (!this.secrets.has(name)) this.secrets.set(name, candidate);
    return this.secrets.get(name)!;
  }

  claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
    return this.claims.claimSession(sessionId, owner, now, expiresAt);
  }

  sessionClaimant(sessionId: string, now: number): Promise<string | undefined> {
    return this.claims.sessionClaimant(sessionId, now);
  }

  releaseClaim(sessionId: string): Promise<void> {
    return this.claims.releaseClaim(sessionId);
  }

  purgeClaims(now: number, limit: number): Promise<number> {
    return this.claims.purgeClaims(now, limit);
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

  async sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    return this.feedback.ofSession(sessionId);
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
