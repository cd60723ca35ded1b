/** Settings of a {@link PieceCoalescer}. */
export interface PieceCoalescerOptions {
  /** At most one window leaves per this many ms (0: pieces that arrive in the same event-loop turn leave together, at its end). */
  windowMs: number;
  /** A window leaves at once when it holds this many characters. */
  maxChars: number;
  now: () => number;
  /** Receives each window's text, in order. */
  flush: (text: string) => void;
}

/** Coalescers with pieces waiting for the end of this event-loop turn (window 0), flushed by one immediate. */
let due: PieceCoalescer[] = [];
let dueScheduled = false;

function flushDue(): void {
  const list = due;
  due = [];
  dueScheduled = false;
  let failure: { err: unknown } | undefined;
  for (const c of list) {
    try {
      c.flushIfDue();
    } catch (err) {
      failure ??= { err };
    }
  }
  if (failure) throw failure.err;
}

/**
 * Joins the engine's pieces into windows, so a reply costs one moderation check, one bus message
 * and one frame per window instead of per piece (a model at 30 tokens/s yields a piece every
 * ~33 ms). Leading edge: a piece that comes `windowMs` or more after the last window leaves at
 * once (so the first text of a reply is never held); later ones wait for the window to close.
 * A piece therefore waits at most `windowMs`. With `windowMs` 0 nothing waits for a clock: the
 * pieces that arrive together (one network read of a model's stream holding several events, as
 * happens when the server is busy) leave together when the event loop turns.
 */
export class PieceCoalescer {
  private buffer = '';
  private lastFlush = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  /** Waiting in {@link due} (window 0). */
  private isDue = false;

  constructor(private readonly options: PieceCoalescerOptions) {}

  add(piece: string): void {
    this.buffer += piece;
    const { windowMs, maxChars, now } = this.options;
    if (windowMs === 0) {
      if (this.buffer.length >= maxChars) return this.flushNow();
      // One immediate for every turn generating here, not one per piece.
      if (!this.isDue) {
        this.isDue = true;
        due.push(this);
        if (!dueScheduled) {
          dueScheduled = true;
          setImmediate(flushDue);
        }
      }
      return;
    }
    const wait = this.lastFlush + windowMs - now();
    if (wait <= 0 || this.buffer.length >= maxChars) return this.flushNow();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushNow();
    }, Math.min(wait, windowMs));
  }

  /** Lets the held text leave now (the engine is done). */
  flushNow(): void {
    this.clearTimer();
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.lastFlush = this.options.now();
    this.options.flush(text);
  }

  /** The end of the event-loop turn this coalescer waited for. */
  flushIfDue(): void {
    if (this.isDue) this.flushNow();
  }

  /** Forgets the held text (the turn was aborted: nothing more is released). */
  drop(): void {
    this.clearTimer();
    this.buffer = '';
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.isDue = false;
  }
}
