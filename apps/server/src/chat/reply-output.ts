import type { EventBus } from '../ports/bus.js';
import type { GenerationStore } from '../ports/store.js';
import type { Moderation } from '../moderation/create-moderation.js';
import type { StreamGate } from '../moderation/stream-gate.js';

/** What {@link ReplyOutput} needs from the turn runner. */
export interface ReplyOutputDeps {
  sessionId: string;
  seq: number;
  store: Pick<GenerationStore, 'savePartial'>;
  publish: (event: Parameters<EventBus['publish']>[0]) => void;
  now: () => number;
  /** Save the partial text this often (ms); 0 = on every released piece. */
  checkpointMs: number;
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
 * The text of one reply as clients see it. Engine text goes in with {@link add}; it is released
 * (checkpointed, then published as a delta, in order) at once, or with moderation only after the
 * stream gate passed it. `text` is what was released: what `liveText`, checkpoints and the settled
 * reply hold. After the turn's signal aborts (stop, block, timeout) nothing more is released.
 */
export class ReplyOutput {
  /** The released text. */
  text = '';
  readonly gate: StreamGate | undefined;
  private tail: Promise<void> = Promise.resolve();
  private lastCheckpoint: number;

  constructor(private readonly deps: ReplyOutputDeps) {
    this.lastCheckpoint = deps.now();
    this.gate = deps.moderation?.gate({
      openid: deps.openid,
      onRelease: (text) => this.release(text),
      onBlock: deps.onBlock,
      signal: deps.signal,
    });
  }

  /** Adds engine text. Without moderation it is released now and this waits for its checkpoint. */
  add(chunk: string): Promise<void> {
    if (this.gate) {
      this.gate.append(chunk);
      return Promise.resolve();
    }
    this.release(chunk);
    return this.tail;
  }

  /** The engine is done: the gate checks the whole reply once more; waits until all released text is out. */
  async finish(): Promise<void> {
    if (this.gate && !this.deps.signal.aborted) await this.gate.finish();
    await this.tail;
  }

  /** Waits for released text still going out; answers the error that stopped it, if any. */
  drained(): Promise<unknown> {
    return this.tail.then(
      () => undefined,
      (err: unknown) => err,
    );
  }

  private release(text: string): void {
    const { signal, sessionId, seq, checkpointMs } = this.deps;
    if (signal.aborted) return; // a stopped or blocked turn keeps what was released before
    const offset = this.text.length;
    this.text += text;
    const upTo = this.text;
    this.tail = this.tail.then(async () => {
      if (checkpointMs === 0 || this.deps.now() - this.lastCheckpoint >= checkpointMs) {
        this.lastCheckpoint = this.deps.now();
        await this.deps.store.savePartial(sessionId, seq, upTo);
      }
      this.deps.publish({ type: 'delta', sessionId, seq, offset, text });
    });
    this.tail.catch(() => undefined); // awaited by add/finish/drained; marked handled meanwhile
  }
}
