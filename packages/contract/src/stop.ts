import { z } from 'zod';
import { OBJECT_ERROR, seqSchema, sessionIdSchema } from './fields.js';

/**
 * `POST /mpweixin/chatbot/stop` body (extension): stops the reply being generated in the session.
 * The partial text becomes the reply, with `status: 'stopped'`.
 */
export const stopRequestSchema = z.object(
  {
    sessionId: sessionIdSchema,
    seq: seqSchema.optional().meta({ description: 'Stop only this turn (a retried stop cannot stop the next reply)' }),
  },
  { error: OBJECT_ERROR },
);
/** `POST /mpweixin/chatbot/stop` body. */
export type StopRequest = z.input<typeof stopRequestSchema>;

/** Successful stop answer; `data.seq` names the stopped turn, absent when nothing was in flight. */
export const stopResponseSchema = z.object({
  code: z.literal(200),
  message: z.string(),
  data: z.object({ seq: seqSchema.optional(), stopped: z.boolean() }),
});
/** Successful stop answer. */
export type StopResponse = z.infer<typeof stopResponseSchema>;
