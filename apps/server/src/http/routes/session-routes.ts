import { destroyRequestSchema, stopRequestSchema, type DestroyResponse, type StopResponse } from '@mpchat/contract';
import type { Middleware } from 'koa';
import type { ChatService } from '../../chat/chat-service.js';
import { sendEnvelope } from '../envelope.js';
import { httpCaller } from '../http-caller.js';
import { normalizeSessionId, validate } from '../validate.js';

/** POST /mpweixin/chatbot/destroy: end the session. Idempotent: destroying twice answers 200. */
export function destroyRoute(chat: ChatService): Middleware {
  return async (ctx) => {
    const { sessionId } = validate(destroyRequestSchema, ctx.request.body, 'body');
    const wasOpen = await chat.destroy(httpCaller(ctx), normalizeSessionId(sessionId));
    const res: DestroyResponse = { code: 200, message: wasOpen ? 'session closed' : 'session already closed' };
    sendEnvelope(ctx, res);
  };
}

/** POST /mpweixin/chatbot/stop: stop the reply being generated. A no-op when nothing is. */
export function stopRoute(chat: ChatService): Middleware {
  return async (ctx) => {
    const { sessionId, seq } = validate(stopRequestSchema, ctx.request.body, 'body');
    const r = await chat.stop(httpCaller(ctx), normalizeSessionId(sessionId), seq);
    const res: StopResponse = {
      code: 200,
      message: r.stopped ? 'stopping' : 'nothing to stop',
      data: r.seq === undefined ? { stopped: r.stopped } : { stopped: r.stopped, seq: r.seq },
    };
    sendEnvelope(ctx, res);
  };
}
