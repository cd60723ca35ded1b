import { z } from 'zod';
import { cursorQuerySchema, isoTimeSchema, okEnvelope, pageLimitQuerySchema, pageSchema, pseudonymSchema, timeRangeQuery } from './admin-query.js';
import { OBJECT_ERROR } from './fields.js';

/** `GET /admin/stats` query: the time range (default: the last 30 days). Days are counted in the server's time zone. */
export const adminStatsQuerySchema = z.object({ ...timeRangeQuery }, { error: OBJECT_ERROR });
/** The stats query as a client writes it. */
export type AdminStatsQuery = z.input<typeof adminStatsQuerySchema>;

/** The numbers of a course over some span. */
export const courseNumbersSchema = z.object({
  questions: z.int().min(0),
  students: z.int().min(0).meta({ description: 'Distinct student pseudonyms' }),
  sessions: z.int().min(0),
  up: z.int().min(0),
  down: z.int().min(0),
  unanswered: z.int().min(0).meta({ description: 'Answers that matched nothing in the knowledge base' }),
  unansweredRate: z.number().min(0).max(1),
  blocked: z.int().min(0).meta({ description: 'Replies and questions stopped by content moderation' }),
  latencyP50Ms: z.int().min(0).nullable(),
  latencyP95Ms: z.int().min(0).nullable(),
});
/** The numbers of a course over some span. */
export type CourseNumbers = z.infer<typeof courseNumbersSchema>;

/** `GET /admin/stats` answer: the totals of the range, and the same numbers per day (oldest first). */
export const adminStatsResponseSchema = okEnvelope(
  z.object({
    from: isoTimeSchema,
    to: isoTimeSchema,
    totals: courseNumbersSchema,
    days: z.array(courseNumbersSchema.extend({ date: z.string().meta({ description: 'yyyy-MM-dd in the server time zone' }) })),
  }),
);
/** `GET /admin/stats` answer. */
export type AdminStatsResponse = z.infer<typeof adminStatsResponseSchema>;

/** `GET /admin/moderation` query: the time range and the page. */
export const adminModerationQuerySchema = z.object({ ...timeRangeQuery, cursor: cursorQuerySchema.optional(), limit: pageLimitQuerySchema.optional() }, { error: OBJECT_ERROR });
/** The moderation-log query as a client writes it. */
export type AdminModerationQuery = z.input<typeof adminModerationQuerySchema>;

/** One blocked input or output: the audit log of content moderation. */
export const moderationEventSchema = z.object({
  at: isoTimeSchema,
  direction: z.enum(['input', 'output']).meta({ description: 'input: a question refused (422); output: a reply replaced by the canned reply' }),
  sessionId: z.string(),
  seq: z.int().min(1).nullable().meta({ description: 'The turn (null for a refused question, which is never stored)' }),
  student: pseudonymSchema.nullable(),
  content: z.string().meta({ description: 'The blocked text (a refused question, or the reply up to where it was stopped)' }),
  reason: z.string().meta({ description: 'Which check refused it (e.g. words, wechat)' }),
});
/** One moderation event. */
export type ModerationEvent = z.infer<typeof moderationEventSchema>;

/** `GET /admin/moderation` answer: newest first, paged. */
export const adminModerationResponseSchema = okEnvelope(pageSchema(moderationEventSchema));
/** `GET /admin/moderation` answer. */
export type AdminModerationResponse = z.infer<typeof adminModerationResponseSchema>;
