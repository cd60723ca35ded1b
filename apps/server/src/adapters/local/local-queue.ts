import type { GenerationQueue, SessionWorker } from '../../ports/queue.js';

/**
 * The in-process generation queue: a FIFO of sessions with work, drained by up to `concurrency`
 * workers. A session is never run by two workers at once; work scheduled for a session that is
 * running makes that worker look again when it finishes, so nothing scheduled is missed.
 */
export class LocalQueue implements GenerationQueue {
  private worker: SessionWorker | undefined;
  private readonly waiting: string[] = [];
  private readonly waitingSet = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private closed = false;

  constructor(private readonly concurrency: number) {}

  start(worker: SessionWorker): void {
    this.worker = worker;
    this.pump();
  }

  async schedule(sessionId: string): Promise<void> {
    if (this.closed) return;
    if (this.running.has(sessionId)) this.again.add(sessionId);
    else if (!this.waitingSet.has(sessionId)) {
      this.waiting.push(sessionId);
      this.waitingSet.add(sessionId);
    }
    this.pump();
  }

  get size(): number {
    return this.running.size + this.waiting.length;
  }

  private pump(): void {
    while (this.worker && !this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.waitingSet.delete(id);
      this.run(id);
    }
  }

  private run(sessionId: string): void {
    const worker = this.worker!;
    const p = (async () => {
      do {
        this.again.delete(sessionId);
        // The worker handles its own errors; a throw here must not stop the queue.
        await worker(sessionId).catch(() => undefined);
      } while (this.again.has(sessionId) && !this.closed);
    })().finally(() => {
      this.running.delete(sessionId);
      this.pump();
    });
    this.running.set(sessionId, p);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    this.waitingSet.clear();
    await Promise.all(this.running.values());
  }
}
