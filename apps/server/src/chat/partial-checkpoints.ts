/** Settings of {@link PartialCheckpoints}. */
export interface PartialCheckpointsOptions {
  /** Writes the partial text of the turn. */
  save: (text: string) => Promise<void>;
  /** At most one write starts per this many ms (0: as soon as the previous one is done). */
  everyMs: number;
  now: () => number;
}

/**
 * Saves a generating turn's partial text in the background: at most one write in flight, at most
 * one started per `everyMs`, always of the newest text, and a last one after the text stops
 * changing. Nothing on the delivery path awaits it; `confirmed` says how much text a finished
 * write holds, which is what lets a delta say where the store's copy ends (see ReplyOutput).
 * After a write fails no more are started: the turn is run again, and `drained()` says why.
 */
export class PartialCheckpoints {
  /** Characters of the text a completed write holds: the store has at least this much. */
  confirmed = 0;
  private latest = '';
  private started = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private stopped = false;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(private readonly options: PartialCheckpointsOptions) {}

  /** The text is now `text` (it only grows): save it when the interval allows. */
  mark(text: string): void {
    this.latest = text;
    this.schedule();
  }

  /**
   * Resolves once a write holding at least `upTo` characters is done, or no more writes will be
   * made (stopped, failed). The producer waits on it only when unsaved text piles up.
   */
  savedTo(upTo: number): Promise<void> {
    if (this.confirmed >= upTo || this.stopped || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  /** Starts no more writes; waits for the one in flight and answers its error, if a write failed. */
  async drained(): Promise<unknown> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    this.wake();
    return this.failure;
  }

  private wake(): void {
    const done = this.stopped || this.failure !== undefined;
    const ready = this.waiters.filter((w) => done || w.upTo <= this.confirmed);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private schedule(): void {
    if (this.stopped || this.failure !== undefined || this.writing || this.timer || this.latest.length <= this.started) return;
    const wait = this.lastStart + this.options.everyMs - this.options.now();
    if (wait <= 0) return this.start();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, Math.min(wait, this.options.everyMs));
    this.timer.unref();
  }

  private start(): void {
    if (this.stopped) return;
    const text = this.latest;
    this.started = text.length;
    this.lastStart = this.options.now();
    this.writing = this.options.save(text).then(
      () => {
        this.confirmed = Math.max(this.confirmed, text.length);
      },
      (err: unknown) => {
        this.failure ??= err ?? new Error('checkpoint failed');
      },
    );
    void this.writing.finally(() => {
      this.writing = undefined;
      this.wake();
      this.schedule();
    });
  }
}
