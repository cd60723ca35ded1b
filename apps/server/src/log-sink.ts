import sonicBoom, { type SonicBoom as SonicBoomStream } from 'sonic-boom';

// A CommonJS module whose export is the class itself (also as its `SonicBoom` property).
const { SonicBoom } = sonicBoom;

/** Where the server's log lines go, built so that a log reader that goes away never holds the process. */
export interface LogSink {
  /** The stream to hand to pino. */
  readonly stream: SonicBoomStream;
  /** Lines dropped because the reader fell too far behind, and write errors survived. */
  readonly counts: { dropped: number; errors: number };
  /** Waits for buffered lines to be written, at most `timeoutMs` (a stuck reader gets nothing more). */
  settle(timeoutMs: number): Promise<void>;
}

/** How much log text may wait for a slow reader before new lines are dropped. */
export const LOG_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Log lines to a file descriptor (stdout) without ever blocking the process on it. pino's default
 * destination registers an exit hook that writes everything out synchronously, retrying forever
 * while the pipe is full, so a log shipper that stopped reading (or restarts) turns the last
 * `process.exit` into a hang. Here instead:
 * - writes are asynchronous, and at most {@link LOG_BUFFER_BYTES} wait for a slow reader; later
 *   lines are dropped (and counted) rather than piling up in memory;
 * - a write error (EPIPE when the reader is gone, EIO, EBADF …) is counted and survived; after
 *   EPIPE nothing more is written;
 * - there is no exit hook: shutdown waits for the buffer with a deadline ({@link LogSink.settle}).
 *
 * @example
 * const sink = createLogSink();
 * const logger = pino({ level: 'info' }, sink.stream);
 * await sink.settle(1_000); process.exit(0);
 */
export function createLogSink(fd = 1, maxBufferedBytes = LOG_BUFFER_BYTES): LogSink {
  const stream = new SonicBoom({ fd, sync: false, maxLength: maxBufferedBytes });
  const counts = { dropped: 0, errors: 0 };
  stream.on('drop', () => counts.dropped++);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    counts.errors++;
    // The reader is gone for good: stop writing (every later write would fail the same way).
    if (err.code === 'EPIPE') stream.write = () => true;
  });
  const busy = () => (stream as unknown as { _writing: boolean })._writing;
  return {
    stream,
    counts,
    settle(timeoutMs) {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        stream.once('drain', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
