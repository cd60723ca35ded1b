import type { Redis } from 'ioredis';
import type { ConversationsQuery, GroupState, ModerationQuery, ModerationRecord } from '../../ports/course-records.js';
import type { FeedbackRecord, OwnedSession } from '../../ports/store.js';
import type { LuaScript } from './lua-script.js';
import { LIST_MODERATION, LIST_SESSIONS, PURGE_GROUPS, PURGE_MODERATION, SAVE_MODERATION } from './redis-course-scripts.js';
import { guard } from './redis-connection.js';
import { decodeSession, toRecord } from './redis-turn-codec.js';

/**
 * The teachers' records in the Redis store. Keys under the prefix P (besides the session keys,
 * of which `P act` lists every session by last activity and `P st:<student>` a student's):
 *
 * | key               | type | holds                                              |
 * |-------------------|------|----------------------------------------------------|
 * | P mod             | hash | moderation record id → the record as JSON          |
 * | P modt            | zset | moderation record ids by `at` (the log's order)     |
 * | P mods:<student>  | set  | ids of one student's moderation records (forget)    |
 * | P grp             | hash | group id → the group decision as JSON              |
 * | P grpt            | zset | group ids by decision time (retention)              |
 */
export class RedisCourseRecords {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly run: (script: LuaScript, ...args: (string | number)[]) => Promise<unknown>,
  ) {}

  async listSessions(q: ConversationsQuery): Promise<OwnedSession[]> {
    const before = q.before && { at: q.before.lastActiveAt, id: q.before.id };
    const rows = (await this.run(LIST_SESSIONS, q.student ?? '', ...scoreRange(q, before), before?.at ?? '', before?.id ?? '', q.limit)) as [string, string[], string][];
    return rows.map(([sid, flat, firstQuestion]) => ({ ...decodeSession(sid, toRecord(flat))!, firstQuestion }));
  }

  /**
   * While the session is stored its seqs are known (1..lastSeq): one HMGET. Ratings outlive their
   * session (purged or forgotten tombstones keep feedback), so without it the feedback hash is
   * scanned for the session's members, in steps that never block Redis for long.
   */
  async sessionFeedback(sessionId: string): Promise<FeedbackRecord[]> {
    const hash = `${this.prefix}fb`;
    const lastSeq = await guard(this.client.hget(`${this.prefix}s:${sessionId}`, 'lastSeq'));
    let values: (string | null)[] = [];
    if (lastSeq !== null) {
      const fields = Array.from({ length: Number(lastSeq) }, (_, i) => `${sessionId}:${i + 1}`);
      if (fields.length > 0) values = await guard(this.client.hmget(hash, ...fields));
    } else {
      let cursor = '0';
      do {
        const [next, flat] = await guard(this.client.hscan(hash, cursor, 'MATCH', `${globEscape(sessionId)}:*`, 'COUNT', 1000));
        for (let i = 1; i < flat.length; i += 2) values.push(flat[i]!);
        cursor = next;
      } while (cursor !== '0');
    }
    return values
      .filter((v): v is string => v !== null)
      .map((v) => JSON.parse(v) as FeedbackRecord)
      .filter((r) => r.sessionId === sessionId)
      .sort((a, b) => a.seq - b.seq);
  }

  async saveModeration(r: ModerationRecord): Promise<void> {
    const record: ModerationRecord = { id: r.id, at: r.at, direction: r.direction, sessionId: r.sessionId, seq: r.seq, student: r.student, content: r.content, reason: r.reason };
    await this.run(SAVE_MODERATION, r.id, r.at, r.student ?? '', JSON.stringify(record));
  }

  async listModeration(q: ModerationQuery): Promise<ModerationRecord[]> {
    const rows = (await this.run(LIST_MODERATION, ...scoreRange(q, q.before), q.before?.at ?? '', q.before?.id ?? '', q.limit)) as string[];
    return rows.map((r) => JSON.parse(r) as ModerationRecord);
  }

  async purgeModeration(cutoff: number, limit: number): Promise<number> {
    return Number(await this.run(PURGE_MODERATION, cutoff, limit));
  }

  /** One MULTI, so the decision and its time index never disagree. */
  async saveGroupState(g: GroupState): Promise<void> {
    const state: GroupState = { groupId: g.groupId, question: g.question, status: g.status, entryId: g.entryId, by: g.by, at: g.at };
    await guard(this.client.multi().hset(`${this.prefix}grp`, g.groupId, JSON.stringify(state)).zadd(`${this.prefix}grpt`, g.at, g.groupId).exec());
  }

  async groupStates(): Promise<GroupState[]> {
    const all = await guard(this.client.hgetall(`${this.prefix}grp`));
    return Object.values(all).map((v) => JSON.parse(v) as GroupState);
  }

  async purgeGroupStates(cutoff: number, limit: number): Promise<number> {
    return Number(await this.run(PURGE_GROUPS, cutoff, limit));
  }
}

/**
 * The ZRANGEBYSCORE bounds [from, to) narrowed to at most `before` (inclusive: ties on its score
 * are told apart by id in the script).
 */
function scoreRange(q: { from?: number | undefined; to?: number | undefined }, before: { at: number } | undefined): [string, string] {
  const min = q.from === undefined ? '-inf' : String(q.from);
  let max = q.to === undefined ? '+inf' : `(${q.to}`;
  if (before && (q.to === undefined || before.at < q.to)) max = String(before.at);
  return [min, max];
}

/** `s` as a literal in a Redis glob pattern. */
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
