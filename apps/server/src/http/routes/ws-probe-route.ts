import type { Middleware } from 'koa';

/**
 * GET /mpweixin/chatbot/ws without `Upgrade: websocket` (upgrades never reach Koa: the ws gateway
 * takes them first). 微信云托管 health-checks a WebSocket service with plain HTTP requests on its
 * path, and restarts a container it judges unhealthy in a loop (developers.weixin.qq.com
 * /miniprogram/dev/wxcloudrun/src/development/websocket/miniprogram.html; docs/wxcloudrun.md):
 * answer 200 with a hint instead of 404.
 */
export const wsProbe: Middleware = (ctx) => {
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { code: 200, message: 'WebSocket endpoint: connect with Upgrade: websocket and ?sessionId=', data: {} };
};
