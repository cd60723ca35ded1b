import { finished, type Readable } from 'node:stream';
import type { CompletionChunk, SseEvents } from './sse-events.js';

/** Parsed chunks held before the response is paused (a consumer slower than the provider). */
const HIGH_WATER = 64;

/**
 * Reads a Chat Completions event stream from a Node stream: each `data` event is parsed as it
 * comes ({@link SseEvents}) and its chunks wait in a queue for {@link take} / {@link wait}.
 * Per piece this is one event and, when the consumer is waiting, one promise; Node's own async
 * iterator adds an async generator, a `read()` and a promise per chunk, a large part of what a
 * streamed piece cost the server.
 *
 * It ends like that iterator: {@link error} is set when the stream fails or closes before its
 * end (as `finished` reports it), and {@link stop} destroys a stream not read to its end (a
 * keep-alive socket must not be reused in the middle of a response).
 */
export class SseNodeReader {
  private queue: CompletionChunk[] = [];
  private wake: (() => void) | undefined;
  private readonly cleanup: () => void;
  /** The stream is over (see {@link error}). */
  ended = false;
  /** Why it ended early, if it did. */
  error: unknown;

  constructor(
    private readonly body: Readable,
    readonly events: SseEvents,
  ) {
    body.on('data', (data: string | Buffer) => {
      const chunks = events.push(data);
      if (chunks.length > 0) {
        if (this.queue.length === 0) this.queue = chunks;
        else for (const c of chunks) this.queue.push(c);
        if (this.queue.length >= HIGH_WATER) body.pause();
      }
      if (chunks.length > 0 || events.failure !== undefined) this.wakeUp();
    });
    this.cleanup = finished(body, { writable: false }, (err) => {
      this.ended = true;
      this.error = err ?? undefined;
      this.wakeUp();
    });
  }

  /** The chunks parsed and not yet taken (empty when none are waiting). */
  take(): CompletionChunk[] {
    const out = this.queue;
    if (out.length > 0) this.queue = [];
    if (this.body.isPaused() && !this.ended) this.body.resume();
    return out;
  }

  /** Resolves when there are chunks to take, the parser failed, or the stream ended. */
  wait(): Promise<void> {
    if (this.queue.length > 0 || this.ended || this.events.failure !== undefined) return Promise.resolve();
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Done reading: a stream not at its end is destroyed. */
  stop(): void {
    this.cleanup();
    if (!this.ended || this.error !== undefined) this.body.destroy();
  }

  private wakeUp(): void {
    const wake = this.wake;
    if (!wake) return;
    this.wake = undefined;
    wake();
  }
}
