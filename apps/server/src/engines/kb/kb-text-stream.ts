import { setTimeout as sleep } from 'node:timers/promises';
/** How {@link streamText} paces a reply. */
export interface TextStreamOptions {
  /** Code points per chunk (at least 1). */
  chunkSize: number;
  /** Pause between chunks, so clients see the reply grow; 0 streams without pausing. */
  chunkDelayMs: number;
  /** Stops the stream at the next chunk boundary, or during a pause. */
  signal: AbortSignal;
}

/**
 * Yields `text` in chunks of `chunkSize` code points (so an emoji or other surrogate pair is
 * never cut in half) with a pause between them. On abort it simply ends: the caller keeps
 * what was yielded so far, which is what a user who pressed "stop" expects to see.
 *
 * @example
 * for await (const piece of streamText(reply, { chunkSize: 12, chunkDelayMs: 15, signal })) send(piece);
 */
export async function* streamText(text: string, options: TextStreamOptions): AsyncGenerator<string> {
  const codePoints = Array.from(text);
  const size = Math.max(1, Math.floor(options.chunkSize));
  for (let start = 0; start < codePoints.length; start += size) {
    if (options.signal.aborted) return;
    if (start > 0 && options.chunkDelayMs > 0) {
      await pause(options.chunkDelayMs, options.signal);
      if (options.signal.aborted) return;
    }
    yield codePoints.slice(start, start + size).join('');
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}
