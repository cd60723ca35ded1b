import type { ChatService } from '../../chat/chat-service.js';
import { httpCaller } from '../http-caller.js';
import type { RouteHandler } from '../route-input.js';

/**
 * POST /mpweixin/chatbot/login (`AUTH=wx-login`): `{code}` → `{token, expiresIn}`, through the
 * chat service's door (its per-address login limit, refused codes remembered briefly). In the other
 * modes there is nothing to log in to: 404 NOT_FOUND, saying which setting enables it.
 */
export function loginRoute(chat: ChatService): RouteHandler<'login'> {
  return async ({ body }, ctx) => {
    const issued = await chat.login(httpCaller(ctx), body.code, ctx.state.shutdown);
    return { code: 200, message: 'logged in', data: { token: issued.token, expiresIn: issued.expiresIn } };
  };
}
