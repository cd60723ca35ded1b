import type { Redis } from 'ioredis';
import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { compareFeedback, selectFeedback } from '../feedback-query.js';
import { guard } from './redis-connection.js';

/**
 * Feedback keys under the prefix P, apart from the session and turn keys (closing or purging a
 * session never touches them):
 *
 * | key     | type | holds                                              |
 * |---------|------|----------------------------------------------------|
 * | P fb    | hash | `<sid>:<seq>` → the record as JSON                  |
 * | P fbt   | zset | `<sid>:<seq>` by ratedAt (the export's `since`)     |
 */
export class RedisFeedback {
  private readonly hash: string;
  private readonly byTime: string;

  constructor(
    private readonly client: Redis,
    prefix: string,
  ) {
    this.hash = `${prefix}fb`;
    this.byTime = `${prefix}fbt`;
  }

  /** Upserts in one MULTI, so the record and its time index never disagree. */
  async save(record: FeedbackRecord): Promise<void> {
    const member = `${record.sessionId}:${record.seq}`;
    await guard(this.client.multi().hset(this.hash, member, JSON.stringify(record)).zadd(this.byTime, record.ratedAt, member).exec());
  }

  /**
   * One page in export order: reads the time index in batches from the cursor on (all records
   * rated at the cursor's own time, since ties are ordered in process), filters by rating and
   * cursor in process, until `limit` records are found or the index ends.
   */
  async find(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    const out: FeedbackRecord[] = [];
    let after = query.after;
    let min: string = query.since !== undefined ? String(query.since) : '-inf';
    for (;;) {
      const tied = after ? await guard(this.client.zrangebyscore(this.byTime, after.ratedAt, after.ratedAt)) : [];
      if (after) min = `(${after.ratedAt}`;
      const later = await guard(this.client.zrangebyscore(this.byTime, min, '+inf', 'WITHSCORES', 'LIMIT', 0, query.limit));
      // Redis orders equal scores by member text, not by seq: take every record rated at the page's last time.
      const edge = later.length === 2 * query.limit ? await guard(this.client.zrangebyscore(this.byTime, later.at(-1)!, later.at(-1)!)) : [];
      const members = [...new Set([...tied, ...later.filter((_, i) => i % 2 === 0), ...edge])];
      if (members.length === 0) return out;
      const values = await guard(this.client.hmget(this.hash, ...members));
      const records = values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as FeedbackRecord);
      const page = selectFeedback(records, { ...query, after, limit: query.limit - out.length });
      out.push(...page);
      if (out.length >= query.limit || later.length < 2 * query.limit) return out;
      // Carry on after the last record read (matching or not) in export order.
      const last = records.sort(compareFeedback).at(-1)!;
      after = { ratedAt: last.ratedAt, sessionId: last.sessionId, seq: last.seq };
    }
  }
}
