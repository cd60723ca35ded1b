import OpenAI, { type ClientOptions } from 'openai';
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
