import type { FeedbackCursor, FeedbackQuery, FeedbackRecord } from '../ports/store.js';

/** Export order: by ratedAt, then session and seq (stable across stores). */
export function compareFeedback(a: FeedbackCursor, b: FeedbackCursor): number {
  return a.ratedAt - b.ratedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0) || a.seq - b.seq;
}

/**
 * Applies a {@link FeedbackQuery} to records in any order, for stores that filter in process
 * (memory, Redis): the matching ones in export order, at most `limit`.
 */
export function selectFeedback(records: Iterable<FeedbackRecord>, query: FeedbackQuery): FeedbackRecord[] {
  const out: FeedbackRecord[] = [];
  for (const r of records) {
    if (query.since !== undefined && r.ratedAt < query.since) continue;
    if (query.rating !== undefined && r.rating !== query.rating) continue;
    if (query.after && compareFeedback(r, query.after) <= 0) continue;
    out.push({ ...r });
  }
  return out.sort(compareFeedback).slice(0, query.limit);
}
