// The answers of the three WeChat APIs the fake speaks, as WeChat documents them on
// developers.weixin.qq.com: /miniprogram/dev/server/API/user-login/api_code2session (jscode2session),
// /doc/service/api/base/api_getstableaccesstoken.html (stable_token) and
// /miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html (msg_sec_check v2).
// Errors are HTTP 200 with `{errcode, errmsg}`.
import type { FakeWechatState } from './fake-wechat-state.js';

type Answer = Record<string, unknown>;
const fail = (errcode: number, errmsg: string): Answer => ({ errcode, errmsg });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`. */
export function answerJscode2session(state: FakeWechatState, query: Record<string, string>): Answer {
  if (query.appid !== state.appid) return fail(40013, 'invalid appid');
  if (query.secret !== state.secret) return fail(40125, 'invalid appsecret');
  if (query.grant_type !== 'authorization_code') return fail(40002, 'invalid grant_type');
  const code = query.js_code;
  if (!code) return fail(41008, 'missing code');
  const scripted = state.codeErrors.get(code);
  if (scripted !== undefined) return fail(scripted, `scripted error ${scripted}`);
  // A code is valid once (WeChat: "code been used").
  if (state.usedCodes.has(code)) return fail(40163, 'code been used');
  const user = state.users.get(code);
  if (!user) return fail(40029, 'invalid code');
  state.usedCodes.add(code);
  // On success WeChat leaves errcode out.
  return {
    openid: user.openid,
    session_key: user.sessionKey ?? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
    ...(user.unionid === undefined ? {} : { unionid: user.unionid }),
  };
}

/** `POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh}`. */
export function answerStableToken(state: FakeWechatState, body: unknown): Answer {
  if (!isObject(body)) return fail(47001, 'data format error');
  if (body.grant_type !== 'client_credential') return fail(40002, 'invalid grant_type');
  if (body.appid !== state.appid) return fail(40013, 'invalid appid');
  if (body.secret !== state.secret) return fail(40125, 'invalid appsecret');
  // Normal mode returns the valid token again (no rotation); force_refresh issues a new one.
  const token = body.force_refresh === true || state.currentToken === undefined ? state.rotateToken() : state.currentToken;
  return { access_token: token, expires_in: state.tokenLifetimeSec };
}

/** `POST /wxa/msg_sec_check?access_token=…` with a v2 body `{content, version: 2, scene, openid}`. */
export function answerMsgSecCheck(state: FakeWechatState, query: Record<string, string>, body: unknown, raw: string): Answer {
  if (isObject(body) && 'access_token' in body) return fail(47001, 'data format error: access_token belongs in the query string');
  const token = query.access_token;
  if (!token) return fail(41001, 'access_token missing');
  const stale = state.staleTokens.get(token);
  if (stale !== undefined) return fail(stale, stale === 42001 ? 'access_token expired' : 'invalid credential, access_token is invalid or not latest');
  if (token !== state.currentToken) return fail(40001, 'invalid credential, access_token is invalid or not latest');
  if (!isObject(body) || body.version !== 2) return fail(47001, 'data format error');
  if (typeof body.content !== 'string' || body.content === '') return fail(44002, 'empty post data');
  // \u-escaped text is not checked by WeChat (notes): flag it so a client that escapes is caught in tests.
  if (/\\u[0-9a-fA-F]{4}/.test(raw)) return fail(47001, 'data format error: content must be raw UTF-8, not \\u escapes');
  if ([...body.content].length > 2500) return fail(47001, 'data format error: content longer than 2500 characters');
  if (![1, 2, 3, 4].includes(body.scene as number)) return fail(40129, 'invalid scene');
  if (typeof body.openid !== 'string' || body.openid === '') return fail(40003, 'invalid openid');
  if (state.inactiveOpenids.has(body.openid)) return fail(61010, 'user is not active in the last 2 hours');

  const content = body.content;
  const hits = [...state.terms].filter(([term]) => content.includes(term));
  const worst = hits.find(([, v]) => v.suggest === 'risky') ?? hits[0];
  const suggest = worst ? worst[1].suggest : 'pass';
  const label = worst ? worst[1].label : 100;
  return {
    errcode: 0,
    errmsg: 'ok',
    trace_id: crypto.randomUUID(),
    result: { suggest, label },
    detail: hits.length
      ? hits.map(([term, v]) => ({ strategy: 'content_model', errcode: 0, suggest: v.suggest, label: v.label, prob: 90, keyword: term }))
      : [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
  };
}
