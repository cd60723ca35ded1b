import { GENERATING_CODE, OK_CODE } from '@mpchat/contract/wire';
import type { Adapter, HttpOutcome, HttpRequest } from './adapters/adapter.js';
import { backoff } from './backoff.js';
import { Cancel, raceCancel, sleep } from './cancel.js';
import type { TokenSource } from './auth/token-source.js';
import { ChatError, type ChatErrorCode } from './chat-error.js';
import { decodeUtf8 } from './utf8-decoder.js';

/** Settings of the HTTP layer. */
export interface HttpApiOptions {
  /** Base URL including the base path, e.g. `https://chat.example.com/mpweixin/chatbot`. */
  baseUrl: string;
  requestTimeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Sends `Authorization: Bearer …` and renews the token once on 401 (`auth` option). */
  auth?: TokenSource;
}

/** How one call behaves. */
export interface CallOptions {
  cancel?: Cancel;
  /** Retry network failures and retryable errors (idempotent calls only). */
  retry?: boolean;
  /** Overrides the request timeout (long-polls hold the request for up to 25 s). */
  timeoutMs?: number;
}

type Envelope = { code: number; message?: string; [key: string]: unknown };

function parseBody(body: unknown): unknown {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return parseBody(decodeUtf8(body as ArrayBuffer));
  return body;
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && typeof (v as Envelope).code === 'number';
}

/** Turns an answer into its envelope, or the ChatError it carries. */
export function readAnswer(status: number, body: unknown, retryAfter?: string): Envelope | ChatError {
  const env = parseBody(body);
  if (isEnvelope(env) && typeof env.error === 'string') {
    const retryAfterMs =
      typeof env.retryAfterMs === 'number' ? env.retryAfterMs : retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
    return new ChatError(env.error as ChatErrorCode, String(env.message || 'request failed'), {
      status: env.code || status,
      retryable: env.retryable === true,
      issues: Array.isArray(env.issues) ? (env.issues as ChatError['issues']) : undefined,
      requestId: typeof env.requestId === 'string' ? env.requestId : undefined,
      retryAfterMs,
      seq: typeof env.seq === 'number' ? env.seq : undefined,
    });
  }
  if (status >= 200 && status < 300 && isEnvelope(env) && (env.code === OK_CODE || env.code === GENERATING_CODE)) return env;
  // Not an mpchat answer: a proxy's error page, a wrong baseUrl. Gateways failing are worth retrying.
  return new ChatError('BAD_RESPONSE', `the server answered HTTP ${status} without an mpchat envelope`, {
    status,
    retryable: status >= 500 || status === 429,
  });
}

function networkError(outcome: Extract<HttpOutcome, { ok: false }>): ChatError {
  if (outcome.failure === 'timeout') return new ChatError('TIMEOUT', `request timed out: ${outcome.message}`, { retryable: true });
  return new ChatError('NETWORK_ERROR', `no answer from the server: ${outcome.message}`, { retryable: true });
}

/**
 * HTTP calls to the mpchat API: envelope reading, timeouts, cancellation, and retries (only for
 * calls marked idempotent) honouring the server's retryAfterMs / Retry-After.
 */
export class HttpApi {
  constructor(
    private readonly adapter: Adapter,
    private readonly options: HttpApiOptions,
    /** Resolves while the app is in the foreground (requests wait while it is hidden). */
    private readonly foreground: (cancel?: Cancel) => Promise<void>,
    /** Told how each request went: undefined when an envelope came back, else the failure. */
    private readonly onOutcome: (failure: ChatError | undefined) => void,
  ) {}

  /** POSTs a JSON body to `path` (relative to the base URL). */
  post<T>(path: string, body: object, options: CallOptions = {}): Promise<T> {
    return this.call<T>({ method: 'POST', url: this.options.baseUrl + path, body: JSON.stringify(body), timeoutMs: 0 }, options);
  }

  /** GETs `path` with a query string. */
  get<T>(path: string, query: Record<string, string | number | undefined>, options: CallOptions = {}): Promise<T> {
    let qs = '';
    for (const key in query) {
      const v = query[key];
      if (v !== undefined) qs += `${qs ? '&' : '?'}${key}=${encodeURIComponent(String(v))}`;
    }
    return this.call<T>({ method: 'GET', url: this.options.baseUrl + path + qs, timeoutMs: 0 }, options);
  }

  private async call<T>(req: HttpRequest, options: CallOptions): Promise<T> {
    const o = this.options;
    req.timeoutMs = options.timeoutMs || o.requestTimeoutMs;
    const auth = o.auth;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      await this.foreground(options.cancel);
      let token = '';
      if (auth) req.headers = this.headers((token = await raceCancel(auth.get(), options.cancel)));
      const outcome = await this.once(req, options.cancel);
      let error: ChatError;
      if (outcome.ok) {
        const answer = readAnswer(outcome.status, outcome.body, outcome.retryAfter);
        this.onOutcome(answer instanceof ChatError && answer.code === 'BAD_RESPONSE' ? answer : undefined);
        if (!(answer instanceof ChatError)) return answer as unknown as T;
        error = answer;
      } else {
        error = networkError(outcome);
        this.onOutcome(error);
      }
      // An expired token: log in again, once (a second 401 is final: no loop).
      if (auth && !renewed && error.code === 'UNAUTHENTICATED') {
        renewed = true;
        auth.renew(token);
        attempt--;
        continue;
      }
      // A 4xx (other than a retryable 429) is final: repeating the same request cannot succeed.
      if (!options.retry || !error.retryable || attempt >= o.maxRetries) throw error;
      // A request interrupted by the app going to the background is retried once it is back (above).
      await sleep(error.retryAfterMs !== undefined ? error.retryAfterMs : backoff(attempt, o.retryBaseMs, o.retryMaxMs), options.cancel);
    }
  }

  /** The `Authorization` header for `token` (default: the token in hand), for requests and the socket upgrade. */
  headers(token = this.options.auth && this.options.auth.value): Record<string, string> | undefined {
    return token ? { Authorization: `Bearer ${token}` } : undefined;
  }

  private once(req: HttpRequest, cancel: Cancel | undefined): Promise<HttpOutcome> {
    if (cancel && cancel.reason) return Promise.reject(cancel.reason);
    let off = () => undefined as void;
    const outcome = new Promise<HttpOutcome>((resolve) => {
      const handle = this.adapter.request(req, (o) => {
        off();
        resolve(o);
      });
      if (cancel) off = cancel.onAbort(() => handle.abort());
    });
    return raceCancel(outcome, cancel);
  }
}
