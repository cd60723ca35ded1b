// A `wx` for Node with WeChat's semantics over real HTTP and WebSocket (the `ws` package), so the
// page talks to a real server. Adapted from packages/wx-sdk/test/wx-shim.ts, keeping only what the
// page exercises. Sources: developers.weixin.qq.com/miniprogram/dev/api/network/…
// - wx.request calls success for ANY status (4xx/5xx included); fail only without an answer,
//   with errMsg `request:fail …` and errno.
// - In the background there is no network: requests fail `interrupted`, sockets fail to open.
// - SocketTask has no readyState and no off* methods; one listener per event.
// - wx.getRandomValues is asynchronous.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { WxLike, WxSocketTask } from '@mpchat/wx-sdk';
import WebSocket from 'ws';

type RequestOption = Parameters<WxLike['request']>[0];
type GetRandomValuesOption = Parameters<NonNullable<WxLike['getRandomValues']>>[0];

const toArrayBuffer = (buf: Buffer): ArrayBuffer => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;

export class WxShim {
  /** Every socket URL the page opened. */
  readonly socketUrls: string[] = [];
  /** `fail`: every connectSocket errors, as when the socket合法域名 is missing. */
  socketMode: 'normal' | 'fail' = 'normal';
  hidden = false;
  private readonly hideListeners = new Set<() => void>();
  private readonly showListeners = new Set<() => void>();

  request(option: RequestOption): { abort(): void } {
    let done = false;
    const fail = (errMsg: string, errno?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      option.fail?.(errno === undefined ? { errMsg } : { errMsg, errno });
    };
    const req = http.request(option.url, { method: option.method ?? 'GET', headers: option.header }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => fail('request:fail net::ERR_CONNECTION_RESET', 600001));
      res.on('end', () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        let data: unknown = Buffer.concat(chunks).toString('utf8');
        try {
          data = JSON.parse(data as string);
        } catch {
          // wx hands over the raw text when it is not JSON.
        }
        option.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers as Record<string, unknown> });
      });
    });
    req.on('error', (err) => fail(`request:fail ${err.message}`, 600001));
    const timer = setTimeout(() => {
      req.destroy();
      fail('request:fail timeout', 5);
    }, option.timeout ?? 60_000);
    if (this.hidden) {
      req.destroy();
      setTimeout(() => fail('request:fail interrupted', 600003), 0);
    } else {
      if (option.data !== undefined) req.write(option.data);
      req.end();
    }
    return {
      abort: () => {
        req.destroy();
        fail('request:fail abort');
      },
    };
  }

  connectSocket(option: { url: string }): WxSocketTask {
    this.socketUrls.push(option.url);
    return shimSocket(option.url, this.socketMode === 'fail' || this.hidden);
  }

  getRandomValues(option: GetRandomValuesOption): void {
    setTimeout(() => option.success?.({ randomValues: toArrayBuffer(randomBytes(option.length)) }), 1);
  }

  onAppHide(listener: () => void): void {
    this.hideListeners.add(listener);
  }
  offAppHide(listener: () => void): void {
    this.hideListeners.delete(listener);
  }
  onAppShow(listener: () => void): void {
    this.showListeners.add(listener);
  }
  offAppShow(listener: () => void): void {
    this.showListeners.delete(listener);
  }

  /** The user leaves the mini-program (home button, another app). */
  hide(): void {
    this.hidden = true;
    for (const fn of this.hideListeners) fn();
  }

  /** The user comes back. */
  show(): void {
    this.hidden = false;
    for (const fn of this.showListeners) fn();
  }
}

/** One SocketTask over a real `ws` connection; `refused` mimics a blocked domain. */
function shimSocket(url: string, refused: boolean): WxSocketTask {
  let onOpen: ((res: unknown) => void) | undefined;
  let onMessage: ((res: { data: string | ArrayBuffer }) => void) | undefined;
  let onClose: ((res: { code: number; reason: string }) => void) | undefined;
  let onError: ((res: { errMsg: string }) => void) | undefined;
  let closed = false;
  const finish = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    onClose?.({ code, reason });
  };
  let ws: WebSocket | undefined;
  if (refused) {
    setTimeout(() => {
      onError?.({ errMsg: 'connectSocket:fail' });
      finish(1006, 'abnormal closure');
    }, 5);
  } else {
    ws = new WebSocket(url);
    ws.on('open', () => onOpen?.({ header: {} }));
    ws.on('message', (data: Buffer) => onMessage?.({ data: data.toString('utf8') }));
    ws.on('close', (code: number, reason: Buffer) => finish(code, reason.toString()));
    ws.on('error', (err: Error) => onError?.({ errMsg: err.message }));
  }
  return {
    send: (option) => {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        option.fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
        return;
      }
      ws.send(option.data);
    },
    close: (option) => ws?.close(option.code ?? 1000, option.reason),
    onOpen: (fn) => (onOpen = fn),
    onMessage: (fn) => (onMessage = fn),
    onClose: (fn) => (onClose = fn),
    onError: (fn) => (onError = fn),
  };
}
