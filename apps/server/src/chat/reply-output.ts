import type { EventBus } from '../ports/bus.js';
import type { Moderation } from '../moderation/create-moderation.js';
import type { StreamGate } from '../moderation/stream-gate.js';
import type { CheckpointBatches } from './checkpoint-batches.js';
import type { PartialCheckpoints } from './partial-checkpoints.js';
import { PieceCoalescer } from './piece-coalescer.js';

/** Released characters that may wait unsaved before the engine is made to wait for the store. */
export const MAX_UNSAVED = 32 * 1024;

/** What {@link ReplyOutput} needs from the turn runner. */
export interface ReplyOutputDeps {
  sessionId: string;
  seq: number;
  /** The instance's checkpoint batches: the partial text is saved in them. */
  checkpoints: Pick<CheckpointBatches, 'open'>;
  publish: (event: Parameters<EventBus['publish']>[0]) => void;
  now: () => number;
  /** Engine pieces arriving within this many ms leave as one delta (0 = each piece alone). */
  coalesceMs: number;
  /** A window leaves early once it holds this many characters. */
  coalesceChars: number;
  /** The turn's signal: after an abort nothing more is released. */
  signal: AbortSignal;
  /** With moderation, text is released only once the stream gate has checked it. */
  moderation?: Moderation | undefined;
  /** The WeChat user the reply is for (`Moderation.replyOpenid`); absent: only filters that need none. */
  openid?: string | undefined;
  /** Told when moderation flags the reply (the runner aborts the engine). */
  onBlock: () => void;
}

/**
 * The text of one reply as clients see it. Engine pieces go in with {@link add} and are coalesced
 * into windows (see {@link PieceCoalescer}); a window goes through the stream gate when moderation
 * is on (one check per window at most), and released text leaves at once as one `delta`.
 * `text` is what was released: what `liveText` and the settled reply hold. After the turn's signal
 * aborts (stop, block, timeout) nothing more is released; a window still being coalesced is dropped.
 *
 * **Why every character reaches every reader exactly once**, although the partial text is saved
 * only every `checkpointMs`, in the background, in a batch with every other turn the instance is
 * generating (see CheckpointBatches): a delta does not carry just the new text, it carries
 * everything released since the last checkpoint *known to be written* (`offset` at or before that
 * checkpoint's end). A turn's checkpoint counts as written (`confirmed` advances) only once the
 * store call of the whole batch holding it has resolved, never when the batch is merely sent. So
 * at any moment, all released text is either in the store (up to the confirmed checkpoint) or in
 * the delta the reader is about to receive (from there on):
 *
 * - a reader that has text up to `have` and receives a delta with `offset ≤ have` takes the part
 *   past `have` and is complete again;
 * - a reader that receives one with `offset > have` missed something (a delta lost while its bus
 *   subscription was being set up, or it joined mid-turn). The checkpoint of `offset` characters
 *   was confirmed before that delta was published, and the delta was received after it was
 *   published, so a store read started now returns at least `offset` characters: one resync reads
 *   them, and the held delta (plus any that came meanwhile) supplies the rest;
 * - a reader on the generating instance reads `liveText`, which is all released text.
 *
 * Readers trim what they already have by offset, so overlapping text is never sent twice.
 */
export class ReplyOutput {
  /** The released text. */
  text = '';
  readonly gate: StreamGate | undefined;
  private readonly pieces: PieceCoalescer;
  private readonly checkpoints: PartialCheckpoints;
  /** Released windows not known to be saved yet, oldest first: what the next delta carries. */
  private unsaved: { start: number; text: string }[] = [];

  constructor(private readonly deps: ReplyOutputDeps) {
    this.gate = deps.moderation?.gate({
      openid: deps.openid,
      onRelease: (text) => this.release(text),
      onBlock: deps.onBlock,
      signal: deps.signal,
    });
    this.pieces = new PieceCoalescer({
      windowMs: deps.coalesceMs,
      maxChars: deps.coalesceChars,
      now: deps.now,
      flush: (text) => (this.gate ? this.gate.append(text) : this.release(text)),
    });
    this.checkpoints = deps.checkpoints.open(deps.sessionId, deps.seq);
  }

  /**
   * Adds engine text. Delivery never waits for the store: this answers a promise only when more
   * than {@link MAX_UNSAVED} released characters are not saved yet (a store slower than the
   * engine), and the engine should wait on it, so deltas, which carry the unsaved text, stay small.
   */
  add(chunk: string): Promise<void> | undefined {
    if (this.deps.signal.aborted) return undefined;
    this.pieces.add(chunk);
    const saved = this.checkpoints.confirmed;
    return this.text.length - saved > MAX_UNSAVED ? this.checkpoints.savedTo(this.text.length - MAX_UNSAVED) : undefined;
  }

  /** The engine is done: the last window leaves, the gate checks the whole reply once more. */
  async finish(): Promise<void> {
    if (this.deps.signal.aborted) return this.pieces.drop();
    this.pieces.flushNow();
    if (this.gate) await this.gate.finish();
  }

  /** Stops the timers and waits for the checkpoint in flight; answers the error of a failed one, if any. */
  drained(): Promise<unknown> {
    this.pieces.drop();
    return this.checkpoints.drained();
  }

  private release(text: string): void {
    const { signal, sessionId, seq } = this.deps;
    if (signal.aborted) return; // a stopped or blocked turn keeps what was released before
    this.unsaved.push({ start: this.text.length, text });
    this.text += text;
    // Windows wholly inside the saved checkpoint are dropped. The delta starts at the first window
    // left (at or before the checkpoint's end), joined from the windows: slicing the growing reply
    // would copy all of it on every delta.
    const confirmed = this.checkpoints.confirmed;
    while (this.unsaved.length > 1 && this.unsaved[0]!.start + this.unsaved[0]!.text.length <= confirmed) this.unsaved.shift();
    const carried = this.unsaved.length === 1 ? text : this.unsaved.map((w) => w.text).join('');
    this.deps.publish({ type: 'delta', sessionId, seq, offset: this.unsaved[0]!.start, text: carried });
    this.checkpoints.mark(this.text);
  }
}
