import type { FeedbackItem } from '@mpchat/contract';
import type { ChatService, FeedbackRecord } from '../../chat/chat-service.js';
import { feedbackCsv } from '../feedback-csv.js';
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
 * or `Accept: text/csv`) a CSV download. Mounted only when ADMIN_TOKEN is set; the router checks
 * the token before the query (see router.ts).
 */
export function adminFeedbackRoute(chat: ChatService): RouteHandler<'adminFeedback'> {
  return async ({ query }, ctx) => {
    const items = (await chat.feedbackExport({ since: query.since, rating: query.rating })).map(toItem);
    const csv = query.format === 'csv' || (query.format === undefined && ctx.accepts('application/json', 'text/csv') === 'text/csv');
    if (csv) {
      ctx.status = 200;
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="feedback.csv"');
      ctx.body = feedbackCsv(items);
    }
    return { code: 200, message: `${items.length} rated answers`, data: { items } };
  };
}
