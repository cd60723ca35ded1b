import { receiveQuerySchema, type ReceiveResponse } from '@mpchat/contract';
import type { Middleware } from 'koa';
import type { ChatService, ReceiveResult } from '../../chat/chat-service.js';
import { sendEnvelope } from '../envelope.js';
import { httpCaller } from '../http-caller.js';
import { normalizeSessionId, validate } from '../validate.js';

/** The receive envelope for a result: 200 with the reply, or 100 with the partial text. */
export function receiveEnvelope(result: ReceiveResult): ReceiveResponse {
  const { turn } = result;
  if (result.kind === 'generating') {
    return {
      code: 100,
      message: 'reply is still being generated',
      data: result.partial ? { sessionId: turn.sessionId, content: result.partial, seq: turn.seq, status: 'generating' } : {},
      retryAfterMs: result.retryAfterMs,
    };
  }
  return {
    code: 200,
    message: 'ok',
    data: {
      sessionId: turn.sessionId,
      content: turn.reply,
      timestamp: turn.replyTimestamp!,
      seq: turn.seq,
      status: turn.status === 'stopped' ? 'stopped' : 'completed',
      ...(turn.sources.length > 0 ? { sources: turn.sources } : {}),
    },
  };
}

/**
 * GET /mpweixin/chatbot/receive. With `wait`, the request is held (event-driven) until the reply
 * settles or the wait ends; a client that goes away releases its waiter.
 */
export function receiveRoute(chat: ChatService): Middleware {
  return async (ctx) => {
    const query = validate(receiveQuerySchema, ctx.query, 'query');
    const params = { ...query, sessionId: normalizeSessionId(query.sessionId) };
    if (!query.wait) {
      sendEnvelope(ctx, receiveEnvelope(await chat.receive(httpCaller(ctx), params)));
      return;
    }
    // A held request is released when the client goes away (the response's 'close' before it
    // finished; a request's own 'close' fires once its body is read) or the server shuts down.
    const gone = new AbortController();
    const onClose = () => gone.abort();
    ctx.res.once('close', onClose);
    const shutdown = (ctx.state as { shutdown?: AbortSignal }).shutdown;
    const signal = shutdown ? AbortSignal.any([gone.signal, shutdown]) : gone.signal;
    try {
      sendEnvelope(ctx, receiveEnvelope(await chat.receive(httpCaller(ctx), params, signal)));
    } finally {
      ctx.res.off('close', onClose);
    }
  };
}
