// Over the ~8 KB a file should hold, on purpose: the queue's producer side (schedule, the "again"
// flags) and its worker side (drain, lock loss, stalled takeover) are one protocol over the same
// keys; split apart, each half would only make sense with the other open beside it.
import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GenerationQueue, SessionWorker } from '../../ports/queue.js';
import { closeConnection, COMMAND_TIMEOUT_MS, guard, guardWithin } from './redis-connection.js';

const QUEUE_NAME = 'generate';
// An "again" flag outlives any run; it only expires so that flags of dead sessions do not pile up.
const AGAIN_TTL_MS = 10 * 60_000;
const ERROR_LOG_EVERY_MS = 10_000;

interface DrainJob {
  sessionId: string;
}

/** Connections and settings of a {@link BullmqQueue}. */
export interface BullmqQueueOptions {
  /** A `command` connection, shared (not closed here): adds jobs, reads and writes "again" flags. */
  producer: Redis;
  /** A `blocking` connection for the worker, owned (BullMQ adds its own blocking duplicate). */
  workerConnection: Redis;
  prefix: string;
  /** Sessions this instance runs at once. */
  concurrency: number;
  /**
   * BullMQ job lock. A job whose instance died is taken over once its lock expires and a stalled
   * check (every lockMs / 2) sees it: within about 2 × lockMs.
   */
  lockMs: number;
  /** False: this instance schedules work but never runs it (an API-only instance). */
  runWorker: boolean;
  log: Logger;
}

/**
 * The generation queue across instances, on BullMQ. A job means "session S has work"; its worker
 * runs `drain(S)`, which answers S's unsettled turns oldest first.
 *
 * Per-session exclusivity (BullMQ OSS has no per-group concurrency): the job id IS the session id.
 * BullMQ refuses a second job with an id that exists (waiting, delayed or active), so at most one
 * job per session exists, and its lock lets at most one worker of all instances run it.
 *
 * "Again" semantics: a job that is already active ignores a new add, so work scheduled during a
 * run could be lost between the run's last look at the store and the job's removal. `schedule`
 * therefore first sets the flag `P again:<sid>`, then adds the job. The worker deletes the flag
 * before the drain. After the job is removed (`removeOnComplete`), the `completed` handler looks
 * at the flag and re-adds the job if it is set. A schedule either sets the flag before that look
 * (re-added) or after it, when the job is gone and its own add succeeds: no schedule is lost. (A
 * schedule during a drain is rare, its turn mostly found by that drain already; looking at the
 * flag only once, after the job is gone, saves a round trip on every job.)
 *
 * Takeover: an instance killed mid-generation stops renewing its job lock; another instance's
 * stalled check moves the job back to wait and runs it. `drain` finds the turn `generating`,
 * requeues it (partial text cleared) and answers it again; the store's conditional settle stores
 * the reply exactly once. On graceful shutdown, a drain that was running when it began (and may
 * have stopped early) leaves the flag set, so another instance continues the session at once.
 *
 * Within one instance, runs of a session are also serialised locally: a job that comes back to
 * the same instance after its lock lapsed (Redis paused longer than the lock) waits for the earlier
 * run. Across instances, a stall longer than the lock lets another instance take the session
 * over; BullMQ then reports `lockRenewalFailed` here and the local run is aborted as `lost`
 * (it writes nothing more; the reply is stored once by the new owner).
 *
 * Failures: a drain that throws (Redis down) fails the job, retried with backoff; anything lost
 * beyond that is re-scheduled by the chat service's reconcile loop (sessions with unsettled turns).
 */
export class BullmqQueue implements GenerationQueue {
  private readonly queue: Queue<DrainJob>;
  private worker: Worker<DrainJob> | undefined;
  /** Sessions running on this instance → their run (settled, never rejects). */
  private readonly running = new Map<string, Promise<void>>();
  /** Sessions running here → aborted when BullMQ says this worker lost the job's lock. */
  private readonly owned = new Map<string, AbortController>();
  private readonly rechecks = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;
  private lastErrorLog = 0;

  constructor(private readonly opts: BullmqQueueOptions) {
    this.queue = new Queue<DrainJob>(QUEUE_NAME, {
      connection: opts.producer,
      prefix: `${opts.prefix}bull`,
      streams: { events: { maxLen: 1_000 } },
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
      },
    });
    this.queue.on('error', (err) => this.logError(err, 'queue'));
  }

  private againKey(sessionId: string): string {
    return `${this.opts.prefix}again:${sessionId}`;
  }

  start(drain: SessionWorker): void {
    if (!this.opts.runWorker || this.worker || this.closing) return;
    const worker = new Worker<DrainJob>(QUEUE_NAME, (job) => this.process(job, drain), {
      connection: this.opts.workerConnection,
      prefix: `${this.opts.prefix}bull`,
      name: `${hostname()}:${process.pid}`,
      concurrency: this.opts.concurrency,
      lockDuration: this.opts.lockMs,
      stalledInterval: Math.max(250, Math.floor(this.opts.lockMs / 2)),
      // A job stalls each time its instance dies; give up (the reconcile loop retries) only if it keeps happening.
      maxStalledCount: 5,
    });
    worker.on('completed', (job) => this.recheck(job.data.sessionId));
    worker.on('failed', (job, err) => {
      if (job) this.recheck(job.data.sessionId);
      this.logError(err, 'drain');
    });
    worker.on('error', (err) => this.logError(err, 'worker'));
    // The lock could not be renewed (a long stall): another instance may take the session over,
    // so the run here stops without writing (the job id is the session id).
    worker.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const id of jobIds) this.owned.get(id)?.abort();
    });
    this.worker = worker;
  }

  async schedule(sessionId: string): Promise<void> {
    await guard(this.opts.producer.set(this.againKey(sessionId), '1', 'PX', AGAIN_TTL_MS));
    await this.add(sessionId);
  }

  /** Sessions this instance's workers are running now (waiting work lives in Redis). */
  get size(): number {
    return this.running.size;
  }

  private async add(sessionId: string): Promise<void> {
    // BullMQ waits for a connection that was never ready; a request must not wait with it.
    await guardWithin(this.queue.add('drain', { sessionId }, { jobId: sessionId }), COMMAND_TIMEOUT_MS);
  }

  private async process(job: Job<DrainJob>, drain: SessionWorker): Promise<void> {
    const { sessionId } = job.data;
    // A job whose lock expired while its run here was stalled (Redis paused) can come back to this
    // same instance: never run one session twice at once here, whatever BullMQ thinks.
    const previous = this.running.get(sessionId);
    const lost = new AbortController();
    const run = (previous ?? Promise.resolve()).then(() => {
      this.owned.set(sessionId, lost);
      return this.drainOnce(sessionId, drain, lost.signal);
    });
    const settled = run.catch(() => undefined);
    this.running.set(sessionId, settled);
    try {
      await run;
    } finally {
      if (this.owned.get(sessionId) === lost) this.owned.delete(sessionId);
      if (this.running.get(sessionId) === settled) this.running.delete(sessionId);
    }
  }

  private async drainOnce(sessionId: string, drain: SessionWorker, lost: AbortSignal): Promise<void> {
    const again = this.againKey(sessionId);
    await guard(this.opts.producer.del(again));
    await drain(sessionId, lost);
    if (lost.aborted || !this.closing) return;
    // Shutdown began during this drain, which may have stopped early: set the flag so the
    // completion check hands the session to another instance at once.
    await guard(this.opts.producer.set(again, '1', 'PX', AGAIN_TTL_MS));
  }

  /** After a job left Redis: re-add it when work was scheduled since its last look. */
  private recheck(sessionId: string): void {
    const p: Promise<void> = (async () => {
      if ((await guard(this.opts.producer.exists(this.againKey(sessionId)))) === 1) await this.add(sessionId);
    })()
      .catch((err: unknown) => this.opts.log.warn({ err, sessionId }, 'could not re-check a session; the reconcile loop will'))
      .finally(() => this.rechecks.delete(p));
    this.rechecks.add(p);
  }

  private logError(err: Error, source: string): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLog = now;
    this.opts.log.warn({ err: err.message, source }, 'generation queue error');
  }

  /** Stops taking jobs, waits for running ones (and their hand-over), then closes. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await Promise.all(this.rechecks);
      await this.queue.close();
      await closeConnection(this.opts.workerConnection);
    })();
    return this.closing;
  }
}
