import { formatTimestamp, type ErrorCode, type Source } from '@mpchat/contract';
import type { Logger } from 'pino';
import type { EventBus } from '../ports/bus.js';
import { EngineError, type ReplyEngine } from '../ports/engine.js';
import type { ChatStore, Settlement, Turn } from '../ports/store.js';
import type { ChatOptions } from './options.js';

/** Why a generation was aborted. */
export type AbortReason = 'stop' | 'closed' | 'timeout' | 'shutdown';

interface Inflight {
  seq: number;
  controller: AbortController;
  text: string;
}

/**
 * Generates replies: one turn at a time per session (the queue guarantees it), streaming deltas
 * onto the bus, checkpointing the partial text to the store, settling the turn exactly once.
 */
export class TurnRunner {
  private readonly inflight = new Map<string, Inflight>();

  constructor(
    private readonly store: ChatStore,
    private readonly engine: ReplyEngine,
    private readonly bus: EventBus,
    private readonly options: ChatOptions,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** The reply text generated so far for a turn running on this instance. */
  liveText(sessionId: string, seq: number): string | undefined {
    const f = this.inflight.get(sessionId);
    return f && f.seq === seq ? f.text : undefined;
  }

  /** Aborts the turn this instance is generating for a session, if any. */
  abort(sessionId: string, reason: AbortReason): boolean {
    const f = this.inflight.get(sessionId);
    if (!f || f.controller.signal.aborted) return false;
    f.controller.abort(reason);
    return true;
  }

  /** Aborts everything in flight (shutdown). */
  abortAll(reason: AbortReason): void {
    for (const id of this.inflight.keys()) this.abort(id, reason);
  }

  get running(): number {
    return this.inflight.size;
  }

  /** Runs the session's unsettled turns, oldest first, until none is left. */
  async drain(sessionId: string): Promise<void> {
    for (let guard = 0; guard < 10_000; guard++) {
      const turn = await this.store.nextUnsettled(sessionId);
      if (!turn) return;
      // A turn left `generating` by a crashed or stopped worker is started afresh.
      if (turn.status === 'generating') await this.store.requeueTurn(sessionId, turn.seq);
      if (!(await this.store.startTurn(sessionId, turn.seq))) continue;
      const reason = await this.run(turn);
      if (reason === 'shutdown') return;
    }
  }

  private async run(turn: Turn): Promise<AbortReason | undefined> {
    const { sessionId, seq } = turn;
    const f: Inflight = { seq, controller: new AbortController(), text: '' };
    this.inflight.set(sessionId, f);
    const signal = f.controller.signal;
    const timer = setTimeout(() => f.controller.abort('timeout'), this.options.generationTimeoutMs);
    let sources: Source[] = [];
    let lastCheckpoint = this.now();
    let failure: { code: ErrorCode; message: string } | undefined;
    try {
      const history = (await this.store.history(sessionId, seq, this.options.historyTurns)).map((t) => ({
        user: t.content,
        assistant: t.reply,
      }));
      for await (const chunk of this.engine.answer({ sessionId, seq, message: turn.content, history, signal })) {
        if (signal.aborted) break;
        if (typeof chunk !== 'string') {
          sources = chunk.sources;
          continue;
        }
        if (chunk.length === 0) continue;
        const offset = f.text.length;
        f.text += chunk;
        if (this.options.checkpointMs === 0 || this.now() - lastCheckpoint >= this.options.checkpointMs) {
          lastCheckpoint = this.now();
          await this.store.savePartial(sessionId, seq, f.text);
        }
        this.publish({ type: 'delta', sessionId, seq, offset, text: chunk });
      }
    } catch (err) {
      if (!signal.aborted) {
        failure =
          err instanceof EngineError
            ? { code: err.code, message: err.message }
            : { code: 'GENERATION_FAILED', message: 'the reply engine failed; please ask again' };
        this.log.error({ err, sessionId, seq, engine: this.engine.name }, 'reply generation failed');
      }
    } finally {
      clearTimeout(timer);
      this.inflight.delete(sessionId);
    }
    const reason = signal.aborted ? (signal.reason as AbortReason) : undefined;
    if (reason === 'shutdown') {
      // Leave the turn unsettled: the next start (or another instance) answers it again.
      await this.store.savePartial(sessionId, seq, f.text).catch(() => undefined);
      return reason;
    }
    if (reason === 'timeout') failure = { code: 'UPSTREAM_TIMEOUT', message: 'the reply took too long to generate' };
    const settlement: Settlement = {
      status: failure ? 'failed' : reason === 'stop' || reason === 'closed' ? 'stopped' : 'completed',
      reply: f.text,
      replyTimestamp: formatTimestamp(new Date(this.now()), this.options.timeZone),
      errorCode: failure?.code ?? null,
      errorMessage: failure?.message ?? null,
      sources,
    };
    if (await this.store.settleTurn(sessionId, seq, settlement)) {
      this.publish({
        type: 'settled',
        sessionId,
        turn: { ...turn, ...settlement, status: settlement.status, errorCode: settlement.errorCode ?? null, errorMessage: settlement.errorMessage ?? null, sources },
      });
    }
    return reason;
  }

  private publish(event: Parameters<EventBus['publish']>[0]): void {
    this.bus.publish(event).catch((err: unknown) => this.log.warn({ err, type: event.type }, 'event publish failed'));
  }
}
