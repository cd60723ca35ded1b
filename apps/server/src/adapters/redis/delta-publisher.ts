import type { Redis } from 'ioredis';
import { toStoreError } from './redis-connection.js';

/** Deltas waiting to be written together, and the promise their publishers hold. */
interface DeltaBatch {
  channels: string[];
  messages: string[];
  /** Who each one is about (passed back to {@link DeltaPublisherOptions.heard}). */
  keys: string[];
  sent: Promise<void>;
  done: (err: unknown) => void;
}

/** What a {@link DeltaPublisher} reports. */
export interface DeltaPublisherOptions {
  /** Whether {@link heard} wants the replies of the commands written now. */
  armed?: () => boolean;
  /** How many subscribers received a message published about `key` (its PUBLISH reply). */
  heard?: (key: string, receivers: number) => void;
}

/**
 * PUBLISHes deltas in batches: those published in one event-loop turn (one per released window
 * of every turn generating here: thousands a second with hundreds of streams) are written to the
 * connection together when the turn ends, as one socket write, instead of one write each.
 * {@link flush} writes the waiting ones at once, so a caller that sends something else on the same
 * connection right after keeps its order.
 */
export class DeltaPublisher {
  private batch: DeltaBatch | undefined;

  constructor(
    private readonly publisher: Redis,
    private readonly options: DeltaPublisherOptions = {},
  ) {}

  /** Queues one PUBLISH about `key`; the promise settles with its whole batch (rejecting as a store error). */
  publish(channel: string, message: string, key = ''): Promise<void> {
    if (!this.batch) {
      let done!: (err: unknown) => void;
      const sent = new Promise<void>((resolve, reject) => (done = (err) => (err === undefined ? resolve() : reject(err))));
      this.batch = { channels: [], messages: [], keys: [], sent, done };
      setImmediate(() => this.flush());
    }
    this.batch.channels.push(channel);
    this.batch.messages.push(message);
    this.batch.keys.push(key);
    return this.batch.sent;
  }

  /** Writes the waiting deltas now, before anything written after this call. */
  flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const { channels, messages, keys, done } = batch;
    // Read before the writes: only replies to commands sent while it holds are reported.
    const heard = this.options.armed?.() ? this.options.heard : undefined;
    // The commands are written here, synchronously, as one socket write: the connection's stream
    // is corked around them. (Not an ioredis pipeline: building one copies every script the
    // connection defines onto it, which cost more than the writes it saves.)
    const stream = (this.publisher as unknown as { stream?: { cork?: () => void; uncork?: () => void } }).stream;
    stream?.cork?.();
    const replies: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < channels.length; i++) replies.push(this.publisher.publish(channels[i]!, messages[i]!));
    } finally {
      stream?.uncork?.();
    }
    Promise.all(replies).then(
      (counts) => {
        if (heard) for (let i = 0; i < counts.length; i++) heard(keys[i]!, counts[i] as number);
        done(undefined);
      },
      (err: unknown) => done(toStoreError(err)),
    );
  }
}
