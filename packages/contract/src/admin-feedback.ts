import { z } from 'zod';
import { stringError } from './fields.js';
import { ratingSchema } from './feedback.js';

/** Path of the teachers' feedback export (outside the chatbot base path: not for mini-programs). */
export const ADMIN_FEEDBACK_PATH = '/admin/feedback';

/**
 * `GET /admin/feedback` query: `since` (an ISO 8601 date or date-time; only feedback given at or
 * after it), `rating` (only 👍 or 👎), `format` (`json`, the default, or `csv`; `Accept: text/csv`
 * also asks for CSV).
 */
export const adminFeedbackQuerySchema = z.object({
  since: z
    .string({ error: stringError })
    .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
      error: 'must be an ISO 8601 date or date-time such as 2026-12-01 or 2026-12-01T08:00:00Z',
    })
    .transform((s) => Date.parse(s))
    .meta({ description: 'Only feedback given at or after this ISO 8601 date or date-time (a date alone is UTC midnight)' })
    .optional(),
  rating: ratingSchema.optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).meta({ description: 'json (default) or csv (also chosen by Accept: text/csv)' }).optional(),
});
/** The export query as a client writes it. */
export type AdminFeedbackQuery = z.input<typeof adminFeedbackQuerySchema>;

/** One rated answer as teachers read it: the question, the answer, the rating and its comment. */
export const feedbackItemSchema = z.object({
  ratedAt: z.string().meta({ description: 'When the rating was (last) given, ISO 8601 UTC' }),
  sessionId: z.string(),
  seq: z.int(),
  rating: ratingSchema,
  comment: z.string(),
  question: z.string(),
  answer: z.string(),
});
/** One rated answer. */
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

/** `GET /admin/feedback` JSON answer, oldest first. */
export const adminFeedbackResponseSchema = z.object({
  code: z.literal(200),
  message: z.string(),
  data: z.object({ items: z.array(feedbackItemSchema) }),
});
/** `GET /admin/feedback` JSON answer. */
export type AdminFeedbackResponse = z.infer<typeof adminFeedbackResponseSchema>;
