import { z } from 'zod';
import { intQuerySchema, OBJECT_ERROR, seqSchema, sessionIdSchema } from './fields.js';
import { timestampSchema } from './timestamp.js';
import { MAX_WAIT_SECONDS } from './wire.js';

/**
 * `GET /mpweixin/chatbot/receive` query: `sessionId`, optional `timestamp` (spec), and the
 * optional extensions `wait` (long-poll seconds, 0-25) and `after` (sequence-number cursor).
 */
export const receiveQuerySchema = z.object(
  {
    sessionId: sessionIdSchema,
    timestamp: timestampSchema
      .meta({ description: '上一条消息的发送时间: answers the reply to the latest message sent at or after it' })
      .optional(),
    wait: intQuerySchema(0, MAX_WAIT_SECONDS)
      .meta({ description: 'Long-poll: hold the request up to this many seconds until the reply is done' })
      .optional(),
    after: intQuerySchema(0, 1e9)
      .meta({ description: 'Cursor: answer the first reply whose seq is greater than this' })
      .optional(),
  },
  { error: OBJECT_ERROR },
);
/** The receive query as a client writes it (all values are strings on the wire). */
export type ReceiveQuery = z.input<typeof receiveQuerySchema>;
/** The receive query after validation (`wait` and `after` as numbers). */
export type ReceiveParams = z.output<typeof receiveQuerySchema>;

/** How a reply ended, or that it has not ended yet. */
export const replyStatusSchema = z.enum(['generating', 'completed', 'stopped', 'failed', 'blocked']);
/** How a reply ended, or that it has not ended yet. */
export type ReplyStatus = z.infer<typeof replyStatusSchema>;

/** A knowledge-base section an answer drew on. */
export const sourceSchema = z.object({
  title: z.string().meta({ description: 'Section title in the knowledge base' }),
});
/** A knowledge-base section an answer drew on. */
export type Source = z.infer<typeof sourceSchema>;

/** Follow-up questions a client may offer as tappable chips under the answer (at most 3). */
export const suggestionsSchema = z
  .array(z.string())
  .max(3)
  .meta({ description: 'Up to 3 short follow-up questions; tapping one sends it as the next message' });

/**
 * The spec's reply payload `{sessionId, content, timestamp}`; `timestamp` is when the reply was
 * completed, in the server's time zone. The other fields are extensions a spec client ignores.
 */
export const replyDataSchema = z.object({
  sessionId: sessionIdSchema,
  content: z.string(),
  timestamp: timestampSchema,
  seq: seqSchema.optional(),
  status: z
    .enum(['completed', 'stopped', 'blocked'])
    .meta({ description: '`blocked`: content moderation stopped the reply; `content` is the configured canned reply' })
    .optional(),
  sources: z.array(sourceSchema).optional(),
  suggestions: suggestionsSchema.optional(),
  from: z
    .literal('teacher')
    .meta({ description: 'Present when a teacher wrote this reply (an answer to a question the assistant could not answer); absent for the assistant' })
    .optional(),
});
/** The spec's reply payload. */
export type ReplyData = z.infer<typeof replyDataSchema>;

/** The partial reply carried by a code-100 answer (an extension). */
export const partialDataSchema = z.object({
  sessionId: sessionIdSchema,
  content: z.string().meta({ description: 'Reply text generated so far' }),
  seq: seqSchema,
  status: z.literal('generating'),
});
/** The partial reply carried by a code-100 answer. */
export type PartialData = z.infer<typeof partialDataSchema>;

/** Receive answer when the reply is done. */
export const receiveOkSchema = z.object({ code: z.literal(200), message: z.string(), data: replyDataSchema });
/** Receive answer when the reply is done. */
export type ReceiveOk = z.infer<typeof receiveOkSchema>;

/**
 * Receive answer while the reply is being generated (spec: code 100). Travels as HTTP 200.
 * `data` is the partial reply, or `{}` before the first words.
 */
export const receiveGeneratingSchema = z.object({
  code: z.literal(100),
  message: z.string(),
  data: z.union([partialDataSchema, z.object({}).strict()]),
  retryAfterMs: z.int().min(0).meta({ description: 'When polling again is worthwhile' }),
});
/** Receive answer while the reply is being generated. */
export type ReceiveGenerating = z.infer<typeof receiveGeneratingSchema>;

/** A non-error receive answer: done (200) or still generating (100). */
export const receiveResponseSchema = z.discriminatedUnion('code', [receiveOkSchema, receiveGeneratingSchema]);
/** A non-error receive answer. */
export type ReceiveResponse = z.infer<typeof receiveResponseSchema>;

