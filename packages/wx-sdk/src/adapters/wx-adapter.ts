import { ChatError } from '../chat-error.js';
import type { Adapter, HttpOutcome, NetworkFailure, SocketConnection } from './adapter.js';

/** What `wx.request`'s fail callback receives. `errno` exists from base library 2.24.0. */
export interface WxFailResult {
  errMsg: string;
  errno?: number;
}

/** A WeChat SocketTask: no readyState and no off* methods. */
export interface WxSocketTask {
  send(option: { data: string | ArrayBuffer; fail?: (err: WxFailResult) => void }): void;
  close(option: { code?: number; reason?: string }): void;
  onOpen(listener: (res: unknown) => void): void;
  onMessage(listener: (res: { data: string | ArrayBuffer }) => void): void;
  onClose(listener: (res: { code: number; reason: string }) => void): void;
  onError(listener: (res: { errMsg: string }) => void): void;
}

/**
 * The part of the `wx` object the SDK uses. Per-call `timeout` needs base library 2.10.0,
 * `wx.getRandomValues` 2.15.0 (the SDK falls back without it).
 */
export interface WxLike {
  request(option: {
    url: string;
    method?: 'GET' | 'POST';
    data?: string;
    header?: Record<string, string>;
    timeout?: number;
    dataType?: string;
    responseType?: 'text' | 'arraybuffer';
    success?: (res: { statusCode: number; data: unknown; header?: Record<string, unknown> }) => void;
    fail?: (err: WxFailResult) => void;
  }): { abort(): void };
  connectSocket(option: { url: string; timeout?: number; header?: Record<string, string>; fail?: (err: WxFailResult) => void }): WxSocketTask;
  /** `auth: 'wx-login'`: a one-time code for the server's login (valid 5 minutes). */
  login?(option: { timeout?: number; success?: (res: { code: string }) => void; fail?: (err: WxFailResult) => void }): void;
  /** Base library 2.0.0 (its `offNetworkStatusChange`, 2.9.3, is used where present). */
  onNetworkStatusChange?(listener: (res: { isConnected: boolean }) => void): void;
  getRandomValues?(option: {
    length: number;
    success?: (res: { randomValues: ArrayBuffer }) => void;
    fail?: (err: WxFailResult) => void;
  }): void;
}

declare const wx: WxLike | undefined;

/**
 * Classifies a `wx.request` failure. errno is preferred where present (PublicErrno.html: 5 "api
 * timeout", 600003 "network interrupted"); else the errMsg, whose timeout text is localized
 * (`request:fail timeout`, `request:fail 请求超时`).
 */
export function classifyWxFailure(err: WxFailResult): NetworkFailure {
  const msg = err.errMsg || '';
  if (err.errno === 5 || /time\s?out|超时/i.test(msg)) return 'timeout';
  if (/abort/i.test(msg)) return 'abort';
  if (err.errno === 600003 || /interrupted|中断/i.test(msg)) return 'interrupted';
  return 'network';
}

function headerValue(header: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const key in header) if (key.toLowerCase() === name) return String(header[key]);
  return undefined;
}

/** Request headers: the caller's, plus the JSON content type when there is a body. */
export function withJson(body: string | undefined, headers?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  for (const k in headers) h[k] = headers[k]!;
  return h;
}

/** A {@link SocketConnection} over a SocketTask; `open` is handed the fail callback of the connect call. */
export function socketOf(open: (fail: (err: WxFailResult) => void) => WxSocketTask): SocketConnection {
  let failed: ((message: string) => void) | undefined;
  const task = open((err) => failed && failed(err.errMsg));
  return {
    send: (text, onFail) => task.send({ data: text, fail: (err) => onFail(err.errMsg) }),
    // SocketTask.close accepts 1000 or 3000-4999.
    close: (code, reason) => task.close({ code, reason }),
    onOpen: (listener) => task.onOpen(() => listener()),
    onMessage: (listener) => task.onMessage((res) => listener(res.data)),
    onClose: (listener) => task.onClose((res) => listener(res.code, res.reason)),
    onError: (listener) => {
      failed = listener;
      task.onError((res) => listener(res.errMsg));
    },
  };
}

/**
 * The adapter for WeChat mini-programs: `wx.request`, `wx.connectSocket`, `wx.getRandomValues`.
 * `api` defaults to the global `wx`.
 *
 * @example
 * const client = new ChatClient({ baseUrl: 'https://chat.example.com', adapter: wxAdapter() });
 */
export function wxAdapter(api?: WxLike): Adapter {
  const get = (): WxLike => {
    const w = api || (typeof wx !== 'undefined' ? wx : undefined);
    if (!w) throw new Error('[wx-sdk] the wx adapter needs the global wx object (or pass one)');
    return w;
  };
  return {
    request(req, done) {
      let finished = false;
      const finish = (outcome: HttpOutcome) => {
        if (finished) return;
        finished = true;
        done(outcome);
      };
      const task = get().request({
        url: req.url,
        method: req.method,
        data: req.body,
        header: withJson(req.body, req.headers),
        timeout: req.timeoutMs,
        dataType: 'json',
        responseType: 'text',
        // wx.request calls success for ANY status (framework/ability/network.html): the core reads it.
        success: (res) =>
          finish({ ok: true, status: res.statusCode, body: res.data, retryAfter: headerValue(res.header, 'retry-after') }),
        fail: (err) => finish({ ok: false, failure: classifyWxFailure(err), message: err.errMsg }),
      });
      return {
        abort() {
          finished = true;
          task.abort();
        },
      };
    },
    connectSocket(url, timeoutMs, header) {
      return socketOf((fail) => get().connectSocket({ url, timeout: timeoutMs, header, fail }));
    },
    login: () =>
      new Promise((resolve, reject) =>
        get().login!({ success: (res) => resolve(res.code), fail: (err) => reject(new ChatError('UNAUTHENTICATED', `wx.login failed: ${err.errMsg}`)) }),
      ),
    watchNetwork(onChange) {
      const w = api || (typeof wx !== 'undefined' ? wx : undefined);
      if (!w || typeof w.onNetworkStatusChange !== 'function') return () => undefined;
      // A switch to another network fires with isConnected: the old socket may be stranded.
      const listener = (res: { isConnected: boolean }) => res.isConnected && onChange();
      w.onNetworkStatusChange(listener);
      // Not in WxLike: WeChat's typings give the listener to remove another parameter type.
      const off = (w as { offNetworkStatusChange?: (l: typeof listener) => void }).offNetworkStatusChange;
      return () => off && off.call(w, listener);
    },
    randomBytes(length) {
      return new Promise((resolve) => {
        const w = api || (typeof wx !== 'undefined' ? wx : undefined);
        if (!w || typeof w.getRandomValues !== 'function') return resolve(null);
        w.getRandomValues({
          length,
          success: (res) => resolve(new Uint8Array(res.randomValues)),
          fail: () => resolve(null),
        });
      });
    },
  };
}

/** Whether a global `wx` with `request` exists (the code runs in a mini-program). */
export function hasWx(): boolean {
  return typeof wx !== 'undefined' && !!wx && typeof wx.request === 'function';
}
