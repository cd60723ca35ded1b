/**
 * @mpchat/wx-sdk/cloud — the adapter for 微信云托管 (`wx.cloud.callContainer` /
 * `connectContainer`), a separate entry so the core bundle stays small for everyone else.
 *
 * @packageDocumentation
 */
export { CALL_CONTAINER_TIMEOUT_MS, CLOUD_WAIT_SEC, wxCloudAdapter } from './wx-cloud-adapter.js';
export type { WxCloudAdapterOptions, WxCloudLike } from './wx-cloud-adapter.js';
