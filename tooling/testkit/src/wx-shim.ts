// Over the ~8 KB a file should hold, on purpose: the fake `wx` object, its SocketTask and its
// `wx.cloud` share the shim's state (live sockets, hidden app, network faults) as WeChat's do.
// A fake `wx` for Node with WeChat's real semantics, speaking real HTTP and WebSocket (the `ws`
// package) to a real server. Sources: developers.weixin.qq.com/miniprogram/dev/api/network/…
// - wx.request calls success for ANY status (4xx/5xx included); fail only without an answer,
//   with errMsg `request:fail …` (timeout, abort, interrupted) and errno where WeChat has one.
// - A request still running a while after the app goes to the background fails `interrupted`.
// - SocketTask has no readyState and no off* methods; one listener per event.
// - wx.getRandomValues is asynchronous (and its callbacks need not come back in call order).
// - wx.onNetworkStatusChange fires on a network switch; a socket on the old network may die
//   without any close event.
// - wx.login answers a one-time code (valid 5 minutes) that the server exchanges at WeChat;
//   here `loginCode` makes it (tests register it with the fake WeChat API server).
// - wx.cloud.callContainer / connectContainer (微信云托管) reach the container through the
//   platform, which injects the trusted X-WX-OPENID header; the client timeout is at most 15 s;
//   callContainer answers any status through success, like wx.request.
// The types are written out here (structurally those of @mpchat/wx-sdk's WxLike) so the kit does
// not depend on the SDK it tests.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import WebSocket from 'ws';

/** What `wx.request` / `wx.connectSocket` fail callbacks receive. */
export interface WxFailResult {
  errMsg: string;
  errno?: number;
}

/** The options of `wx.request` the shim honours. */
export interface RequestOption {
  url: string;
  method?: 'GET' | 'POST';
  data?: string;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
  responseType?: 'text' | 'arraybuffer';
  success?: (res: { statusCode: number; data: unknown; header?: Record<string, unknown> }) => void;
  fail?: (err: WxFailResult) => void;
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

/** What `wx.onNetworkStatusChange` listeners receive. */
export interface NetworkStatus {
  isConnected: boolean;
  networkType: string;
}

type RandomOption = { length: number; success?: (res: { randomValues: ArrayBuffer }) => void; fail?: (err: WxFailResult) => void };

/** Answers held back by {@link WxShim.holdAnswers}. */
export interface AnswerHold {
  /** How many answers the hold caught so far (their requests reached the server). */
  readonly caught: number;
  /** Delivers the caught answers and lets later ones through. */
  release(): void;
}

/** A request as the shim saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
}

const toArrayBuffer = (buf: Buffer): ArrayBuffer => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;

/** A fake `wx` object (see the top of this file for the WeChat behaviour it reproduces). */
export class WxShim {
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
  /** Delays (ms) of the next getRandomValues callbacks, in call order; then 1 ms each. */
  readonly randomDelays: number[] = [];
  getRandomValues?: (option: RandomOption) => void = (option) => {
    const delay = this.randomDelays.length > 0 ? this.randomDelays.shift()! : 1;
    setTimeout(() => option.success?.({ randomValues: toArrayBuffer(randomBytes(option.length)) }), delay);
  };
  /** Makes each wx.login code (WeChat's are one-time, valid 5 minutes); undefined: wx.login fails. */
  loginCode: (() => string) | undefined;
  /** How many times wx.login was called. */
  logins = 0;
  /** 微信云托管 as the platform runs it: the container's URL and the user it vouches for. */
  readonly cloud = new ShimCloud(this);
  private readonly drops: Array<{ match: (r: SeenRequest) => boolean; left: number }> = [];
  private readonly holds: Array<{ match: (r: SeenRequest) => boolean; held: Array<() => void> | undefined; caught: number }> = [];
  private readonly networkListeners = new Set<(res: NetworkStatus) => void>();
  private readonly running = new Set<() => void>();
  private readonly hideListeners = new Set<() => void>();
  private readonly showListeners = new Set<() => void>();

  /** The next `count` requests matching `match` reach the server, but their answers are lost. */
  dropAnswers(match: (r: SeenRequest) => boolean, count = 1): void {
    this.drops.push({ match, left: count });
  }

  /**
   * Answers to requests matching `match` are held back (the requests reach the server and are
   * answered there) until `release()`: a request that stays in flight as long as a test needs.
   */
  holdAnswers(match: (r: SeenRequest) => boolean): AnswerHold {
    const hold = { match, held: [] as Array<() => void> | undefined, caught: 0 };
    this.holds.push(hold);
    return {
      get caught() {
        return hold.caught;
      },
      release: () => {
        const held = hold.held ?? [];
        hold.held = undefined;
        for (const deliver of held) deliver();
      },
    };
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
        const hold = this.holds.find((h) => h.held && h.match(seen));
        if (hold) {
          hold.caught++;
          hold.held!.push(() => deliver(Buffer.concat(chunks)));
          return;
        }
        deliver(Buffer.concat(chunks));
      });
      const deliver = (buf: Buffer) => {
        if (done) return;
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
      };
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

  connectSocket(option: { url: string; header?: Record<string, string> }): WxSocketTask {
    return new ShimSocket(this, option.url, option.header).task;
  }

  login(option: { success?: (res: { code: string; errMsg: string }) => void; fail?: (err: WxFailResult) => void }): void {
    this.logins++;
    const code = this.loginCode?.();
    setTimeout(() => (code === undefined ? option.fail?.({ errMsg: 'login:fail' }) : option.success?.({ code, errMsg: 'login:ok' })), 1);
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

  onNetworkStatusChange(listener: (res: NetworkStatus) => void): void {
    this.networkListeners.add(listener);
  }
  offNetworkStatusChange(listener?: (res: NetworkStatus) => void): void {
    if (!listener) return this.networkListeners.clear();
    this.networkListeners.delete(listener);
  }

  /**
   * The phone moves to another network (Wi-Fi → 4G): every open socket goes silent without a close
   * event (its TCP connection is stranded on the old network), then onNetworkStatusChange fires.
   */
  switchNetwork(networkType = '4g'): void {
    for (const s of this.sockets) s.stall();
    for (const fn of this.networkListeners) fn({ isConnected: true, networkType });
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
    headers?: Record<string, string>,
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
    const ws = new WebSocket(url, headers ? { headers } : {});
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

/** What `wx.cloud.callContainer` takes (the part the shim honours). */
export interface CallContainerOption {
  config: { env: string };
  path: string;
  method?: 'GET' | 'POST';
  header?: Record<string, string>;
  data?: string;
  timeout?: number;
  dataType?: string;
  success?: (res: { statusCode: number; data: unknown; header?: Record<string, unknown> }) => void;
  fail?: (err: WxFailResult) => void;
}

/**
 * `wx.cloud` of a mini-program on 微信云托管: the container is reached over real HTTP / WebSocket
 * at `containerUrl`, with the headers the platform injects (`X-WX-OPENID` of {@link ShimCloud.openid},
 * `X-WX-ENV`, `X-WX-SOURCE`). `calls` records each callContainer's path and timeout.
 */
export class ShimCloud {
  /** The container's origin, e.g. the test server's URL. */
  containerUrl = '';
  /** The user the platform vouches for; undefined: no X-WX-OPENID (iOS 高性能+ sockets). */
  openid: string | undefined = 'o-cloud-user';
  readonly calls: Array<{ path: string; timeout: number | undefined; service: string | undefined }> = [];

  constructor(private readonly shim: WxShim) {}

  private platformHeaders(env: string): Record<string, string> {
    return { 'X-WX-ENV': env, 'X-WX-SOURCE': 'wx_client', ...(this.openid === undefined ? {} : { 'X-WX-OPENID': this.openid }) };
  }

  callContainer(option: CallContainerOption): void {
    const service = Object.entries(option.header ?? {}).find(([k]) => k.toLowerCase() === 'x-wx-service')?.[1];
    this.calls.push({ path: option.path, timeout: option.timeout, service });
    if (option.timeout !== undefined && option.timeout > 15_000) {
      setTimeout(() => option.fail?.({ errMsg: 'cloud.callContainer:fail timeout must be at most 15000 ms' }), 1);
      return;
    }
    // The platform replaces whatever identity headers the client sent.
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries(option.header ?? {})) if (!/^x-wx-/i.test(k) || /^x-wx-service$/i.test(k)) header[k] = v;
    this.shim.request({
      url: this.containerUrl + option.path,
      method: option.method ?? 'GET',
      header: { ...header, ...this.platformHeaders(option.config.env) },
      timeout: option.timeout ?? 15_000,
      dataType: option.dataType ?? 'json',
      ...(option.data === undefined ? {} : { data: option.data }),
      success: (res) => option.success?.(res),
      fail: (err) => option.fail?.({ errMsg: err.errMsg.replace(/^request:/, 'cloud.callContainer:') }),
    });
  }

  connectContainer(option: { config: { env: string }; service: string; path: string }): Promise<{ socketTask: WxSocketTask }> {
    const url = this.containerUrl.replace(/^http/, 'ws') + option.path;
    return Promise.resolve({ socketTask: new ShimSocket(this.shim, url, this.platformHeaders(option.config.env)).task });
  }
}
