import type { Cancel } from './cancel.js';

/**
 * Holds requests while the app is in the background: WeChat fails requests (`interrupted`) and
 * drops sockets there, so the client waits for the foreground instead of burning retries.
 */
export class ForegroundGate {
  private closed = false;
  private waiters: Array<() => void> = [];

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.closed = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves at once in the foreground, else when the app is back (or rejects on cancel). */
  wait(cancel?: Cancel): Promise<void> {
    if (!this.closed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const off = cancel ? cancel.onAbort(reject) : () => undefined;
      this.waiters.push(() => {
        off();
        resolve();
      });
    });
  }
}
