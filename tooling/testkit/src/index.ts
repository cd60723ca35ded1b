// The private test kit, one for the whole repository: every package's tests and the benchmarks import
// their helpers from here, never from another package's test folder.
export { startFakeWechat } from './fake-wechat/fake-wechat-server.js';
export type { FakeWechat, FakeWechatOptions } from './fake-wechat/fake-wechat-server.js';
export type { FakeWechatApi, FakeWechatCall, FakeWechatTerm, FakeWechatUser } from './fake-wechat/fake-wechat-state.js';
export { until } from './until.js';
export { freePort } from './free-port.js';
export { REDIS_URL, PrivateRedis, deleteKeys, testPrefix } from './redis.js';
export { spawnQuietServer, spawnServer, startServer, stopServer } from './spawn-server.js';
export type { KbServer, KbServerOptions, QuietServer, ServerProcess } from './spawn-server.js';
export { ShimCloud, ShimSocket, WxShim } from './wx-shim.js';
export type { AnswerHold, CallContainerOption, NetworkStatus, RequestOption, SeenRequest, WxFailResult, WxSocketTask } from './wx-shim.js';
