import type { Logger } from 'pino';

/** The periodic work of a running service. */
export interface HousekeepingTasks {
  /** Closes idle sessions and forgets old tombstones. */
  sweep(): Promise<number>;
  /** Re-schedules sessions with unanswered messages. */
  reconcile(): Promise<number>;
}

/**
 * The service's timers: the idle sweeper always, the reconcile loop when the adapters' profile
 * asks for one (stores shared by several instances). A failed round is logged and retried next time.
 */
export class Housekeeping {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly tasks: HousekeepingTasks,
    private readonly log: Logger,
  ) {}

  start(sweepIntervalMs: number, reconcileIntervalMs: number): void {
    this.every(sweepIntervalMs, 'sweep', () => this.tasks.sweep());
    if (reconcileIntervalMs > 0) this.every(reconcileIntervalMs, 'reconcile', () => this.tasks.reconcile());
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private every(ms: number, name: string, task: () => Promise<unknown>): void {
    const timer = setInterval(() => void task().catch((err: unknown) => this.log.warn({ err }, `${name} failed`)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
