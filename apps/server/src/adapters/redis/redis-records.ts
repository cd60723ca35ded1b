import type { Redis } from 'ioredis';
import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { KbRecord } from '../../ports/knowledge-store.js';
import type { FeedbackQuery, FeedbackRecord, ForgetOutcome, OwnedSession } from '../../ports/store.js';
import { scriptRunner, type LuaScript } from './lua-script.js';
import { guard } from './redis-connection.js';
import { RedisClaims } from './redis-claims.js';
import { RedisCourseRecords } from './redis-course-records.js';
import { RedisFeedback } from './redis-feedback.js';
import { RedisKnowledge } from './redis-knowledge.js';
import { RedisRetention } from './redis-retention.js';

/**
 * The roles of the Redis store that only hand over to their own file (feedback, retention, the
 * knowledge base, the teachers' records), and the script runner they share with the store itself
 * (sessions and turns), which extends this.
 */
export abstract class RedisRecords {
  private readonly runScript: ReturnType<typeof scriptRunner>;
  private readonly feedback: RedisFeedback;
  private readonly retention: RedisRetention;
  private readonly knowledge: RedisKnowledge;
  private readonly records: RedisCourseRecords;
  private readonly claims: RedisClaims;

  constructor(
    protected readonly client: Redis,
    protected readonly prefix: string,
  ) {
    this.runScript = scriptRunner(client);
    const run = (script: LuaScript, ...args: (string | number)[]) => this.run(script, ...args);
    this.feedback = new RedisFeedback(client, prefix);
    this.retention = new RedisRetention(client, prefix, run);
    this.knowledge = new RedisKnowledge(client, prefix, run);
    this.records = new RedisCourseRecords(client, prefix, run);
    this.claims = new RedisClaims(client, prefix, run);
  }

  /** Runs a store script with the prefix as its first argument. */
  protected run(script: LuaScript, ...args: (string | number)[]): Promise<unknown> {
    return guard(this.runScript(script, [this.prefix, ...args]));
  }

  saveFeedback(record: FeedbackRecord): Promise<void> {
    return this.feedback.save(record);
  }

  listFeedback(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    return this.feedback.find(query);
  }

  purgeFeedback(cutoff: number, limit: number): Promise<number> {
    return this.retention.purgeFeedback(cutoff, limit);
  }

  forgetStudent(student: string): Promise<ForgetOutcome> {
    return this.retention.forget(student);
  }

  sharedSecret(name: string, candidate: string): Promise<string> {
    return this.retention.sharedSecret(name, candidate);
  }

  claimSession(sessionId: string, owner: string, _now: number, expiresAt: number): Promise<string> {
    return this.claims.claim(sessionId, owner, expiresAt);
  }

  /** Redis expires claims itself (at `expiresAt` by its own clock). */
  sessionClaimant(sessionId: string, _now: number): Promise<string | undefined> {
    return this.claims.claimant(sessionId);
  }

  releaseClaim(sessionId: string): Promise<void> {
    return this.claims.release(sessionId);
  }

  async purgeClaims(_now: number, _limit: number): Promise<number> {
    return 0;
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
