import type { IssuedToken } from '../../auth/login-token.js';
import { ChatError } from '../../errors/chat-error.js';
import type { RouteHandler } from '../route-input.js';

/** Exchanges a `wx.login` code for a login token (`loginWithCode` bound to the WeChat client and the token keys). */
export type LoginExchange = (code: string, signal?: AbortSignal) => Promise<IssuedToken>;

/**
 * POST /mpweixin/chatbot/login (`AUTH=wx-login`): `{code}` → `{token, expiresIn}`. In the other
 * modes there is nothing to log in to: 404 NOT_FOUND, saying which setting enables it.
 */
export function loginRoute(exchange: LoginExchange | undefined): RouteHandler<'login'> {
  return async ({ body }, ctx) => {
    if (!exchange) throw new ChatError('NOT_FOUND', '[auth] login is only served with AUTH=wx-login (NOT_FOUND)');
    const issued = await exchange(body.code, ctx.state.shutdown);
    return { code: 200, message: 'logged in', data: { token: issued.token, expiresIn: issued.expiresIn } };
  };
}
