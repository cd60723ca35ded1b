import { z } from 'zod';
import { isoTimeSchema, okEnvelope, pageSchema } from './admin-query.js';
import { errorCodeSchema } from './envelope.js';
import { OBJECT_ERROR, seqSchema, sessionIdSchema, stringError } from './fields.js';
import { sourceSchema, suggestionsSchema } from './receive.js';

// A student's own conversations (extension; needs an identity: AUTH=wx-login or wx-cloud). Both
// lists page by an opaque cursor: the `nextCursor` of one page is the `cursor` of the next.

/** How many sessions one page of `GET /sessions` holds. */
export const SESSIONS_PAGE_SIZE = 20;
/** How many turns one page of `GET /history` holds. */
export const HISTORY_PAGE_SIZE = 50;

const NEXT_CURSOR = 'must be the nextCursor of a previous page';

/** Where a page of sessions starts: after the session last active at `lastActiveAt` with id `id` (newest first). */
export interface SessionsCursor {
  lastActiveAt: number;
  id: string;
}

/** The `cursor` of `GET /sessions`: `<lastActiveAt>_<sessionId>` of the last session of the previous page. */
export const sessionsCursorSchema = z
  .string({ error: stringError })
  .regex(/^\d{1,15}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: NEXT_CURSOR })
  .transform((s): SessionsCursor => ({ lastActiveAt: Number(s.slice(0, s.indexOf('_'))), id: s.slice(s.indexOf('_') + 1) }))
  .meta({ description: 'The nextCursor of the previous page; omit for the first page' });

/** The `cursor` of `GET /history`: the seq of the last turn of the previous page. */
export const historyCursorSchema = z
  .string({ error: stringError })
  .regex(/^\d{1,9}$/, { error: NEXT_CURSOR })
  .transform(Number)
  .meta({ description: 'The nextCursor of the previous page; omit for the first page' });

/** Writes the cursor that {@link sessionsCursorSchema} reads. */
export const sessionsCursorOf = (c: SessionsCursor): string => `${c.lastActiveAt}_${c.id}`;


/** `GET /mpweixin/chatbot/sessions` query. */
export const sessionsQuerySchema = z.object({ cursor: sessionsCursorSchema.optional() }, { error: OBJECT_ERROR });
/** The sessions query as a client writes it. */
export type SessionsQuery = z.input<typeof sessionsQuerySchema>;

/** One of the caller's conversations. */
export const sessionSummarySchema = z.object({
  sessionId: sessionIdSchema,
  title: z.string().meta({ description: 'Its first question, whitespace collapsed and cut to 40 characters (… when cut)' }),
  createdAt: isoTimeSchema,
  lastActiveAt: isoTimeSchema,
  turns: z.int().min(0).meta({ description: 'Messages sent in it' }),
  status: z.enum(['open', 'closed']).meta({ description: '`closed`: destroyed or expired; read it, or continue it in a new session (`continueFrom`)' }),
});
/** One of the caller's conversations. */
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** `GET /mpweixin/chatbot/sessions` answer: the caller's sessions, most recently active first. */
export const sessionsResponseSchema = okEnvelope(pageSchema(sessionSummarySchema));
/** `GET /mpweixin/chatbot/sessions` answer. */
export type SessionsResponse = z.infer<typeof sessionsResponseSchema>;

/** `GET /mpweixin/chatbot/history` query: one of the caller's sessions, and the page. */
export const historyQuerySchema = z.object({ sessionId: sessionIdSchema, cursor: historyCursorSchema.optional() }, { error: OBJECT_ERROR });
/** The history query as a client writes it. */
export type HistoryQuery = z.input<typeof historyQuerySchema>;
/** The history query after validation. */
export type HistoryParams = z.output<typeof historyQuerySchema>;

/** One turn of a conversation: the question and its reply. */
export const historyTurnSchema = z.object({
  seq: seqSchema,
  content: z.string().meta({ description: 'The question, as sent' }),
  timestamp: z.string().meta({ description: 'When it was sent (the client’s yyyy/MM/dd HH:mm:ss)' }),
  reply: z.string().meta({ description: 'The reply (the text so far while generating; empty when it failed before any text)' }),
  replyTimestamp: z.string().nullable().meta({ description: 'When the reply was completed (server time zone); null while generating' }),
  status: z.enum(['generating', 'completed', 'stopped', 'blocked', 'failed']),
  error: errorCodeSchema.optional().meta({ description: 'Why the reply failed (status `failed`)' }),
  sources: z.array(sourceSchema),
  suggestions: suggestionsSchema.optional(),
  from: z.literal('teacher').optional().meta({ description: 'Present when a teacher wrote this reply (an answer delivered later to a question the assistant could not answer)' }),
});
/** One turn of a conversation. */
export type HistoryTurn = z.infer<typeof historyTurnSchema>;

/** `GET /mpweixin/chatbot/history` answer: the session and a page of its turns, oldest first. */
export const historyResponseSchema = okEnvelope(pageSchema(historyTurnSchema).extend({ session: sessionSummarySchema }));
/** `GET /mpweixin/chatbot/history` answer. */
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
