import { ChatError } from '../errors/chat-error.js';
import type { Identity, RequestHeaders } from './identity.js';

/**
 * What an openid (or unionid) looks like: WeChat's are 28 characters of the URL-safe base64
 * alphabet; 64 leaves room without letting a forged header mint a fresh "user" of any size.
 */
export const WX_ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const refused = (message: string) => new ChatError('UNAUTHENTICATED', `[auth] ${message} (UNAUTHENTICATED)`);

/**
 * The WeChat user 微信云托管 vouches for, from the headers it injects into calls made through
 * `wx.cloud.callContainer` / `connectContainer`; undefined when the request carries no
 * `X-WX-OPENID` (the caller may then present a login token). The platform documents that a call
 * from the WeChat side always carries `X-WX-SOURCE` ("如需保证调用来源是微信生态端…请判断 X-WX-SOURCE
 * 头部是否存在"), so an openid without it is refused, and so is an openid that is not one, or an
 * `X-WX-APPID` other than the configured mini-program's. These checks stop a careless forgery
 * only: anyone who reaches the port some other way can send all three headers, which is why the
 * service must be reachable only through the platform (docs/wxcloudrun.md: 公网访问 off).
 *
 * @example
 * wxCloudIdentity({ 'x-wx-openid': 'oAbc', 'x-wx-source': 'wx_client', 'x-wx-appid': 'wx123' }, 'wx123');
 * // { kind: 'wx', openid: 'oAbc' }
 */
export function wxCloudIdentity(headers: RequestHeaders, appid?: string): Identity | undefined {
  const openid = one(headers['x-wx-openid']);
  if (openid === undefined || openid.trim() === '') return undefined;
  if (!WX_ID_SHAPE.test(openid)) throw refused('X-WX-OPENID is not an openid (1–64 letters, digits, "-" or "_")');
  if (!one(headers['x-wx-source'])?.trim()) throw refused('X-WX-OPENID without X-WX-SOURCE did not come through 微信云托管');
  if (appid !== undefined && one(headers['x-wx-appid']) !== appid) throw refused('X-WX-APPID is not this mini-program\'s AppID (WX_APPID)');
  const unionid = one(headers['x-wx-unionid']);
  if (unionid === undefined || unionid === '') return { kind: 'wx', openid };
  if (!WX_ID_SHAPE.test(unionid)) throw refused('X-WX-UNIONID is not a unionid (1–64 letters, digits, "-" or "_")');
  return { kind: 'wx', openid, unionid };
}
