import { z } from 'zod';
import { OBJECT_ERROR, sessionIdSchema } from './fields.js';

/** `POST /mpweixin/chatbot/destroy` body: `{sessionId}`. */
export const destroyRequestSchema = z.object({ sessionId: sessionIdSchema }, { error: OBJECT_ERROR });
/** `POST /mpweixin/chatbot/destroy` body. */
export type DestroyRequest = z.input<typeof destroyRequestSchema>;

/** Successful destroy answer: `{code: 200, message}`. Destroying twice is not an error. */
export const destroyResponseSchema = z.object({ code: z.literal(200), message: z.string() });
/** Successful destroy answer. */
export type DestroyResponse = z.infer<typeof destroyResponseSchema>;
