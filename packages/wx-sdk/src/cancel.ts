import { ChatError } from './chat-error.js';

/**
 * What the SDK reads of an `AbortSignal`. A standard `AbortController().signal` fits; so does any
 * small polyfill, for mini-program runtimes that lack `AbortController`.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The SDK's own cancellation token. Internal: the runtime may have no AbortController, and the
 * reason must be a ChatError (ABORTED, TIMEOUT, SESSION_CLOSED) that callers can switch on.
 */
export class Cancel {
  reason: ChatError | undefined;
  private listeners: Array<(reason: ChatError) => void> = [];

  get aborted(): boolean {
    return this.reason !== undefined;
  }

  abort(reason: ChatError): void {
    if (this.reason) return;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const fn of listeners) fn(reason);
  }

  /** Calls `fn` on abort (at once if already aborted); returns a function that removes it. */
  onAbort(fn: (reason: ChatError) => void): () => void {
    if (this.reason) {
      fn(this.reason);
      return () => undefined;
    }
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Aborts this token when the caller's signal fires; returns the unlink function. */
  follow(signal: AbortSignalLike | undefined): () => void {
    if (!signal) return () => undefined;
    const onAbort = () => this.abort(new ChatError('ABORTED', 'aborted by the caller'));
    if (signal.aborted) {
      onAbort();
      return () => undefined;
    }
    signal.addEventListener('abort', onAbort);
    return () => signal.removeEventListener('abort', onAbort);
  }
}

/** The cancels of the calls in progress, so that ending a session can abort them all. */
export class CancelSet {
  private readonly list: Cancel[] = [];

  /** Tracks `cancel` until the returned function is called. */
  add(cancel: Cancel): () => void {
    this.list.push(cancel);
    return () => {
      const i = this.list.indexOf(cancel);
      if (i >= 0) this.list.splice(i, 1);
    };
  }

  abortAll(reason: ChatError): void {
    for (const c of this.list.slice()) c.abort(reason);
  }
}

/**
 * Ends `cancel` when the caller's `signal` fires (ABORTED) or after `ms` (TIMEOUT; 0: never).
 * Returns the function that disarms both once the call is over.
 */
export function limit(cancel: Cancel, signal: AbortSignalLike | undefined, ms: number): () => void {
  const unlink = cancel.follow(signal);
  const timer = ms > 0 ? setTimeout(() => cancel.abort(new ChatError('TIMEOUT', `no reply within ${ms} ms`, { retryable: true })), ms) : undefined;
  return () => {
    unlink();
    clearTimeout(timer);
  };
}

/** Waits `ms`, or rejects with the cancel reason. */
export function sleep(ms: number, cancel?: Cancel): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let off = () => undefined as void;
    const timer = setTimeout(() => {
      off();
      resolve();
    }, ms);
    if (cancel) {
      off = cancel.onAbort((reason) => {
        clearTimeout(timer);
        reject(reason);
      });
    }
  });
}

/** Settles like `promise`, or rejects with the cancel reason if that comes first. */
export function raceCancel<T>(promise: Promise<T>, cancel: Cancel | undefined): Promise<T> {
  if (!cancel) return promise;
  return new Promise<T>((resolve, reject) => {
    const off = cancel.onAbort(reject);
    promise.then(
      (value) => {
        off();
        resolve(value);
      },
      (err: unknown) => {
        off();
        reject(err);
      },
    );
  });
}
