import { z } from 'zod';
import { OBJECT_ERROR, seqSchema, sessionIdSchema, stringError } from './fields.js';
import { MAX_FEEDBACK_COMMENT } from './wire.js';

/** A rating of one answer: 👍 or 👎. */
export const ratingSchema = z
  .enum(['up', 'down'], { error: 'must be "up" or "down"' })
  .meta({ description: '👍 up or 👎 down' });
/** A rating of one answer. */
export type Rating = z.infer<typeof ratingSchema>;

/**
 * `POST /mpweixin/chatbot/feedback` body (extension): rates the settled answer of turn `seq` of the
 * caller's session. Rating the same turn again replaces the earlier rating and comment.
 */
export const feedbackRequestSchema = z.object(
  {
    sessionId: sessionIdSchema,
    seq: seqSchema,
    rating: ratingSchema,
    comment: z
      .string({ error: stringError })
      .max(MAX_FEEDBACK_COMMENT, { error: `must be at most ${MAX_FEEDBACK_COMMENT} characters` })
      .meta({ description: `What was wrong or good, at most ${MAX_FEEDBACK_COMMENT} characters` })
      .optional(),
  },
  { error: OBJECT_ERROR },
);
/** `POST /mpweixin/chatbot/feedback` body. */
export type FeedbackRequest = z.input<typeof feedbackRequestSchema>;

/** Successful feedback answer: the turn and the rating now stored for it. */
export const feedbackResponseSchema = z.object({
  code: z.literal(200),
  message: z.string(),
  data: z.object({ seq: seqSchema, rating: ratingSchema }),
});
/** Successful feedback answer. */
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;
