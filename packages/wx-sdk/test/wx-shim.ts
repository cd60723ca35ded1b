// A fake `wx` for Node with WeChat's real semantics, speaking real HTTP and WebSocket (the `ws`
// package) to a real server. Sources: developers.weixin.qq.com/miniprogram/dev/api/network/…
// - wx.request calls success for ANY status (4xx/5xx included); fail only without an answer,
//   with errMsg `request:fail …` (timeout, abort, interrupted) and errno where WeChat has one.
// - A request still running a while after the app goes to the background fails `interrupted`.
// - SocketTask has no readyState and no off* methods; one listener per event.
// - wx.getRandomValues is asynchronous.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import WebSocket from 'ws';
import type { WxLike, WxSocketTask } from '../src/index.js';

type RequestOption = Parameters<WxLike['request']>[0];

/** A request as the shim saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
}

const toArrayBuffer = (buf: Buffer): ArrayBuffer => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;

export class WxShim implements WxLike {
  readonly requests: SeenRequest[] = [];
  readonly sockets: ShimSocket[] = [];
  inFlight = 0;
  maxInFlight = 0;
  liveSockets = 0;
  maxLiveSockets = 0;
  hidden = false;
  /** Requests and sockets started while the app was hidden (they cannot succeed). */
  startedWhileHidden = 0;
  /** WeChat: about 5 s; tests shorten it. */
  interruptAfterMs = 5_000;
  /** `fail`: every connectSocket errors (a blocked socket domain, a wrong URL). */
  socketMode: 'normal' | 'fail' = 'normal';
  /** Deliver socket messages as ArrayBuffer (exercises the SDK's UTF-8 decoding). */
  binaryFrames = false;
  getRandomValues?: WxLike['getRandomValues'] = (option) => {
    setTimeout(() => option.success?.({ randomValues: toArrayBuffer(randomBytes(option.length)) }), 1);
  };
  private readonly drops: Array<{ match: (r: SeenRequest) => boolean; left: number }> = [];
  private readonly running = new Set<() => void>();
  private readonly hideListeners = new Set<() => void>();
  private readonly showListeners = new Set<() => void>();

  /** The next `count` requests matching `match` reach the server, but their answers are lost. */
  dropAnswers(match: (r: SeenRequest) => boolean, count = 1): void {
    this.drops.push({ match, left: count });
  }

  request(option: RequestOption): { abort(): void } {
    const seen: SeenRequest = { method: option.method ?? 'GET', url: option.url, body: option.data === undefined ? undefined : JSON.parse(String(option.data)) };
    this.requests.push(seen);
    let done = false;
    const settle = () => {
      done = true;
      this.inFlight--;
      clearTimeout(timer);
      this.running.delete(interrupt);
    };
    const fail = (errMsg: string, errno?: number) => {
      if (done) return;
      settle();
      option.fail?.(errno === undefined ? { errMsg } : { errMsg, errno });
    };
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const interrupt = () => {
      req.destroy();
      fail('request:fail interrupted', 600003);
    };
    const req = http.request(option.url, { method: seen.method, headers: option.header }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => fail('request:fail net::ERR_CONNECTION_RESET', 600001));
      res.on('end', () => {
        if (done) return;
        const drop = this.drops.find((d) => d.left > 0 && d.match(seen));
        if (drop) {
          drop.left--;
          return fail('request:fail net::ERR_CONNECTION_RESET', 600001);
        }
        const buf = Buffer.concat(chunks);
        let data: unknown = option.responseType === 'arraybuffer' ? toArrayBuffer(buf) : buf.toString('utf8');
        if ((option.dataType ?? 'json') === 'json' && typeof data === 'string') {
          try {
            data = JSON.parse(data);
          } catch {
            // wx hands over the raw text when it is not JSON.
          }
        }
        settle();
        option.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers as Record<string, unknown> });
      });
    });
    req.on('error', (err) => fail(`request:fail ${err.message}`, 600001));
    const timer = setTimeout(() => {
      req.destroy();
      fail('request:fail timeout', 5);
    }, option.timeout ?? 60_000);
    if (this.hidden) {
      // In the background there is no network.
      this.startedWhileHidden++;
      setTimeout(interrupt, 0);
    } else this.running.add(interrupt);
    if (option.data !== undefined) req.write(option.data);
    req.end();
    return {
      abort: () => {
        req.destroy();
        fail('request:fail abort');
      },
    };
  }

  connectSocket(option: { url: string }): WxSocketTask {
    return new ShimSocket(this, option.url).task;
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

  get lifecycleListeners(): number {
    return this.hideListeners.size + this.showListeners.size;
  }

  /** The app goes to the background: requests still running after interruptAfterMs fail. */
  hide(): void {
    this.hidden = true;
    for (const fn of this.hideListeners) fn();
    const running = [...this.running];
    setTimeout(() => {
      if (this.hidden) for (const interrupt of running) interrupt();
    }, this.interruptAfterMs);
  }

  show(): void {
    this.hidden = false;
    for (const fn of this.showListeners) fn();
  }
}

type Listener<T> = ((res: T) => void) | undefined;

/** One SocketTask over a real `ws` connection, with faults a mobile network has. */
export class ShimSocket {
  readonly url: string;
  ws: WebSocket | undefined;
  /** Frames the server sent that reached the task (text). */
  readonly received: string[] = [];
  private stalled = false;
  private counted = true;
  private finished = false;
  private onOpenFn: Listener<unknown>;
  private onMessageFn: Listener<{ data: string | ArrayBuffer }>;
  private onCloseFn: Listener<{ code: number; reason: string }>;
  private onErrorFn: Listener<{ errMsg: string }>;

  constructor(
    private readonly shim: WxShim,
    url: string,
  ) {
    this.url = url;
    shim.sockets.push(this);
    shim.liveSockets++;
    shim.maxLiveSockets = Math.max(shim.maxLiveSockets, shim.liveSockets);
    if (shim.hidden) shim.startedWhileHidden++;
    if (shim.socketMode === 'fail' || shim.hidden) {
      setTimeout(() => {
        this.onErrorFn?.({ errMsg: 'connectSocket:fail' });
        this.finish(1006, 'abnormal closure');
      }, 5);
      return;
    }
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on('open', () => !this.stalled && this.onOpenFn?.({ header: {} }));
    ws.on('message', (data: Buffer) => {
      if (this.stalled || !this.counted) return;
      const text = data.toString('utf8');
      this.received.push(text);
      this.onMessageFn?.({ data: shim.binaryFrames ? toArrayBuffer(Buffer.from(text, 'utf8')) : text });
    });
    ws.on('close', (code: number, reason: Buffer) => this.finish(code, reason.toString()));
    ws.on('error', (err: Error) => !this.stalled && this.onErrorFn?.({ errMsg: err.message }));
  }

  /** The network drops the connection: the task sees close 1006. */
  terminate(): void {
    this.ws?.terminate();
  }

  /** The network goes silent: nothing arrives, nothing leaves, no close event. */
  stall(): void {
    this.stalled = true;
  }

  private uncount(): void {
    if (!this.counted) return;
    this.counted = false;
    this.shim.liveSockets--;
  }

  private finish(code: number, reason: string): void {
    if (this.finished) return;
    this.finished = true;
    this.uncount();
    if (!this.stalled) this.onCloseFn?.({ code, reason });
  }

  readonly task: WxSocketTask = {
    send: (option) => {
      if (this.stalled) return;
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        option.fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' });
        return;
      }
      this.ws.send(option.data);
    },
    close: (option) => {
      this.uncount();
      if (!this.ws) return;
      if (this.stalled) this.ws.terminate();
      else this.ws.close(option.code ?? 1000, option.reason);
    },
    onOpen: (fn) => (this.onOpenFn = fn),
    onMessage: (fn) => (this.onMessageFn = fn),
    onClose: (fn) => (this.onCloseFn = fn),
    onError: (fn) => (this.onErrorFn = fn),
  };
}
