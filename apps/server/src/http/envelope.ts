import type { ErrorEnvelope } from '@mpchat/contract';
import { jsonOf } from './envelope-json.js';
import type { HttpContext } from './http-state.js';
import { errorBody, type ChatError } from '../errors/chat-error.js';
import { errorHeaders } from '../errors/error-headers.js';


/** Builds the error envelope for a ChatError. */
export function errorEnvelope(err: ChatError, requestId?: string): ErrorEnvelope {
  return { ...errorBody(err), ...(requestId ? { requestId } : {}) };
}

/**
 * Writes an envelope. Status policy: the HTTP status equals the body's `code`, except code 100
 * ("still generating"), which travels as HTTP 200 — a real 1xx status is an interim response that
 * HTTP clients (wx.request included) cannot read as a final answer.
 */
export function sendEnvelope(ctx: HttpContext, body: { code: number }): void {
  ctx.status = body.code === 100 ? 200 : body.code;
  ctx.state.code = body.code;
  const json = jsonOf(body);
  if (json === undefined) ctx.body = body;
  else {
    // The same bytes and Content-Type Koa writes for the object, without serialising it again.
    ctx.type = 'json';
    ctx.body = json;
  }
}

/** Writes a ChatError as the envelope, with Retry-After when the error says when to retry. */
export function sendError(ctx: HttpContext, err: ChatError): void {
  sendEnvelope(ctx, errorEnvelope(err, ctx.state.requestId));
  ctx.set(errorHeaders(err));
}
