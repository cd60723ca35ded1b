import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerJscode2session, answerMsgSecCheck, answerStableToken } from './fake-wechat-protocol.js';
import { FakeWechatState, type FakeWechatApi, type FakeWechatCall, type FakeWechatTerm, type FakeWechatUser } from './fake-wechat-state.js';

/** Options of {@link startFakeWechat}. */
export interface FakeWechatOptions {
  appid?: string;
  secret?: string;
  /** `expires_in` of issued access tokens, seconds (default 7200, WeChat's value). */
  tokenLifetimeSec?: number;
}

/** A running fake of WeChat's API server (`api.weixin.qq.com`), for tests. */
export interface FakeWechat {
  /** Base URL to use as `WX_API_BASE`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly appid: string;
  readonly secret: string;
  /** Every request received, oldest first. */
  readonly calls: readonly FakeWechatCall[];
  /** The calls to one API. */
  callsTo(api: FakeWechatApi): FakeWechatCall[];
  /** How many access tokens `stable_token` has issued. */
  readonly tokensIssued: number;
  /** Lets `code` log in once as `user` (a code is valid once, as at WeChat). */
  addLoginCode(code: string, user: FakeWechatUser): void;
  /** Makes `jscode2session` answer `errcode` for `code` (40029, 45011, 40226, -1 …). */
  failLoginCode(code: string, errcode: number): void;
  /** msg_sec_check flags content containing `term`. */
  addTerm(term: string, verdict: FakeWechatTerm): void;
  /** msg_sec_check answers 61010 for this openid (user not active in the last 2 hours). */
  markInactive(openid: string): void;
  /** Delays every answer of `api` by `ms` (0 removes the delay). */
  setDelay(api: FakeWechatApi, ms: number): void;
  /** While down, requests to `api` have their connection cut without an answer. */
  setDown(api: FakeWechatApi, down: boolean): void;
  /** The next calls to `api` answer these errcodes, one per call (e.g. -1 busy, 45009 quota). */
  scriptErrors(api: FakeWechatApi, ...errcodes: number[]): void;
  /** Invalidates the current access token: using it answers `errcode` (40001 default, or 42001 expired). */
  expireToken(errcode?: 40001 | 42001): void;
  close(): Promise<void>;
}

const routes: Record<string, { method: string; api: FakeWechatApi }> = {
  '/sns/jscode2session': { method: 'GET', api: 'jscode2session' },
  '/cgi-bin/stable_token': { method: 'POST', api: 'stable_token' },
  '/wxa/msg_sec_check': { method: 'POST', api: 'msg_sec_check' },
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a fake WeChat API server on an ephemeral loopback port. It speaks WeChat's protocol:
 * HTTP 200 with a JSON `errcode` for errors, the access token in msg_sec_check's query string,
 * v2 answers with `result.suggest`. Tests register login codes and flagged terms, and script
 * delays, outages and errcodes.
 *
 * @example
 * const wx = await startFakeWechat();
 * wx.addLoginCode('code-1', { openid: 'o-alice' });
 * wx.addTerm('违禁词', { suggest: 'risky', label: 20001 });
 * // … point WX_API_BASE at wx.url, WX_APPID/WX_SECRET at wx.appid/wx.secret …
 * await wx.close();
 */
export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechat> {
  const state = new FakeWechatState(options.appid ?? 'wx-fake-appid', options.secret ?? 'fake-secret', options.tokenLifetimeSec ?? 7200);
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routes[url.pathname];
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const call: FakeWechatCall = { api: route?.api ?? 'unknown', method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    state.calls.push(call);
    if (!route || route.method !== req.method) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const delay = state.delays.get(route.api) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (state.down.has(route.api)) {
      req.socket.destroy();
      return;
    }
    const scripted = state.nextScriptedError(route.api);
    const answer =
      scripted !== undefined
        ? { errcode: scripted, errmsg: `scripted error ${scripted}` }
        : route.api === 'jscode2session'
          ? answerJscode2session(state, call.query)
          : route.api === 'stable_token'
            ? answerStableToken(state, body)
            : answerMsgSecCheck(state, call.query, body, raw);
    call.answer = answer;
    // WeChat serves jscode2session as text/plain; clients must not rely on the content type.
    const type = route.api === 'jscode2session' ? 'text/plain' : 'application/json; encoding=utf-8';
    res.writeHead(200, { 'content-type': type }).end(JSON.stringify(answer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    appid: state.appid,
    secret: state.secret,
    calls: state.calls,
    callsTo: (api) => state.calls.filter((c) => c.api === api),
    get tokensIssued() {
      return state.tokensIssued;
    },
    addLoginCode: (code, user) => void state.users.set(code, user),
    failLoginCode: (code, errcode) => void state.codeErrors.set(code, errcode),
    addTerm: (term, verdict) => void state.terms.set(term, verdict),
    markInactive: (openid) => void state.inactiveOpenids.add(openid),
    setDelay: (api, ms) => void state.delays.set(api, ms),
    setDown: (api, down) => void (down ? state.down.add(api) : state.down.delete(api)),
    scriptErrors: (api, ...errcodes) => void state.scriptedErrors.set(api, [...(state.scriptedErrors.get(api) ?? []), ...errcodes]),
    expireToken: (errcode = 40001) => {
      if (state.currentToken !== undefined) state.staleTokens.set(state.currentToken, errcode);
      state.currentToken = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
