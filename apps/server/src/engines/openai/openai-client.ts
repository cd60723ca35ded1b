import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, type ClientOptions } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { VERSION } from 'openai/version';
import pino, { type Logger } from 'pino';

/** What {@link createOpenAiClient} needs. */
export interface OpenAiClientOptions {
  baseURL: string;
  apiKey: string;
  /** Our own timers are shorter and decide; this only backs them up (it covers the wait for response headers). */
  backstopTimeoutMs: number;
  /** Where the client's warnings go. Default: nowhere. */
  log?: Logger;
  /** The `fetch` it sends requests with. Default: the built-in one. */
  fetch?: typeof fetch;
}

/**
 * The official client as the engine uses it: no retries of its own (retrying is the engine's
 * decision, taken only before any text was shown), and its warnings routed into our log.
 *
 * @example
 * const client = createOpenAiClient({ baseURL, apiKey, backstopTimeoutMs: 91_000, log });
 * const stream = await client.chat.completions.create({ model, messages, stream: true }, { signal });
 */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    // Explicit nulls: otherwise the client picks up OPENAI_ORG_ID / OPENAI_PROJECT_ID and sends them to any provider.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.backstopTimeoutMs,
    logger: sdkLogger(options.log ?? pino({ level: 'silent' })),
    logLevel: 'warn',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Routes the client's own warnings (e.g. the raw text of a malformed chunk) into our log. */
function sdkLogger(log: Logger): NonNullable<ClientOptions['logger']> {
  const warn = (message: string, ...detail: unknown[]): void => log.warn({ detail }, `[openai sdk] ${message}`);
  const ignore = (): void => undefined;
  return { error: warn, warn, info: ignore, debug: ignore };
}

/**
 * What the engine asks of a client: send one streamed Chat Completions request and hand back the
 * HTTP response once its status is known. The official client fits, and so does
 * {@link createCompletionClient}.
 */
export interface CompletionClient {
  chat: {
    completions: {
      create(params: ChatCompletionCreateParamsStreaming, options: { signal: AbortSignal; maxRetries?: number }): { asResponse(): Promise<Response> };
    };
  };
}

/**
 * The one request the engine sends, built directly: a POST of the JSON body to
 * `<baseURL>/chat/completions`, with the official client's headers and errors. Each reply paid
 * the general client for layers this request never uses (per-request options merging, header
 * sets, debug-log formatting at every log level) — a noticeable share of what a reply costs.
 * As with {@link createOpenAiClient}: no retries of its own, the backstop timer covers the wait
 * for the response headers, and the caller's signal aborts the request at any time (also while
 * the body streams). Failures are the client's own errors, for `classifyUpstreamError`:
 * an error status is its `APIError` subclass (the body read for its message), a failure to
 * connect `APIConnectionError`, the backstop `APIConnectionTimeoutError`, the caller's abort
 * `APIUserAbortError`.
 */
export function createCompletionClient(options: Omit<OpenAiClientOptions, 'log'>): CompletionClient {
  const url = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const headers = {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization: `Bearer ${options.apiKey}`,
    'user-agent': `OpenAI/JS ${VERSION}`,
  };
  const send = options.fetch ?? fetch;
  const post = async (params: ChatCompletionCreateParamsStreaming, signal: AbortSignal): Promise<Response> => {
    if (signal.aborted) throw new APIUserAbortError();
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal.addEventListener('abort', abort, { once: true });
    const backstop = setTimeout(abort, options.backstopTimeoutMs);
    let response: Response;
    try {
      response = await send(url, { method: 'POST', headers, body: JSON.stringify(params), signal: controller.signal });
    } catch (err) {
      signal.removeEventListener('abort', abort);
      if (signal.aborted) throw new APIUserAbortError();
      if (isTimeout(err)) throw new APIConnectionTimeoutError();
      throw new APIConnectionError({ cause: err instanceof Error ? err : new Error(String(err)) });
    } finally {
      clearTimeout(backstop);
    }
    if (response.ok) return response;
    signal.removeEventListener('abort', abort);
    const text = await response.text().catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
    const json = parseJson(text);
    throw APIError.generate(response.status, json as object | undefined, json === undefined ? text : undefined, response.headers);
  };
  return {
    chat: { completions: { create: (params, { signal }) => ({ asResponse: () => post(params, signal) }) } },
  };
}

/** The backstop's abort, or a connection timeout as `fetch` reports one (as the official client tells them). */
function isTimeout(err: unknown): boolean {
  if (typeof err === 'object' && err !== null && 'name' in err && err.name === 'AbortError') return true;
  return /timed? ?out/i.test(String(err) + (err instanceof Error && 'cause' in err ? String(err.cause) : ''));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
