import type { Redis } from 'ioredis';
import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { selectFeedback } from '../feedback-query.js';
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

  /** Reads the time range from the index, then filters by rating in process (teacher exports are small). */
  async find(query: FeedbackQuery): Promise<FeedbackRecord[]> {
    const members = await guard(this.client.zrangebyscore(this.byTime, query.since ?? '-inf', '+inf'));
    if (members.length === 0) return [];
    const values = await guard(this.client.hmget(this.hash, ...members));
    const records = values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as FeedbackRecord);
    return selectFeedback(records, query);
  }
}
