import { z } from 'zod';
import { isoTimeSchema, okEnvelope, timeRangeQuery } from './admin-query.js';
import { kbEntryIdSchema, kbEntrySchema, kbEntryWriteSchema } from './admin-kb.js';
import { OBJECT_ERROR, seqSchema, stringError } from './fields.js';

/** `GET /admin/unanswered` query: the time range of the questions, and optionally one status. */
export const adminUnansweredQuerySchema = z.object(
  {
    ...timeRangeQuery,
    status: z.enum(['open', 'answered', 'ignored'], { error: 'must be open, answered or ignored' }).optional(),
  },
  { error: OBJECT_ERROR },
);
/** The unanswered query as a client writes it. */
export type AdminUnansweredQuery = z.input<typeof adminUnansweredQuerySchema>;

/** A group's status: still to answer, answered by a teacher (a KB entry), or ignored. */
export const unansweredStatusSchema = z.enum(['open', 'answered', 'ignored']);
/** A group's status. */
export type UnansweredStatus = z.infer<typeof unansweredStatusSchema>;

/** One question in a group. */
export const unansweredExampleSchema = z.object({
  question: z.string(),
  sessionId: z.string(),
  seq: seqSchema,
  askedAt: isoTimeSchema,
  reason: z.enum(['unmatched', 'downvoted']).meta({ description: 'Matched nothing in the knowledge base, or its answer got 👎' }),
});
/** One question in a group. */
export type UnansweredExample = z.infer<typeof unansweredExampleSchema>;

/** Questions nobody answered well, grouped by similarity (the engine's own ranker decides). */
export const unansweredGroupSchema = z.object({
  groupId: z.string().meta({ description: 'Stable id of the group (derived from its first question)' }),
  question: z.string().meta({ description: 'The representative question (the first asked)' }),
  count: z.int().min(1),
  examples: z.array(unansweredExampleSchema).meta({ description: 'Up to 5 questions of the group, newest first' }),
  lastAskedAt: isoTimeSchema,
  status: unansweredStatusSchema,
  entryId: z.string().nullable().meta({ description: 'The knowledge-base entry that answered it' }),
});
/** One group of unanswered questions. */
export type UnansweredGroup = z.infer<typeof unansweredGroupSchema>;

/** `GET /admin/unanswered` answer: the groups, most asked first. */
export const adminUnansweredResponseSchema = okEnvelope(z.object({ groups: z.array(unansweredGroupSchema) }));
/** `GET /admin/unanswered` answer. */
export type AdminUnansweredResponse = z.infer<typeof adminUnansweredResponseSchema>;

/** Path of the group actions. */
export const unansweredGroupParamsSchema = z.object({
  groupId: z.string({ error: stringError }).regex(/^[0-9a-f]{16}$/, { error: 'must be a group id from /admin/unanswered' }),
});

/** The other form of an answer: an entry that already answers the group (the console's "pick an existing entry"). */
export const unansweredEntryRefSchema = z.strictObject({ entryId: kbEntryIdSchema }, { error: OBJECT_ERROR });

/**
 * `POST /admin/unanswered/{groupId}/answer` body: either the teacher's answer `{title, body, …}`,
 * stored as a new knowledge-base entry, or `{entryId}` of an entry that already answers it (never
 * both; unknown fields are refused so that a mix of the two is not read as one of them). Sessions
 * of the group that are still open receive the entry's text as a reply `from: "teacher"`.
 */
export const unansweredAnswerRequestSchema = z.union([kbEntryWriteSchema.strict(), unansweredEntryRefSchema], {
  error: 'must be either a new entry {title, body, …} or {entryId} of an existing entry, not both',
});
/** `POST /admin/unanswered/{groupId}/answer` body. */
export type UnansweredAnswerRequest = z.input<typeof unansweredAnswerRequestSchema>;

/** `POST /admin/unanswered/{groupId}/answer` answer: the entry (new or picked) and how many open sessions got the reply. */
export const unansweredAnswerResponseSchema = okEnvelope(
  z.object({
    entry: kbEntrySchema,
    delivered: z.int().min(0).meta({ description: 'Open sessions of the group that received the answer as a teacher reply' }),
  }),
);
/** `POST /admin/unanswered/{groupId}/answer` answer. */
export type UnansweredAnswerResponse = z.infer<typeof unansweredAnswerResponseSchema>;

/** `POST /admin/unanswered/{groupId}/ignore` answer. */
export const unansweredIgnoreResponseSchema = okEnvelope(z.object({ groupId: z.string(), status: z.literal('ignored') }));
/** `POST /admin/unanswered/{groupId}/ignore` answer. */
export type UnansweredIgnoreResponse = z.infer<typeof unansweredIgnoreResponseSchema>;

/** An empty JSON body (`{}`), for actions that need none. */
export const emptyBodySchema = z.object({}, { error: OBJECT_ERROR });
