import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

const READ_BLOCK_MS = 5_000;
const READ_COUNT = 500;
const RETRY_MS = 500;

/** What {@link readBusStream} reads and where it hands each entry. */
export interface BusStreamReading {
  /** A `blocking` connection for XREAD. */
  reader: Redis;
  /** The stream's key. */
  stream: string;
  log: Logger;
  /** Reading ends when this answers true (checked after each read). */
  stopped: () => boolean;
  /** Called once the starting position (the stream's current end) is known. */
  positioned: () => void;
  /** Receives each entry's message, in stream order. */
  onMessage: (message: string) => void;
}

/**
 * Reads the bus stream from its current end for as long as the bus runs, with XREAD BLOCK from the
 * last id seen: across a reconnect it resumes there, so no entry is missed.
 */
export async function readBusStream(r: BusStreamReading): Promise<void> {
  let lastId: string | undefined;
  let failing = false;
  while (!r.stopped()) {
    try {
      if (lastId === undefined) {
        // Start at the current end: XREAD with '$' in a loop would skip what arrives between calls.
        const tail = (await r.reader.xrevrange(r.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
        lastId = tail[0]?.[0] ?? '0-0';
        r.positioned();
      }
      const res = (await r.reader.xread('COUNT', READ_COUNT, 'BLOCK', READ_BLOCK_MS, 'STREAMS', r.stream, lastId)) as [string, [string, string[]][]][] | null;
      failing = false;
      for (const [, entries] of res ?? []) {
        for (const [id, fields] of entries) {
          lastId = id;
          if (fields[1] !== undefined) r.onMessage(fields[1]);
        }
      }
    } catch (err) {
      if (r.stopped()) return;
      if (!failing) r.log.warn({ err: (err as Error).message }, 'event stream read failed; retrying');
      failing = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
