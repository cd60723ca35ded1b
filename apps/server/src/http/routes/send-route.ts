import type { ChatService } from '../../chat/chat-service.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/** POST /mpweixin/chatbot/send: store the message, answer at once; the reply is generated in the background. */
export function sendRoute(chat: ChatService): RouteHandler<'send'> {
  return async ({ body }, ctx) => {
    const { seq, duplicate } = await chat.send(httpCaller(ctx), body);
    return { code: 200, message: 'ok', data: duplicate ? { seq, duplicate } : { seq } };
  };
}
