import { expect, it } from 'vitest';
import type { ChatStore, FeedbackRecord } from '../ports/store.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const OTHER = '0f0e5c1a-6a9b-4a55-8e1e-3b9a3f1f2c00';

const rec = (patch: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  sessionId: SID,
  seq: 1,
  rating: 'up',
  comment: '',
  question: '请问BGP协议实验ping不通怎么办?',
  answer: '**BGP实验ping不通怎么办**\n\n先检查邻居',
  ratedAt: 10_000,
  ...patch,
});

/**
 * The feedback part of the store conformance suite (run inside `describeStore`, on its store).
 * `store()` is the store of the current test.
 */
export function describeFeedbackStore(store: () => ChatStore): void {
  it('stores feedback, and rating the same turn again replaces it', async () => {
    await store().saveFeedback(rec());
    await store().saveFeedback(rec({ rating: 'down', comment: '没有说明要检查 AS 号', ratedAt: 12_000 }));
    expect(await store().listFeedback({ limit: 10 })).toEqual([rec({ rating: 'down', comment: '没有说明要检查 AS 号', ratedAt: 12_000 })]);
  });

  it('lists feedback oldest first, filtered by time and rating, at most limit', async () => {
    await store().saveFeedback(rec({ seq: 2, ratedAt: 30_000, rating: 'down' }));
    await store().saveFeedback(rec({ seq: 1, ratedAt: 20_000 }));
    await store().saveFeedback(rec({ sessionId: OTHER, seq: 1, ratedAt: 20_000, rating: 'down' }));
    const all = await store().listFeedback({ limit: 10 });
    expect(all.map((r) => [r.sessionId, r.seq])).toEqual([[OTHER, 1], [SID, 1], [SID, 2]]);
    expect((await store().listFeedback({ since: 25_000, limit: 10 })).map((r) => r.seq)).toEqual([2]);
    expect((await store().listFeedback({ since: 20_000, limit: 10 })).length).toBe(3);
    expect((await store().listFeedback({ rating: 'down', limit: 10 })).map((r) => r.sessionId)).toEqual([OTHER, SID]);
    expect((await store().listFeedback({ rating: 'up', limit: 10 })).map((r) => r.seq)).toEqual([1]);
    expect(await store().listFeedback({ limit: 2 })).toHaveLength(2);
  });

  it('pages through feedback by cursor in export order, ties included, with a rating filter', async () => {
    const all = [
      rec({ seq: 10, ratedAt: 5_000, rating: 'down' }),
      rec({ seq: 2, ratedAt: 5_000 }),
      rec({ sessionId: OTHER, seq: 1, ratedAt: 5_000, rating: 'down' }),
      rec({ seq: 3, ratedAt: 6_000, rating: 'down' }),
      rec({ seq: 4, ratedAt: 7_000 }),
    ];
    for (const r of all) await store().saveFeedback(r);
    const pages = async (rating?: 'up' | 'down') => {
      const seen: [string, number][] = [];
      let after;
      for (;;) {
        const page = await store().listFeedback({ limit: 2, ...(rating ? { rating } : {}), ...(after ? { after } : {}) });
        seen.push(...page.map((r): [string, number] => [r.sessionId, r.seq]));
        if (page.length < 2) return seen;
        after = page.at(-1)!;
      }
    };
    expect(await pages()).toEqual([[OTHER, 1], [SID, 2], [SID, 10], [SID, 3], [SID, 4]]);
    expect(await pages('down')).toEqual([[OTHER, 1], [SID, 10], [SID, 3]]);
  });

  it('keeps feedback when the session is closed and its tombstone purged', async () => {
    await store().appendTurn({ sessionId: SID, content: 'q', timestamp: '2023/11/03 15:30:00', now: 1_000, maxPending: 10, maxLiveSessions: 100, maxTurns: 0 });
    await store().saveFeedback(rec({ question: 'q' }));
    await store().closeSession(SID, 2_000, false);
    await store().purgeClosed(3_000);
    expect(await store().getSession(SID)).toBeUndefined();
    expect(await store().listFeedback({ limit: 10 })).toEqual([rec({ question: 'q' })]);
  });
}
