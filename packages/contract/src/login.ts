import { z } from 'zod';
import { OBJECT_ERROR } from './fields.js';

/**
 * `POST /mpweixin/chatbot/login` body (extension, `AUTH=wx-login` only): the code `wx.login`
 * gave the mini-program. The server exchanges it at WeChat's `jscode2session`; the code is
 * single-use and valid for 5 minutes (WeChat's rule).
 */
export const loginRequestSchema = z.object(
  {
    code: z
      .string({ error: 'code: must be the string wx.login returned' })
      .trim()
      .min(1, { error: 'code: must not be empty' })
      .max(128, { error: 'code: must be at most 128 characters' })
      .meta({ description: 'The code from wx.login (single use, valid 5 minutes)' }),
  },
  { error: OBJECT_ERROR },
);
/** `POST /mpweixin/chatbot/login` body. */
export type LoginRequest = z.input<typeof loginRequestSchema>;

/**
 * Successful login: a signed token to send as `Authorization: Bearer <token>` on every request
 * and on the WebSocket upgrade, and its lifetime in seconds. WeChat's `session_key` never leaves
 * the server.
 */
export const loginResponseSchema = z.object({
  code: z.literal(200),
  message: z.string(),
  data: z.object({
    token: z.string().meta({ description: 'Bearer token (JWT); log in again when a request answers 401 UNAUTHENTICATED' }),
    expiresIn: z.number().int().positive().meta({ description: 'Seconds until the token expires' }),
  }),
});
/** Successful login answer. */
export type LoginResponse = z.infer<typeof loginResponseSchema>;
