import type { Cancel } from './cancel.js';

/**
 * Runs tasks one at a time, in order. Sends go through it, so a conversation's messages get
 * their seqs in the order the user sent them (concurrent sends are how peers corrupt a
 * conversation), and with the receive loop at most two requests are in flight (wx allows 10).
 */
export class SerialLane {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `task` after every task queued before it. A cancelled task leaves the queue at once. */
  run<T>(task: () => Promise<T>, cancel?: Cancel): Promise<T> {
    let release = () => undefined as void;
    const done = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = done;
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const off = cancel ? cancel.onAbort((reason) => !started && reject(reason)) : () => undefined;
      void previous.then(() => {
        off();
        if (cancel && cancel.reason) {
          release();
          return reject(cancel.reason);
        }
        started = true;
        task().then(
          (value) => {
            release();
            resolve(value);
          },
          (err: unknown) => {
            release();
            reject(err);
          },
        );
      });
    });
  }
}
