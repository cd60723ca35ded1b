import { z } from 'zod';
import { cursorQuerySchema, isoTimeSchema, okEnvelope, pageLimitQuerySchema, pageSchema, pseudonymSchema, timeRangeQuery } from './admin-query.js';
import { OBJECT_ERROR, sessionIdSchema, seqSchema, stringError } from './fields.js';
import { ratingSchema } from './feedback.js';
import { replyStatusSchema, sourceSchema } from './receive.js';

/** Who wrote a reply: the engine (default) or a teacher answering an unanswered question. */
export const replyAuthorSchema = z.enum(['engine', 'teacher']).meta({ description: 'Who wrote the reply' });
/** Who wrote a reply. */
export type ReplyAuthor = z.infer<typeof replyAuthorSchema>;

/**
 * `GET /admin/conversations` query: the time range (by last activity), a `filter` (only sessions
 * with a 👎, an answer that matched nothing, or a blocked reply), `q` (text in a question or
 * answer), `student` (one pseudonym), and the page.
 */
export const adminConversationsQuerySchema = z.object(
  {
    ...timeRangeQuery,
    filter: z.enum(['downvoted', 'unanswered', 'blocked'], { error: 'must be downvoted, unanswered or blocked' }).optional(),
    q: z.string({ error: stringError }).min(1).max(200, { error: 'must be at most 200 characters' }).meta({ description: 'Text to find in a question or answer' }).optional(),
    student: pseudonymSchema.optional(),
    cursor: cursorQuerySchema.optional(),
    limit: pageLimitQuerySchema.optional(),
  },
  { error: OBJECT_ERROR },
);
/** The conversations query as a client writes it. */
export type AdminConversationsQuery = z.input<typeof adminConversationsQuerySchema>;
/** The conversations query after validation. */
export type AdminConversationsParams = z.output<typeof adminConversationsQuerySchema>;

/** One conversation in the list. */
export const conversationSummarySchema = z.object({
  sessionId: z.string(),
  student: pseudonymSchema.nullable().meta({ description: 'Pseudonym of the student (null for sessions stored before owners were kept)' }),
  createdAt: isoTimeSchema,
  lastActiveAt: isoTimeSchema,
  closedAt: isoTimeSchema.nullable(),
  turns: z.int().min(0),
  firstQuestion: z.string().meta({ description: 'The first question of the conversation (empty when its turns are gone)' }),
  downvoted: z.boolean(),
  unanswered: z.boolean().meta({ description: 'Some answer matched nothing in the knowledge base' }),
  blocked: z.boolean().meta({ description: 'Some reply was stopped by content moderation' }),
});
/** One conversation in the list. */
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

/** `GET /admin/conversations` answer: newest first, paged by cursor. */
export const adminConversationsResponseSchema = okEnvelope(pageSchema(conversationSummarySchema));
/** `GET /admin/conversations` answer. */
export type AdminConversationsResponse = z.infer<typeof adminConversationsResponseSchema>;

/** `GET /admin/conversations/{sessionId}` path. */
export const conversationParamsSchema = z.object({ sessionId: sessionIdSchema });

/** One turn as a teacher reads it. */
export const conversationTurnSchema = z.object({
  seq: seqSchema,
  question: z.string(),
  askedAt: isoTimeSchema,
  answer: z.string(),
  status: replyStatusSchema,
  from: replyAuthorSchema,
  sources: z.array(sourceSchema),
  matched: z.boolean().nullable().meta({ description: 'Whether the knowledge base had an answer (null: the engine did not say)' }),
  feedback: z.object({ rating: ratingSchema, comment: z.string(), ratedAt: isoTimeSchema }).nullable(),
  moderation: z.enum(['passed', 'blocked']).meta({ description: '`blocked`: content moderation replaced the reply (blocked questions are never stored; see /admin/moderation)' }),
  latencyMs: z.int().min(0).nullable().meta({ description: 'From the question stored to the reply settled; null while generating' }),
});
/** One turn as a teacher reads it. */
export type ConversationTurn = z.infer<typeof conversationTurnSchema>;

/** `GET /admin/conversations/{sessionId}` answer: the conversation and every turn, oldest first. */
export const adminConversationResponseSchema = okEnvelope(z.object({ conversation: conversationSummarySchema, turns: z.array(conversationTurnSchema) }));
/** `GET /admin/conversations/{sessionId}` answer. */
export type AdminConversationResponse = z.infer<typeof adminConversationResponseSchema>;
