import { makeSendRequestSchema, type SendResponse } from '@mpchat/contract';
import type { Middleware } from 'koa';
import type { ChatService } from '../../chat/chat-service.js';
import { sendEnvelope } from '../envelope.js';
import { httpCaller } from '../http-caller.js';
import { normalizeSessionId, validate } from '../validate.js';

/** POST /mpweixin/chatbot/send: store the message, answer at once; the reply is generated in the background. */
export function sendRoute(chat: ChatService, maxContentLength: number): Middleware {
  const schema = makeSendRequestSchema(maxContentLength);
  return async (ctx) => {
    const body = validate(schema, ctx.request.body, 'body');
    const { seq, duplicate } = await chat.send(httpCaller(ctx), { ...body, sessionId: normalizeSessionId(body.sessionId) });
    const res: SendResponse = { code: 200, message: 'ok', data: duplicate ? { seq, duplicate } : { seq } };
    sendEnvelope(ctx, res);
  };
}

