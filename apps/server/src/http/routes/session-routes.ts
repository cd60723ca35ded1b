import type { ChatService } from '../../chat/chat-service.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/** POST /mpweixin/chatbot/destroy: end the session. Idempotent: destroying twice answers 200. */
export function destroyRoute(chat: ChatService): RouteHandler<'destroy'> {
  return async ({ body }, ctx) => {
    const wasOpen = await chat.destroy(httpCaller(ctx), body.sessionId);
    return { code: 200, message: wasOpen ? 'session closed' : 'session already closed' };
  };
}

/** POST /mpweixin/chatbot/stop: stop the reply being generated. A no-op when nothing is. */
export function stopRoute(chat: ChatService): RouteHandler<'stop'> {
  return async ({ body }, ctx) => {
    const r = await chat.stop(httpCaller(ctx), body.sessionId, body.seq);
    return {
      code: 200,
      message: r.stopped ? 'stopping' : 'nothing to stop',
      data: r.seq === undefined ? { stopped: r.stopped } : { stopped: r.stopped, seq: r.seq },
    };
  };
}
