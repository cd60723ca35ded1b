import type { WechatClient } from '../wechat/wechat-client.js';
import type { IssuedToken, LoginTokens } from './login-token.js';

/** Exchanges a `wx.login` code for a login token (`loginWithCode` bound to the WeChat client and the token keys). */
export type LoginExchange = (code: string, signal?: AbortSignal) => Promise<IssuedToken>;

/** What {@link loginWithCode} needs. */
export interface LoginDeps {
  wechat: Pick<WechatClient, 'code2Session'>;
  tokens: LoginTokens;
}

/**
 * The body of `POST /mpweixin/chatbot/login {code}` (`AUTH=wx-login`): exchanges the `wx.login`
 * code at WeChat and answers our own login token. `session_key` stays on the server (it is not
 * even kept: mpchat decrypts no user data). WeChat's errors arrive as ChatErrors already mapped
 * (400 / 429 / 403 / 503, see `loginError`).
 *
 * @example
 * const { token, expiresIn } = await loginWithCode({ wechat, tokens }, body.code);
 */
export async function loginWithCode(deps: LoginDeps, code: string, signal?: AbortSignal): Promise<IssuedToken> {
  const { openid, unionid } = await deps.wechat.code2Session(code, signal);
  return deps.tokens.issue(unionid === undefined ? { openid } : { openid, unionid });
}
