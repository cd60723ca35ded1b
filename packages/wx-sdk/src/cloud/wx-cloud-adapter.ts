import type { Adapter, HttpOutcome } from '../adapters/adapter.js';
import { classifyWxFailure, socketOf, withJson, wxAdapter, type WxFailResult, type WxLike, type WxSocketTask } from '../adapters/wx-adapter.js';

/** The part of `wx.cloud` the adapter uses (base library ≥ 2.23.0 for callContainer, 2.21.1 for connectContainer). */
export interface WxCloudLike {
  callContainer(option: {
    config: { env: string };
    path: string;
    method: 'GET' | 'POST';
    header: Record<string, string>;
    data?: string;
    timeout: number;
    dataType: 'json' | 'text';
    success?: (res: { statusCode: number; data: unknown; header?: Record<string, unknown> }) => void;
    fail?: (err: WxFailResult) => void;
  }): void;
  connectContainer(option: { config: { env: string }; service: string; path: string }): Promise<{ socketTask: WxSocketTask }>;
}

/** Options of {@link wxCloudAdapter}. */
export interface WxCloudAdapterOptions {
  /** The 云托管 environment id (`config.env`). */
  env: string;
  /** The service name (`X-WX-SERVICE`). */
  service: string;
  /** Defaults to the global `wx` (call `wx.cloud.init()` first). */
  wx?: WxLike & { cloud: WxCloudLike };
}

declare const wx: (WxLike & { cloud: WxCloudLike }) | undefined;

/** callContainer's client-side timeout must be at most 15 s (云托管 docs). */
export const CALL_CONTAINER_TIMEOUT_MS = 15_000;
/** Long-poll hold behind callContainer: 10 s, so the request ends well within its 15 s timeout. */
export const CLOUD_WAIT_SEC = 10;

const pathOf = (url: string) => url.replace(/^[a-z]+:\/\/[^/]+/i, '');

/**
 * The adapter for 微信云托管 (server `AUTH=wx-cloud`): requests go through `wx.cloud.callContainer`,
 * the socket through `wx.cloud.connectContainer`, and the platform adds the trusted `X-WX-OPENID`
 * — no domain whitelist, no login. callContainer cannot stream, so without a socket the client
 * long-polls with `wait` ≤ 10 s. Only the path of `baseUrl` is used.
 *
 * @example
 * wx.cloud.init();
 * const client = new ChatClient({ baseUrl: 'https://cloud', adapter: wxCloudAdapter({ env: 'prod-1a2b', service: 'mpchat' }) });
 */
export function wxCloudAdapter(options: WxCloudAdapterOptions): Adapter {
  const get = () => {
    const w = options.wx || (typeof wx !== 'undefined' ? wx : undefined);
    if (!w || !w.cloud) throw new Error('[wx-sdk] the cloud adapter needs wx.cloud (call wx.cloud.init() first)');
    return w.cloud;
  };
  const config = { env: options.env };
  const adapter = wxAdapter(options.wx);
  adapter.maxWaitSec = CLOUD_WAIT_SEC;
  adapter.request = (req, done) => {
    let finished = false;
    const finish = (outcome: HttpOutcome) => {
      if (finished) return;
      finished = true;
      done(outcome);
    };
    const header = withJson(req.body, req.headers);
    header['X-WX-SERVICE'] = options.service;
    get().callContainer({
      config,
      path: pathOf(req.url),
      method: req.method,
      header,
      data: req.body,
      timeout: Math.min(req.timeoutMs, CALL_CONTAINER_TIMEOUT_MS),
      dataType: 'json',
      // Like wx.request, success comes for any status; the core reads it.
      success: (res) => {
        const h = res.header || {};
        let retryAfter: string | undefined;
        for (const k in h) if (k.toLowerCase() === 'retry-after') retryAfter = String(h[k]);
        finish({ ok: true, status: res.statusCode, body: res.data, retryAfter });
      },
      fail: (err) => finish({ ok: false, failure: classifyWxFailure(err), message: err.errMsg }),
    });
    // callContainer has no abort: the answer is ignored instead.
    return { abort: () => void (finished = true) };
  };
  adapter.connectSocket = (url) =>
    socketOf((fail) => {
      // connectContainer answers the SocketTask asynchronously: listeners wait for it.
      const listeners: { [K in keyof WxSocketTask]?: (arg: never) => void } = {};
      let task: WxSocketTask | undefined;
      let closeWith: { code?: number; reason?: string } | undefined;
      get()
        .connectContainer({ config, service: options.service, path: pathOf(url) })
        .then(
          ({ socketTask }) => {
            task = socketTask;
            for (const k in listeners) (socketTask[k as 'onOpen'] as (l: unknown) => void)(listeners[k as 'onOpen']);
            if (closeWith) socketTask.close(closeWith);
          },
          (err: { errMsg?: string }) => fail({ errMsg: (err && err.errMsg) || 'connectContainer:fail' }),
        );
      const on =
        (k: 'onOpen' | 'onMessage' | 'onClose' | 'onError') =>
        (l: (arg: never) => void): void => {
          listeners[k] = l;
          if (task) (task[k] as (l: unknown) => void)(l);
        };
      return {
        send: (o) => (task ? task.send(o) : o.fail && o.fail({ errMsg: 'sendSocketMessage:fail not connected' })),
        close: (o) => (task ? task.close(o) : (closeWith = o)),
        onOpen: on('onOpen'),
        onMessage: on('onMessage'),
        onClose: on('onClose'),
        onError: on('onError'),
      };
    });
  return adapter;
}
