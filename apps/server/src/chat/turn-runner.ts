import type { ErrorCode, Source } from '@mpchat/contract';
import type { Logger } from 'pino';
import type { EventBus } from '../ports/bus.js';
import { EngineError, type ReplyEngine } from '../ports/engine.js';
import { StoreUnavailableError, type GenerationStore, type SessionRecord, type SessionStore, type Turn } from '../ports/store.js';
import type { CourseRecords } from '../ports/course-records.js';
import type { AdapterProfile } from '../ports/adapter-profile.js';
import type { Moderation } from '../moderation/create-moderation.js';
import type { ChatOptions } from './options.js';
import { ReplyOutput } from './reply-output.js';
import { CheckpointBatches } from './checkpoint-batches.js';
import { engineMemory } from './engine-memory.js';
import { recordBlock } from './moderation-log.js';
import { engineSettlement } from './engine-settlement.js';

/**
 * Why a generation was aborted. `lost`: the queue gave the session to another instance;
 * `blocked`: content moderation flagged the reply.
 */
export type AbortReason = 'stop' | 'closed' | 'timeout' | 'shutdown' | 'lost' | 'blocked';

interface Inflight {
  seq: number;
  controller: AbortController;
  /** The reply as released to clients: with moderation, only text that passed the filters. */
  out: ReplyOutput;
}

/**
 * Generates replies: one turn at a time per session (the queue guarantees it), streaming coalesced
 * deltas onto the bus, checkpointing the partial text to the store in the background (see
 * ReplyOutput for why readers still get every character once), settling the turn exactly once. With
 * content moderation, the engine's text goes through a stream gate first: only checked text reaches
 * the bus, the checkpoints, `liveText` and the reply; a flagged reply aborts the engine and settles
 * `blocked` with the canned reply.
 */
export class TurnRunner {
  private readonly inflight = new Map<string, Inflight>();
  private readonly checkpoints: CheckpointBatches;

  constructor(
    private readonly store: GenerationStore & Pick<SessionStore, 'getSession'> & Pick<CourseRecords, 'saveModeration'>,
    private readonly engine: ReplyEngine,
    private readonly bus: EventBus,
    private readonly options: ChatOptions & Pick<AdapterProfile, 'checkpointMs'>,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly moderation?: Moderation,
  ) {
    // One batch of partial text per interval for every turn this instance generates.
    this.checkpoints = new CheckpointBatches({ save: (batch) => store.savePartials(batch), everyMs: options.checkpointMs, now });
  }

  /** The reply text generated so far for a turn running on this instance. */
  liveText(sessionId: string, seq: number): string | undefined {
    const f = this.inflight.get(sessionId);
    return f && f.seq === seq ? f.out.text : undefined;
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

  /**
   * Runs the session's unsettled turns, oldest first, until none is left. `lost` fires when this
   * worker no longer owns the session (another instance took it over): the run stops and writes nothing.
   */
  async drain(sessionId: string, lost?: AbortSignal): Promise<void> {
    const onLost = () => this.abort(sessionId, 'lost');
    lost?.addEventListener('abort', onLost, { once: true });
    try {
      for (let guard = 0; guard < 10_000 && !lost?.aborted; guard++) {
        const turn = await this.store.nextUnsettled(sessionId);
        if (!turn) return;
        // A turn left `generating` by a crashed or stopped worker is started afresh.
        if (turn.status === 'generating') await this.store.requeueTurn(sessionId, turn.seq);
        if (!(await this.store.startTurn(sessionId, turn.seq))) continue;
        const reason = await this.run(turn);
        if (reason === 'shutdown' || reason === 'lost') return;
      }
    } finally {
      lost?.removeEventListener('abort', onLost);
    }
  }

  private async run(turn: Turn): Promise<AbortReason | undefined> {
    const { sessionId, seq } = turn;
    const controller = new AbortController();
    const signal = controller.signal;
    // Without moderation the session is not read: its owner and student matter only for a block.
    const session = this.moderation ? await this.sessionOf(sessionId) : undefined;
    const out = new ReplyOutput({
      sessionId,
      seq,
      // Without moderation the optional call skips its arguments: no store read.
      openid: this.moderation?.replyOpenid(sessionId, session?.owner),
      checkpoints: this.checkpoints,
      publish: (e) => this.publish(e),
      now: this.now,
      coalesceMs: this.options.coalesceMs,
      coalesceChars: this.options.coalesceChars,
      signal,
      moderation: this.moderation,
      onBlock: () => controller.abort('blocked'),
    });
    const f: Inflight = { seq, controller, out };
    this.inflight.set(sessionId, f);
    const timer = setTimeout(() => f.controller.abort('timeout'), this.options.generationTimeoutMs);
    let sources: Source[] = [];
    let suggestions: string[] = [];
    let matched: boolean | null = null;
    let failure: { code: ErrorCode; message: string } | undefined;
    let storeFailure: StoreUnavailableError | undefined;
    try {
      const history = await engineMemory(this.store, sessionId, seq, this.options.historyTurns);
      for await (const chunk of this.engine.answer({ sessionId, seq, message: turn.content, history, signal })) {
        if (signal.aborted) break;
        if (typeof chunk !== 'string') {
          sources = chunk.sources;
          if (chunk.suggestions) suggestions = chunk.suggestions.slice(0, 3);
          if (chunk.matched !== undefined) matched = chunk.matched;
          continue;
        }
        const backlog = chunk.length > 0 ? out.add(chunk) : undefined;
        if (backlog) await backlog;
      }
      await out.finish();
    } catch (err) {
      if (err instanceof StoreUnavailableError) {
        // The store failed, not the engine: the turn stays unsettled and the queue runs it again.
        storeFailure = err;
      } else if (!signal.aborted) {
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
    const drainFailure = await out.drained();
    if (drainFailure instanceof StoreUnavailableError) storeFailure ??= drainFailure;
    if (storeFailure) throw storeFailure;
    const reason = signal.aborted ? (signal.reason as AbortReason) : undefined;
    // Another instance owns the turn now: write nothing.
    if (reason === 'lost') return reason;
    if (reason === 'shutdown') {
      // Leave the turn unsettled: the next start (or another instance) answers it again.
      await this.store.savePartial(sessionId, seq, out.text).catch(() => undefined);
      return reason;
    }
    if (reason === 'timeout') failure = { code: 'UPSTREAM_TIMEOUT', message: 'the reply took too long to generate' };
    const blocked = reason === 'blocked' ? out.gate?.blocked : undefined;
    if (blocked) {
      const text = out.gate!.appended;
      this.moderation!.audit('output', blocked, { sessionId, seq, text });
      // The course's moderation log, for the teachers (the moderation module itself knows no store).
      await recordBlock(this.store, this.log, { at: this.now(), direction: 'output', sessionId, seq, student: session?.student ?? null, content: text, reason: blocked.filter });
    }
    const settlement = engineSettlement({
      text: out.text,
      sources,
      suggestions,
      matched,
      failure,
      reason,
      blockedReply: blocked ? this.moderation!.blockedReply : undefined,
      settledAt: this.now(),
      timeZone: this.options.timeZone,
    });
    if (await this.store.settleTurn(sessionId, seq, settlement)) {
      this.publish({
        type: 'settled',
        sessionId,
        turn: { ...turn, ...settlement, status: settlement.status, errorCode: settlement.errorCode ?? null, errorMessage: settlement.errorMessage ?? null, sources, suggestions: settlement.suggestions ?? [] },
      });
    }
    return reason;
  }

  /** The stored session, or undefined when the store cannot say (moderation then uses what this instance remembers). */
  private async sessionOf(sessionId: string): Promise<SessionRecord | undefined> {
    return this.store.getSession(sessionId).catch(() => undefined);
  }

  private publish(event: Parameters<EventBus['publish']>[0]): void {
    this.bus.publish(event).catch((err: unknown) => this.log.warn({ err, type: event.type }, 'event publish failed'));
  }
}
