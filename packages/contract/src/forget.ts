import { z } from 'zod';
import { okEnvelope, pseudonymSchema } from './admin-query.js';
import { OBJECT_ERROR } from './fields.js';

/** `POST /mpweixin/chatbot/forget` body: `{}` (the caller's identity says whose data goes). */
export const forgetRequestSchema = z.object({}, { error: OBJECT_ERROR });
/** `POST /mpweixin/chatbot/forget` body. */
export type ForgetRequest = z.input<typeof forgetRequestSchema>;

/** What was deleted: sessions, their turns, the feedback given on them, and the student's moderation records. */
export const forgottenSchema = z.object({ sessions: z.int().min(0), turns: z.int().min(0), feedback: z.int().min(0), moderation: z.int().min(0) });
/** What was deleted. */
export type Forgotten = z.infer<typeof forgottenSchema>;

/** `POST /mpweixin/chatbot/forget` and `DELETE /admin/students/{pseudonym}` answer. */
export const forgetResponseSchema = okEnvelope(forgottenSchema);
/** The forget answer. */
export type ForgetResponse = z.infer<typeof forgetResponseSchema>;

/** `DELETE /admin/students/{pseudonym}` path. */
export const studentParamsSchema = z.object({ pseudonym: pseudonymSchema });
