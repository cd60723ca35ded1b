import type { PartialReply } from '../ports/store.js';
import { PartialCheckpoints } from './partial-checkpoints.js';

/** Settings of {@link CheckpointBatches}. */
export interface CheckpointBatchesOptions {
  /** Writes the partial replies of a batch of turns in one store call (`GenerationStore.savePartials`). */
  save: (batch: PartialReply[]) => Promise<void>;
  /** At most one batch starts per this many ms (0: as soon as the previous one is done). */
  everyMs: number;
  now: () => number;
}

/**
 * Saves the partial text of every turn this instance is generating, all of them in one store call
 * per interval: one timer for the instance, at most one batch in flight, each turn in it with its
 * newest text. A store write costs about the same for one turn as for hundreds (one SQLite
 * transaction, one MySQL statement, one Redis round trip), so a thousand streams cost four writes
 * a second at 250 ms, not four thousand.
 *
 * A turn's {@link PartialCheckpoints} (from {@link open}) hears when its batch is written, and only
 * then: what ReplyOutput's exactly-once argument rests on. A failed batch fails every turn in it
 * (each is run again); turns that were not in it go on.
 */
export class CheckpointBatches {
  private readonly dirty = new Set<PartialCheckpoints>();
  private writing = false;
  private timer: NodeJS.Timeout | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: CheckpointBatchesOptions) {}

  /** The checkpoints of one generating turn. */
  open(sessionId: string, seq: number): PartialCheckpoints {
    return new PartialCheckpoints(sessionId, seq, {
      changed: (turn) => {
        this.dirty.add(turn);
        this.schedule();
      },
      stopped: (turn) => this.dirty.delete(turn),
    });
  }

  /** Turns with text not yet in a batch. */
  get waiting(): number {
    return this.dirty.size;
  }

  private schedule(): void {
    if (this.writing || this.timer || this.dirty.size === 0) return;
    // Even when the interval is up, the batch leaves on a timer: the turns that change in this
    // turn of the event loop join it.
    const wait = Math.max(0, this.lastStart + this.options.everyMs - this.options.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush(): void {
    if (this.writing) return;
    const turns: PartialCheckpoints[] = [];
    const batch: PartialReply[] = [];
    for (const turn of this.dirty) {
      const reply = turn.take();
      if (reply === undefined) continue;
      turns.push(turn);
      batch.push({ sessionId: turn.sessionId, seq: turn.seq, reply });
    }
    this.dirty.clear();
    if (batch.length === 0) return;
    this.writing = true;
    this.lastStart = this.options.now();
    const written = this.save(batch).then(
      () => {
        for (const [i, turn] of turns.entries()) turn.written(batch[i]!.reply.length);
      },
      (err: unknown) => {
        for (const turn of turns) turn.failed(err ?? new Error('checkpoint failed'));
      },
    );
    for (const turn of turns) turn.writing(written);
    void written.finally(() => {
      this.writing = false;
      this.schedule();
    });
  }

  /** The store call; a synchronous throw counts as a failed batch too. */
  private async save(batch: PartialReply[]): Promise<void> {
    await this.options.save(batch);
  }
}
