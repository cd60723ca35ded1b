import { z } from 'zod';
import { clientMsgIdSchema, contentSchema, OBJECT_ERROR, seqSchema, sessionIdSchema } from './fields.js';
import { MAX_CONTENT_LENGTH } from './wire.js';
import { timestampSchema } from './timestamp.js';

/**
 * (ext) The caller's earlier session this message continues: honoured on the message that opens a
 * session, whose reply engine then remembers the earlier session's last turns. Needs an identity.
 */
export const continueFromSchema = sessionIdSchema.meta({
  description: '继续对话 / the caller’s earlier session (open or closed) whose last turns the new session remembers; read on the first message only (AUTH=wx-login or wx-cloud)',
  format: 'uuid',
});

/**
 * Builds the send request schema for a given maximum content length (the server's
 * MAX_CONTENT_LENGTH setting). {@link sendRequestSchema} uses the default.
 */
export function makeSendRequestSchema(maxContentLength: number = MAX_CONTENT_LENGTH) {
  return z.object(
    {
      sessionId: sessionIdSchema,
      content: contentSchema(maxContentLength),
      timestamp: timestampSchema.meta({ description: '消息的发送时间 / when the user sent it, yyyy/MM/dd HH:mm:ss' }),
      clientMsgId: clientMsgIdSchema.optional(),
      continueFrom: continueFromSchema.optional(),
    },
    { error: OBJECT_ERROR },
  );
}

/** `POST /mpweixin/chatbot/send` body: `{sessionId, content, timestamp}` (+ optional `clientMsgId`, `continueFrom`). */
export const sendRequestSchema = makeSendRequestSchema();
/** `POST /mpweixin/chatbot/send` body. */
export type SendRequest = z.input<typeof sendRequestSchema>;

/** What a successful send carries in `data` (an extension; spec clients ignore it). */
export const sendDataSchema = z.object({
  seq: seqSchema.meta({ description: 'Sequence number of this message in its session; its reply has the same seq' }),
  duplicate: z.boolean().optional().meta({ description: 'true when this send was a retry of one already stored' }),
});
/** What a successful send carries in `data`. */
export type SendData = z.infer<typeof sendDataSchema>;

/** Successful send answer: `{code: 200, message}` (+ `data: {seq}`). */
export const sendResponseSchema = z.object({
  code: z.literal(200),
  message: z.string(),
  data: sendDataSchema.optional(),
});
/** Successful send answer. */
export type SendResponse = z.infer<typeof sendResponseSchema>;
