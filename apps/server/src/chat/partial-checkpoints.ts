/** How a turn's {@link PartialCheckpoints} reach the batches they are written in. */
export interface CheckpointSink {
  /** The turn has text not yet in a batch. */
  changed(turn: PartialCheckpoints): void;
  /** The turn wants no more writes. */
  stopped(turn: PartialCheckpoints): void;
}

/**
 * The checkpoints of one generating turn: its partial text is saved in the background, in the
 * instance's batches (see CheckpointBatches), always the newest text, at most one write of it in
 * flight. Nothing on the delivery path awaits it; `confirmed` says how much text a finished write
 * holds, which is what lets a delta say where the store's copy ends (see ReplyOutput).
 * After a write fails no more are made: the turn is run again, and `drained()` says why.
 */
export class PartialCheckpoints {
  /** Characters of the text a completed write holds: the store has at least this much. */
  confirmed = 0;
  private latest = '';
  /** Characters handed to a batch (written or in flight). */
  private taken = 0;
  private inFlight: Promise<void> | undefined;
  private failure: unknown;
  private stopped = false;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    readonly sessionId: string,
    readonly seq: number,
    private readonly sink: CheckpointSink,
  ) {}

  /** The text is now `text` (it only grows): it goes in the next batch. */
  mark(text: string): void {
    this.latest = text;
    if (!this.done && text.length > this.taken) this.sink.changed(this);
  }

  /**
   * Resolves once a write holding at least `upTo` characters is done, or no more writes will be
   * made (stopped, failed). The producer waits on it only when unsaved text piles up.
   */
  savedTo(upTo: number): Promise<void> {
    if (this.confirmed >= upTo || this.done) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  /** Joins no more batches; waits for the one in flight and answers its error, if a write failed. */
  async drained(): Promise<unknown> {
    this.stopped = true;
    this.sink.stopped(this);
    while (this.inFlight) await this.inFlight;
    this.wake();
    return this.failure;
  }

  /** For the batch being made: the text to write, or undefined when there is none (or no more writes). */
  take(): string | undefined {
    if (this.done || this.latest.length <= this.taken) return undefined;
    this.taken = this.latest.length;
    return this.latest;
  }

  /** The batch holding the taken text is on its way. */
  writing(batch: Promise<void>): void {
    const current = batch.finally(() => {
      if (this.inFlight === current) this.inFlight = undefined;
    });
    this.inFlight = current;
  }

  /** The batch holding `length` characters is written. */
  written(length: number): void {
    this.confirmed = Math.max(this.confirmed, length);
    this.wake();
  }

  /** The batch holding the taken text failed: no more writes. */
  failed(err: unknown): void {
    this.failure ??= err;
    this.wake();
  }

  private get done(): boolean {
    return this.stopped || this.failure !== undefined;
  }

  private wake(): void {
    const ready = this.waiters.filter((w) => this.done || w.upTo <= this.confirmed);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
