import type { ChatService } from '../../chat/chat-service.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/** POST /mpweixin/chatbot/feedback: rate a settled answer of the caller's session (rating again replaces). */
export function feedbackRoute(chat: ChatService): RouteHandler<'feedback'> {
  return async ({ body }, ctx) => {
    const data = await chat.feedback(httpCaller(ctx), body);
    return { code: 200, message: 'feedback saved', data };
  };
}

/** GET /mpweixin/chatbot/welcome: the opening message and starter questions. */
export function welcomeRoute(chat: ChatService): RouteHandler<'welcome'> {
  return async () => ({ code: 200, message: 'ok', data: chat.welcome() });
}
