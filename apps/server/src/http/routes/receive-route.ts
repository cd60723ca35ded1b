import type { ReceiveResponse } from '@mpchat/contract';
import type { ChatService, ReceiveResult } from '../../chat/chat-service.js';
import { settledEnvelope } from '../envelope-json.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

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
  return settledEnvelope(turn);
}

/**
 * GET /mpweixin/chatbot/receive. With `wait`, the request is held (event-driven) until the reply
 * settles or the wait ends; a client that goes away releases its waiter.
 */
export function receiveRoute(chat: ChatService): RouteHandler<'receive'> {
  return async ({ query }, ctx) => {
    if (!query.wait) return receiveEnvelope(await chat.receive(httpCaller(ctx), query));
    // A held request is released when the client goes away (the response's 'close' before it
    // finished; a request's own 'close' fires once its body is read) or the server shuts down.
    const gone = new AbortController();
    const onClose = () => gone.abort();
    ctx.res.once('close', onClose);
    const { shutdown } = ctx.state;
    const signal = shutdown ? AbortSignal.any([gone.signal, shutdown]) : gone.signal;
    try {
      return receiveEnvelope(await chat.receive(httpCaller(ctx), query, signal));
    } finally {
      ctx.res.off('close', onClose);
    }
  };
}
