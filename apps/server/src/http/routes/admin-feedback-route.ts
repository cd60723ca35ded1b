import type { FeedbackItem } from '@mpchat/contract';
import type { ChatService, FeedbackRecord } from '../../chat/chat-service.js';
import { Readable } from 'node:stream';
import { feedbackCsv, feedbackJson } from '../feedback-csv.js';
import type { RouteHandler } from '../route-input.js';

const toItem = (r: FeedbackRecord): FeedbackItem => ({
  ratedAt: new Date(r.ratedAt).toISOString(),
  sessionId: r.sessionId,
  seq: r.seq,
  rating: r.rating,
  comment: r.comment,
  question: r.question,
  answer: r.answer,
});

/**
 * GET /admin/feedback: the teachers' export, oldest first, as the JSON envelope or (`format=csv`
 * or `Accept: text/csv`) a CSV download, streamed. Mounted only when an admin token is set; the
 * router asks the service's admin gate before the query (see router.ts).
 */
export function adminFeedbackRoute(chat: ChatService): RouteHandler<'adminFeedback'> {
  return async ({ query }, ctx) => {
    const records = chat.feedbackExport({ since: query.since, rating: query.rating });
    // The first page is read before the answer starts: a store that cannot be reached is still a 503 envelope.
    const first = await records.next();
    const items = (async function* () {
      if (first.done) return;
      yield toItem(first.value);
      for await (const r of records) yield toItem(r);
    })();
    const csv = query.format === 'csv' || (query.format === undefined && ctx.accepts('application/json', 'text/csv') === 'text/csv');
    // Streamed page by page with backpressure: an export of any size holds one store page in memory.
    ctx.status = 200;
    ctx.type = csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
    if (csv) ctx.set('Content-Disposition', 'attachment; filename="feedback.csv"');
    ctx.state.code = 200;
    ctx.body = Readable.from(csv ? feedbackCsv(items) : feedbackJson(items));
    return { code: 200, message: 'rated answers, oldest first', data: { items: [] } };
  };
}
