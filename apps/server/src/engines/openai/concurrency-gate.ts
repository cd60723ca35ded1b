interface Waiter {
  resolve(release: () => void): void;
  reject(reason: unknown): void;
  signal: AbortSignal;
  onAbort(): void;
}

/**
 * A counting semaphore with a FIFO queue: at most `limit` holders at once; the rest wait in
 * arrival order. A waiter whose signal aborts leaves the queue at once, so a user who pressed
 * "stop" while queued never costs an upstream call.
 *
 * @example
 * const release = await gate.acquire(signal); // rejects with signal.reason if aborted first
 * try { await callUpstream(); } finally { release(); }
 */
export class ConcurrencyGate {
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`[openai] concurrency must be a positive integer, got ${limit}`);
  }

  /** Holders right now. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves with a release function once a slot is free; rejects with `signal.reason` if it aborts first. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.#queue.indexOf(waiter);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (!next) {
        this.#active--;
        return;
      }
      // Hand the slot straight to the next waiter: the count stays, so no newcomer can jump the queue.
      next.signal.removeEventListener('abort', next.onAbort);
      next.resolve(this.#releaser());
    };
  }
}
