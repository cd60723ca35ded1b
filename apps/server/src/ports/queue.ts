/**
 * Runs the unsettled turns of one session, oldest first, until none is left. Provided by the
 * chat service to the queue. `lost` aborts when this worker no longer owns the session (a shared
 * queue gave it to another instance after a stall); the worker then stops without writing.
 */
export type SessionWorker = (sessionId: string, lost?: AbortSignal) => Promise<void>;

/**
 * The generation-queue port. `schedule` says "this session has work"; the queue guarantees that at
 * most one worker runs a given session at a time (so turns are answered in order) and that
 * different sessions run concurrently up to its limit. In-process by default; BullMQ for several
 * instances.
 */
export interface GenerationQueue {
  start(worker: SessionWorker): void;
  schedule(sessionId: string): Promise<void>;
  /** Number of sessions running or waiting on this instance (a shared queue keeps waiting work in Redis). */
  readonly size: number;
  /** Stops taking work; resolves when running workers have returned. */
  close(): Promise<void>;
}
