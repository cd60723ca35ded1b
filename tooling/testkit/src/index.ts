// The private test kit (CONVENTIONS.md rule 14): every package's tests and the benchmarks import
// their helpers from here, never from another package's test folder.
export { startFakeWechat } from './fake-wechat/fake-wechat-server.js';
export type { FakeWechat, FakeWechatOptions } from './fake-wechat/fake-wechat-server.js';
export type { FakeWechatApi, FakeWechatCall, FakeWechatTerm, FakeWechatUser } from './fake-wechat/fake-wechat-state.js';
export { until } from './until.js';
