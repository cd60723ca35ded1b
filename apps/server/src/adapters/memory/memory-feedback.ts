import type { FeedbackQuery, FeedbackRecord } from '../../ports/store.js';
import { selectFeedback } from '../feedback-query.js';

/** Feedback by `sessionId:seq`, kept apart from the sessions: closing or purging one keeps it. */
export class MemoryFeedback {
  private readonly records = new Map<string, FeedbackRecord>();

  save(record: FeedbackRecord): void {
    this.records.set(`${record.sessionId}:${record.seq}`, { ...record });
  }

  list(query: FeedbackQuery): FeedbackRecord[] {
    return selectFeedback(this.records.values(), query);
  }

  /** Every record of one session, by seq. */
  ofSession(sessionId: string): FeedbackRecord[] {
    return [...this.records.values()].filter((r) => r.sessionId === sessionId).sort((a, b) => a.seq - b.seq).map((r) => ({ ...r }));
  }

  /** Deletes up to `limit` records rated before `cutoff`. */
  purge(cutoff: number, limit: number): number {
    let n = 0;
    for (const [key, r] of this.records) {
      if (n >= limit) break;
      if (r.ratedAt < cutoff) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  /** Deletes every record of these sessions. */
  forgetSessions(ids: ReadonlySet<string>): number {
    let n = 0;
    for (const [key, r] of this.records) {
      if (ids.has(r.sessionId)) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }
}
