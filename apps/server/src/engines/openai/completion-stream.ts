import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { EngineError } from '../../ports/engine.js';
import { rawBody } from './node-http-fetch.js';
import { SseEvents, type CompletionChunk } from './sse-events.js';
import { SseNodeReader } from './sse-node-reader.js';
import { TruncatedStreamError } from './upstream-errors.js';
import type { CompletionClient } from './openai-client.js';

/** What one attempt listens to and how long it may wait. */
export interface AttemptOptions {
  /** The user's signal (stop, destroy, shutdown): ends the attempt quietly. */
  signal: AbortSignal;
  /** Fires when the whole answer's time is up (LLM_TOTAL_TIMEOUT). */
  deadline: AbortSignal;
  /** How long the provider may take to send its first text. */
  firstTokenMs: number;
  /** The total budget, for the timeout message. */
  totalMs: number;
}

/**
 * One streamed Chat Completions call, yielding the text deltas. Every way it can end:
 * - the user's signal aborts: the HTTP request is aborted (the provider sees the connection
 *   close) and the generator returns without yielding more;
 * - no text within `firstTokenMs`, or the deadline: aborted, then EngineError UPSTREAM_TIMEOUT;
 * - the stream ends without a finish_reason: {@link TruncatedStreamError};
 * - it finishes without any text (e.g. a content filter): EngineError UPSTREAM_ERROR;
 * - anything else the client throws (HTTP status, broken socket, malformed JSON) propagates
 *   for {@link classifyUpstreamError}.
 */
export async function* streamCompletion(client: CompletionClient, params: ChatCompletionCreateParamsStreaming, options: AttemptOptions): AsyncGenerator<string> {
  const firstToken = new AbortController();
  const timer = setTimeout(() => firstToken.abort(), options.firstTokenMs);
  const signal = AbortSignal.any([options.signal, options.deadline, firstToken.signal]);
  try {
    // maxRetries 0: retrying is the caller's decision, which it takes only before any text was shown.
    // The client sends the request and turns an error status into its APIError; the event stream
    // itself is read here (see SseEvents for why).
    const response = await client.chat.completions.create(params, { signal, maxRetries: 0 }).asResponse();
    const events = new SseEvents(response.headers);
    // Node's stream when the client fetches over node:http (see createNodeHttpFetch), else the web stream.
    const raw = rawBody(response);
    const reader = raw ? new SseNodeReader(raw, events) : undefined;
    const body = reader ? undefined : response.body;
    if (!reader && !body) throw new TruncatedStreamError();
    let finishReason: string | null = null;
    let wrote = false;
    let waitingForText = true;
    try {
      for await (const chunks of reader ? nodeChunks(reader) : webChunks(body!, events)) {
        for (const chunk of chunks) {
          const choice = chunk.choices[0];
          if (!choice) continue; // a usage-only chunk
          const delta = choice.delta;
          // Reasoning models (deepseek-reasoner, QwQ) think aloud in `reasoning_content` before the
          // answer: that shows the provider is alive, so it disarms the first-token timer, but it is
          // not shown to the user.
          if (waitingForText && (delta?.content || delta?.reasoning_content)) {
            waitingForText = false;
            clearTimeout(timer);
          }
          finishReason = choice.finish_reason ?? finishReason;
          if (delta?.content) {
            if (options.signal.aborted) return;
            wrote = true;
            yield delta.content;
          }
        }
        if (events.failure !== undefined) throw events.failure;
      }
    } catch (err) {
      // An abort while reading ends the stream quietly (as the client's own reader does); the
      // signals below say why.
      if (!signal.aborted) throw err;
    } finally {
      reader?.stop();
    }
    // The client ends an aborted stream without throwing, so an abort has to be read off the signals.
    throwIfTimedOut(firstToken.signal, options);
    if (options.signal.aborted) return;
    if (finishReason === null) throw new TruncatedStreamError();
    // A completed reply with no words would settle as an empty answer; say what happened instead.
    if (!wrote) {
      throw new EngineError(
        'UPSTREAM_ERROR',
        finishReason === 'content_filter' ? 'the model service withheld the reply (its content filter)' : 'the model service returned an empty reply',
      );
    }
  } catch (err) {
    if (options.signal.aborted) return;
    throwIfTimedOut(firstToken.signal, options);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The chunks of a Node stream, as they are parsed: a plain iterator (not a generator), so that a
 * piece costs one promise here; `for await` awaits the array only when it had to wait.
 */
function nodeChunks(reader: SseNodeReader): AsyncIterable<CompletionChunk[]> {
  const next = async (): Promise<IteratorResult<CompletionChunk[]>> => {
    for (;;) {
      const chunks = reader.take();
      if (chunks.length > 0) return { value: chunks, done: false };
      if (reader.events.failure !== undefined) throw reader.events.failure;
      if (reader.ended) {
        if (reader.error !== undefined) throw reader.error;
        return { value: undefined, done: true };
      }
      await reader.wait();
    }
  };
  return { [Symbol.asyncIterator]: () => ({ next }) };
}

/** The chunks of a web stream (a `fetch` other than createNodeHttpFetch's). */
async function* webChunks(body: AsyncIterable<Uint8Array>, events: SseEvents): AsyncGenerator<CompletionChunk[]> {
  for await (const bytes of body) {
    yield events.push(bytes);
  }
}

function throwIfTimedOut(firstToken: AbortSignal, options: AttemptOptions): void {
  if (options.signal.aborted) return;
  if (options.deadline.aborted) throw new EngineError('UPSTREAM_TIMEOUT', `the model service did not finish the reply within ${seconds(options.totalMs)}`);
  if (firstToken.aborted) throw new EngineError('UPSTREAM_TIMEOUT', `the model service did not start answering within ${seconds(options.firstTokenMs)}`);
}

/** "20 s", "0.3 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
