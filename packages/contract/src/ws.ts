import { z } from 'zod';
import { errorCodeSchema, fieldIssueSchema } from './envelope.js';
import { clientMsgIdSchema, contentSchema, intQuerySchema, OBJECT_ERROR, seqSchema, sessionIdSchema } from './fields.js';
import { replyDataSchema, sourceSchema, suggestionsSchema } from './receive.js';
import { timestampSchema } from './timestamp.js';
import { MAX_CONTENT_LENGTH } from './wire.js';

/** The WebSocket upgrade's query: the session, and optionally the seq to replay replies after. */
export const wsQuerySchema = z.object(
  {
    sessionId: sessionIdSchema,
    after: intQuerySchema(0, 1e9).meta({ description: 'Replay the replies after this seq on open' }).optional(),
  },
  { error: OBJECT_ERROR },
);

/** Builds the client → server frame schema for a maximum content length. */
export function makeClientFrameSchema(maxContentLength: number = MAX_CONTENT_LENGTH) {
  return z.discriminatedUnion(
    'type',
    [
      z.object({
        type: z.literal('send'),
        content: contentSchema(maxContentLength),
        timestamp: timestampSchema,
        clientMsgId: clientMsgIdSchema.optional(),
      }).meta({ description: 'Send a user message; answered by `ack`' }),
      z.object({
        type: z.literal('resume'),
        after: z.int({ error: 'must be an integer' }).min(0, { error: 'must be at least 0' }),
      }).meta({ description: 'Replay every reply with seq > after, then the partial text of one in flight' }),
      z.object({ type: z.literal('stop'), seq: seqSchema.optional() }).meta({ description: 'Stop the reply being generated (only turn `seq` when given)' }),
      z.object({ type: z.literal('ping'), t: z.number().optional() }).meta({ description: 'Heartbeat; answered by `pong` echoing t' }),
    ],
    { error: 'type must be one of send, resume, stop, ping' },
  );
}

/** Client → server frames (JSON text frames). */
export const clientFrameSchema = makeClientFrameSchema();
/** Client → server frame. */
export type ClientFrame = z.input<typeof clientFrameSchema>;

/** Sent once when the socket opens. */
export const helloFrameSchema = z.object({
  type: z.literal('hello'),
  sessionId: sessionIdSchema,
  lastSeq: z.int().min(0).meta({ description: 'Highest seq in the session so far (0 for a new session)' }),
  heartbeatMs: z.int().min(1).meta({ description: 'Send a ping at least this often; the server drops a connection silent for 2 intervals' }),
});

/** A user message was stored as turn `seq`. */
export const ackFrameSchema = z.object({
  type: z.literal('ack'),
  seq: seqSchema,
  clientMsgId: z.string().optional(),
  duplicate: z.boolean().optional(),
});

/**
 * More reply text for turn `seq`: `text` starts at character `offset` of the reply. A client that
 * already holds more than `offset` characters drops the overlap, so replays never duplicate text.
 */
export const deltaFrameSchema = z.object({
  type: z.literal('delta'),
  seq: seqSchema,
  offset: z.int().min(0),
  text: z.string(),
});

/** Turn `seq`'s reply is done; `data` is exactly receive's `{sessionId, content, timestamp}`. */
export const replyFrameSchema = z.object({
  type: z.literal('reply'),
  seq: seqSchema,
  status: z.enum(['completed', 'stopped', 'blocked']),
  data: replyDataSchema.pick({ sessionId: true, content: true, timestamp: true }),
  sources: z.array(sourceSchema).optional(),
  suggestions: suggestionsSchema.optional(),
  from: z.literal('teacher').optional().meta({ description: 'Present when a teacher wrote this reply' }),
});

/** Something went wrong: a bad frame (no seq) or a failed turn (with seq). Same fields as the HTTP error envelope. */
export const errorFrameSchema = z.object({
  type: z.literal('error'),
  seq: seqSchema.optional(),
  clientMsgId: z.string().optional().meta({ description: 'Echoed when the failed frame was a send with a clientMsgId' }),
  code: z.int(),
  error: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  issues: z.array(fieldIssueSchema).optional(),
});

/** Answer to a ping. */
export const pongFrameSchema = z.object({ type: z.literal('pong'), t: z.number().optional() });

/** Sent right before the server closes the socket, saying why. */
export const byeFrameSchema = z.object({
  type: z.literal('bye'),
  reason: z.enum(['shutdown', 'replaced', 'session_closed']),
  closeCode: z.int(),
});

/** Server → client frames (JSON text frames). */
export const serverFrameSchema = z.discriminatedUnion('type', [
  helloFrameSchema,
  ackFrameSchema,
  deltaFrameSchema,
  replyFrameSchema,
  errorFrameSchema,
  pongFrameSchema,
  byeFrameSchema,
]);
/** Server → client frame. */
export type ServerFrame = z.infer<typeof serverFrameSchema>;
/** Server → client frame of one `type`. */
export type ServerFrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
