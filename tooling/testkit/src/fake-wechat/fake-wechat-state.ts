// What the fake WeChat API server knows and how tests script it. Kept apart from the HTTP
// handling so the protocol file reads as the protocol. The protocol facts and their sources are in
// fake-wechat-protocol.ts.

/** A user registered for login: what `jscode2session` answers for their code. */
export interface FakeWechatUser {
  openid: string;
  unionid?: string;
  /** Defaults to a random base64 string. */
  sessionKey?: string;
}

/** What msg_sec_check v2 answers when a registered term occurs in the content. */
export interface FakeWechatTerm {
  suggest: 'review' | 'risky';
  /** WeChat's numeric label, e.g. 20001 politics, 20002 porn, 20006 crime, 21000 other. */
  label: number;
}

/** The three WeChat APIs the fake speaks, as keys for delays, outages and scripted errors. */
export type FakeWechatApi = 'jscode2session' | 'stable_token' | 'msg_sec_check';

/** One request the fake received, recorded for assertions. */
export interface FakeWechatCall {
  api: FakeWechatApi | 'unknown';
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (POST), `undefined` for GET or a body that is not JSON. */
  body: unknown;
  /** The JSON the fake answered with, `undefined` when it cut the connection. */
  answer?: unknown;
}

/** Mutable state behind the fake; tests change it through the `FakeWechat` methods. */
export class FakeWechatState {
  readonly users = new Map<string, FakeWechatUser>();
  readonly usedCodes = new Set<string>();
  readonly codeErrors = new Map<string, number>();
  readonly terms = new Map<string, FakeWechatTerm>();
  /** Openids that have not opened the mini-program lately (msg_sec_check answers 61010). */
  readonly inactiveOpenids = new Set<string>();
  readonly delays = new Map<FakeWechatApi, number>();
  readonly down = new Set<FakeWechatApi>();
  /** Errcodes the next calls to an API answer with, first in first out. */
  readonly scriptedErrors = new Map<FakeWechatApi, number[]>();
  readonly calls: FakeWechatCall[] = [];
  /** Tokens issued that no longer work, with the errcode using them gives (40001 or 42001). */
  readonly staleTokens = new Map<string, number>();
  currentToken: string | undefined;
  tokensIssued = 0;

  constructor(
    readonly appid: string,
    readonly secret: string,
    /** `expires_in` of issued tokens, in seconds (WeChat: at most 7200). */
    public tokenLifetimeSec: number,
  ) {}

  /** Takes the next scripted errcode for `api`, if any. */
  nextScriptedError(api: FakeWechatApi): number | undefined {
    const queue = this.scriptedErrors.get(api);
    return queue && queue.length > 0 ? queue.shift() : undefined;
  }

  /** Issues a new token (the old one turns stale with 40001, as after `force_refresh`). */
  rotateToken(): string {
    if (this.currentToken !== undefined) this.staleTokens.set(this.currentToken, 40001);
    this.tokensIssued += 1;
    this.currentToken = `fake-token-${this.tokensIssued}-${crypto.randomUUID().slice(0, 8)}`;
    return this.currentToken;
  }
}
