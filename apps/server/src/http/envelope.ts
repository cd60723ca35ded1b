import type { ErrorEnvelope } from '@mpchat/contract';
import type { Context } from 'koa';
import { errorBody, type ChatError } from '../chat/chat-error.js';

/** State every request carries (set by the request-id middleware). */
export interface RequestState {
  requestId: string;
  /** Route name for the access log, once a route matched. */
  routeName?: string;
}

/** Builds the error envelope for a ChatError. */
export function errorEnvelope(err: ChatError, requestId?: string): ErrorEnvelope {
  return { ...errorBody(err), ...(requestId ? { requestId } : {}) };
}

/**
 * Writes an envelope. Status policy: the HTTP status equals the body's `code`, except code 100
 * ("still generating"), which travels as HTTP 200 — a real 1xx status is an interim response that
 * HTTP clients (wx.request included) cannot read as a final answer.
 */
export function sendEnvelope(ctx: Context, body: { code: number }): void {
  ctx.status = body.code === 100 ? 200 : body.code;
  ctx.body = body;
}

/** Writes a ChatError as the envelope, with Retry-After when the error says when to retry. */
export function sendError(ctx: Context, err: ChatError): void {
  sendEnvelope(ctx, errorEnvelope(err, (ctx.state as RequestState).requestId));
  if (err.retryAfterMs !== undefined) ctx.set('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
}
