import type { ReceiveParams, Welcome } from '@mpchat/contract';
import type { ChatEvent, ChatEventHandler } from '../ports/bus.js';
import type { FeedbackRecord, Turn } from '../ports/store.js';
import { sessionClosed } from './append-outcome.js';
import type { Caller, ChatAction } from './caller.js';
import { exportFeedback, rateTurn, type FeedbackExportQuery, type FeedbackInput } from './feedback-operations.js';
import { Housekeeping } from './housekeeping.js';
import { sweepIdle } from './idle-sweep.js';
import type { ChatServiceDeps, Readiness, ServiceCore } from './service-core.js';
import { receiveTurn, sendMessage, stopTurn, type ReceiveResult, type SendInput } from './turn-operations.js';
import { TurnRunner } from './turn-runner.js';
import { DEFAULT_WELCOME } from '../welcome/welcome-file.js';

export type { ChatServiceDeps, Readiness } from './service-core.js';
/** Whether a turn is still pending or generating (the service's vocabulary for transports). */
export { isUnsettled } from '../ports/store.js';
export type { ReceiveResult, SendInput } from './turn-operations.js';
export type { FeedbackExportQuery, FeedbackInput } from './feedback-operations.js';
export type { FeedbackRecord } from '../ports/store.js';


const REPLAY_PAGE = 100;

/**
 * The chat service, and the only door into it: sessions, turns, ordering and generation. HTTP
 * routes and the WebSocket gateway call its methods, each with the {@link Caller}; its ports stay
 * private. A policy for all transports goes in {@link ChatService.admit}. Session ids arrive
 * normalised to lower case (by the contract's schema).
 */
export class ChatService {
  private readonly core: ServiceCore;
  private readonly runner: TurnRunner;
  private readonly unsubscribe: () => void;
  private readonly housekeeping: Housekeeping;

  constructor(private readonly deps: ChatServiceDeps) {
    const now = deps.now ?? Date.now;
    this.runner = new TurnRunner(deps.store, deps.engine, deps.bus, { ...deps.options, checkpointMs: deps.profile.checkpointMs }, deps.logger, now, deps.moderation);
    this.core = { store: deps.store, bus: deps.bus, queue: deps.queue, runner: this.runner, options: deps.options, log: deps.logger, now };
    this.housekeeping = new Housekeeping(this, deps.logger);
    // stop / close may be asked on any instance; the one running the turn aborts it.
    this.unsubscribe = deps.bus.subscribeAll((e) => this.onEvent(e));
  }

  /** Starts the generation workers, re-runs work a crash left behind, and starts the idle sweeper. */
  async start(): Promise<void> {
    this.core.queue.start((sessionId, lost) => this.runner.drain(sessionId, lost));
    if (this.deps.profile.recoverOnStart) await this.reconcile();
    this.housekeeping.start(this.core.options.sweepIntervalMs, this.deps.profile.reconcileIntervalMs);
  }

  /**
   * The one place a policy applies to every request of every transport (today: a debug line;
   * next: ownership by identity, per-client limits, content filtering). Throws a ChatError to refuse.
   */
  private async admit(caller: Caller, action: ChatAction, sessionId: string): Promise<void> {
    this.core.log.trace({ transport: caller.transport, client: caller.address, action, sessionId }, 'admit');
  }

  /** Stores a user message and schedules its reply. */
  async send(caller: Caller, input: SendInput): Promise<{ seq: number; duplicate: boolean }> {
    await this.admit(caller, 'send', input.sessionId);
    // Content moderation: a rejected message is answered 422 CONTENT_REJECTED, never stored or answered.
    await this.deps.moderation?.checkInput(input.content, caller.openid, input.sessionId);
    return sendMessage(this.core, input);
  }

  /**
   * Receive: picks the turn (latest, at-or-after timestamp, or after seq), and when it is still
   * generating and `wait` > 0, holds until it settles, the wait ends, or `signal` aborts.
   */
  async receive(caller: Caller, params: ReceiveParams, signal?: AbortSignal): Promise<ReceiveResult> {
    await this.admit(caller, 'receive', params.sessionId);
    return receiveTurn(this.core, params, signal);
  }

  /** Stops the reply being generated (its partial text becomes the reply), only turn `seq` when given. No-op when idle. */
  async stop(caller: Caller, sessionId: string, seq?: number): Promise<{ stopped: boolean; seq?: number }> {
    await this.admit(caller, 'stop', sessionId);
    return stopTurn(this.core, sessionId, seq);
  }

  /** Ends a session: aborts generation, deletes (or retains) its messages. Idempotent. */
  async destroy(caller: Caller, sessionId: string, reason: 'destroyed' | 'expired' = 'destroyed'): Promise<boolean> {
    await this.admit(caller, 'destroy', sessionId);
    const wasOpen = await this.core.store.closeSession(sessionId, this.core.now(), this.core.options.retainTranscripts);
    // Published even for an id that never sent a message: a socket may be open on it.
    await this.core.bus.publish({ type: 'closed', sessionId, reason });
    return wasOpen;
  }

  /**
   * Rates the settled answer of one of the caller's turns (👍/👎, optional comment); rating again
   * replaces. Goes through {@link admit} and the open-session lookup, so session ownership applies.
   */
  async feedback(caller: Caller, input: FeedbackInput): Promise<{ seq: number; rating: FeedbackInput['rating'] }> {
    await this.admit(caller, 'feedback', input.sessionId);
    return rateTurn(this.core, input);
  }

  /** Teachers' export of the feedback (the transport has checked the admin token). */
  feedbackExport(query: FeedbackExportQuery): Promise<FeedbackRecord[]> {
    return exportFeedback(this.core, query);
  }

  /** The opening message and starter questions (from the welcome file beside the knowledge base). */
  welcome(): Welcome {
    return this.deps.welcome?.current ?? DEFAULT_WELCOME;
  }

  /**
   * Opens a live stream on a session (WebSocket): its last seq (0 for an id that never sent),
   * or SESSION_CLOSED.
   */
  async openStream(caller: Caller, sessionId: string): Promise<{ lastSeq: number }> {
    await this.admit(caller, 'stream', sessionId);
    const session = await this.core.store.getSession(sessionId);
    if (session?.closedAt != null) throw sessionClosed();
    return { lastSeq: session?.lastSeq ?? 0 };
  }

  /** The session's events (deltas, settled turns, closure) until the returned function is called. */
  subscribe(sessionId: string, handler: ChatEventHandler): () => void {
    return this.core.bus.subscribe(sessionId, handler);
  }

  /** The turns after seq `after`, oldest first, read page by page. */
  async *replay(caller: Caller, sessionId: string, after: number): AsyncGenerator<Turn> {
    await this.admit(caller, 'replay', sessionId);
    for (let cursor = after; ; ) {
      const turns = await this.core.store.turnsAfter(sessionId, cursor, REPLAY_PAGE);
      yield* turns;
      if (turns.length < REPLAY_PAGE) return;
      cursor = turns.at(-1)!.seq;
    }
  }

  /** One turn as stored now (a stream resyncs from it). */
  async turn(caller: Caller, sessionId: string, seq: number): Promise<Turn | undefined> {
    await this.admit(caller, 'replay', sessionId);
    return this.core.store.getTurn(sessionId, seq);
  }

  /** Text generated so far for an unsettled turn (live on this instance, else the checkpoint). */
  partialOf(turn: Turn): string {
    return this.runner.liveText(turn.sessionId, turn.seq) ?? turn.reply;
  }

  /** Marks a session active (a client with the page open is not idle). */
  async keepAlive(caller: Caller, sessionId: string): Promise<void> {
    await this.admit(caller, 'keepAlive', sessionId);
    await this.core.store.touchSession(sessionId, this.core.now());
  }

  /** Tells every instance a socket opened on the session (one live socket per session). */
  announceSocket(sessionId: string, connectionId: string, openedAt: number): Promise<void> {
    return this.core.bus.publish({ type: 'socket', sessionId, connectionId, openedAt });
  }

  /** Hears sockets opened on any instance. Returns an unsubscribe function. */
  onSocketOpened(handler: (sessionId: string, connectionId: string, openedAt: number) => void): () => void {
    return this.core.bus.subscribeAll((e) => {
      if (e.type === 'socket') handler(e.sessionId, e.connectionId, e.openedAt);
    });
  }

  /** Whether this instance can serve: the store answers and the engine is loaded. */
  async readiness(): Promise<Readiness> {
    const store = await this.core.store.ping().then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    return { store, engine: this.deps.engine.isReady() ? 'ok' : 'loading' };
  }

  /** Schedules every session with unanswered messages (after a crash, or a schedule lost to an outage). */
  async reconcile(): Promise<number> {
    const sessions = await this.core.store.sessionsWithUnsettled();
    if (sessions.length > 0) this.core.log.info({ sessions: sessions.length }, 'scheduling unanswered messages');
    for (const id of sessions) await this.core.queue.schedule(id);
    return sessions.length;
  }

  /** Closes idle sessions and forgets old tombstones. */
  sweep(): Promise<number> {
    return sweepIdle(this.core);
  }

  private onEvent(e: ChatEvent): void {
    if (e.type === 'stop') this.runner.abort(e.sessionId, 'stop');
    else if (e.type === 'closed') this.runner.abort(e.sessionId, 'closed');
  }

  /** Generations running on this instance. */
  get running(): number {
    return this.runner.running;
  }

  /**
   * Shutdown: lets running replies finish for up to `graceMs`, then aborts the rest, which stay
   * unsettled in the store and are answered after the next start.
   */
  async close(graceMs: number): Promise<void> {
    this.housekeeping.stop();
    const closing = this.core.queue.close();
    const deadline = setTimeout(() => this.runner.abortAll('shutdown'), graceMs);
    await closing;
    clearTimeout(deadline);
    this.unsubscribe();
  }
}
