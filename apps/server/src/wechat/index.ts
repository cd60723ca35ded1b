// WeChat's server API: login code exchange, content check, and the shared access token.
export { AccessTokenCache } from './access-token-cache.js';
export type { AccessTokenCacheOptions, FetchedToken } from './access-token-cache.js';
export { RedisSharedCache } from './redis-shared-cache.js';
export { MemorySharedCache } from './shared-cache.js';
export type { SharedCache } from './shared-cache.js';
export { createWechatClient, DEFAULT_WX_API_BASE } from './wechat-client.js';
export type { SecCheckResult, SecCheckScene, WechatClient, WechatClientOptions, WechatSession } from './wechat-client.js';
export { WechatApiError } from './wechat-errors.js';
export { wechatSettings } from './wechat-settings.js';
