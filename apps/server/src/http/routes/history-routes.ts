import type { ChatService } from '../../chat/chat-service.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/** GET /mpweixin/chatbot/sessions: the caller's conversations, most recently active first (404 under AUTH=none). */
export function sessionsRoute(chat: ChatService): RouteHandler<'sessions'> {
  return async ({ query }, ctx) => ({ code: 200, message: 'ok', data: await chat.history.list(httpCaller(ctx), query.cursor) });
}

/** GET /mpweixin/chatbot/history: one of the caller's conversations and a page of its turns, oldest first. */
export function historyRoute(chat: ChatService): RouteHandler<'history'> {
  return async ({ query }, ctx) => ({ code: 200, message: 'ok', data: await chat.history.read(httpCaller(ctx), query.sessionId, query.cursor) });
}
