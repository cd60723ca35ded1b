import { z } from 'zod';
import { DEFAULT_WX_API_BASE } from './wechat-client.js';

/**
 * The WeChat settings as a zod fragment for the config schema (spread it into `configSchema`).
 * `WX_APPID`/`WX_SECRET` are required by `AUTH=wx-login` and `MODERATION=…wechat…`; the
 * integrator's cross-field check says so at startup.
 */
export const wechatSettings = {
  /** The mini-program's AppID (微信公众平台 → 开发管理 → 开发设置). */
  WX_APPID: z.string().trim().min(1).optional(),
  /** The mini-program's AppSecret; never logged. */
  WX_SECRET: z.string().trim().min(1).optional(),
  /** WeChat's API host; tests point it at the fake from `@mpchat/testkit`. */
  WX_API_BASE: z.url({ error: 'must be an http(s) URL such as https://api.weixin.qq.com' }).default(DEFAULT_WX_API_BASE),
};
