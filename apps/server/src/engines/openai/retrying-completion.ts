import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import { EngineError } from '../../ports/engine.js';
import { streamCompletion, type AttemptOptions } from './completion-stream.js';
import { backoffDelay, classifyUpstreamError } from './upstream-errors.js';
import type { CompletionClient } from './openai-client.js';

/** How {@link retryingCompletion} retries. */
export interface RetryOptions extends AttemptOptions {
  /** Retries after the first attempt (LLM_MAX_RETRIES). */
  maxRetries: number;
  /** First backoff delay; doubles per retry. */
  baseDelayMs: number;
  /** Longest backoff delay (a provider's Retry-After may ask for more, within the deadline). */
  maxDelayMs: number;
  /** When the whole answer must be done (epoch ms), to skip a retry that could not finish. */
  deadlineAt: number;
  log: Logger;
}

/**
 * Streams a completion, retrying on 429, 5xx and broken connections with backoff, but only while
 * no text has been yielded: once the user has seen words, a second attempt would answer
 * differently from what is already on screen, so a failure then ends the reply (the caller keeps
 * the partial text). Failures end as {@link EngineError}s; the user's abort ends quietly.
 */
export async function* retryingCompletion(client: CompletionClient, params: ChatCompletionCreateParamsStreaming, options: RetryOptions): AsyncGenerator<string> {
  for (let attempt = 0; ; attempt++) {
    let yielded = false;
    try {
      for await (const text of streamCompletion(client, params, options)) {
        yielded = true;
        yield text;
      }
      return;
    } catch (err) {
      if (options.signal.aborted) return;
      if (err instanceof EngineError) throw err; // a timeout: waiting again would only double the wait
      const failure = classifyUpstreamError(err);
      if (yielded || !failure.retryable || attempt >= options.maxRetries) throw failure.error;
      const delay = backoffDelay(attempt, options.baseDelayMs, options.maxDelayMs, failure.retryAfterMs);
      if (Date.now() + delay >= options.deadlineAt) throw failure.error;
      options.log.warn({ err, attempt: attempt + 1, delayMs: Math.round(delay) }, `[openai] ${failure.error.message}; retrying`);
      await pause(delay, AbortSignal.any([options.signal, options.deadline]));
      if (options.signal.aborted) return;
      if (options.deadline.aborted) throw failure.error;
    }
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}
