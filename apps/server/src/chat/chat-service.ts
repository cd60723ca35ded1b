import { formatTimestamp, type ReceiveParams } from '@mpchat/contract';
import type { Logger } from 'pino';
import type { AdapterProfile } from '../ports/adapter-profile.js';
import type { ChatEvent, EventBus } from '../ports/bus.js';
import type { ReplyEngine } from '../ports/engine.js';
import type { GenerationQueue } from '../ports/queue.js';
import { isUnsettled, type ChatStore, type SessionRecord, type Turn, type TurnQuery } from '../ports/store.js';
import { ChatError } from './chat-error.js';
import type { ChatOptions } from './options.js';
import { TurnRunner } from './turn-runner.js';
import { waitForSettled } from './wait-for-settled.js';

/** A user message to store. */
export interface SendInput {
  sessionId: string;
  content: string;
  timestamp: string;
  clientMsgId?: string | undefined;
}

/** What receive found: a settled turn, or one still generating with its text so far. */
export type ReceiveResult = { kind: 'settled'; turn: Turn } | { kind: 'generating'; turn: Turn; partial: string };

/** Dependencies of the chat service: the ports and the options. */
export interface ChatServiceDeps {
  store: ChatStore;
  engine: ReplyEngine;
  bus: EventBus;
  queue: GenerationQueue;
  logger: Logger;
  options: ChatOptions;
  /** What the adapters need from the service (checkpoints, recovery, reconcile). */
  profile: AdapterProfile;
  now?: () => number;
}

// Receive touches a session at most this often, so polling keeps it alive without a write per poll.
const TOUCH_EVERY_MS = 10_000;

/**
 * The chat service: sessions, turns, ordering and generation. Transports (HTTP routes, the
 * WebSocket gateway) call it; it talks to the ports only. Session ids arrive normalised to lower case.
 */
export class ChatService {
  readonly store: ChatStore;
  readonly bus: EventBus;
  readonly options: ChatOptions;
  private readonly runner: TurnRunner;
  private readonly queue: GenerationQueue;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;
  private sweeper: NodeJS.Timeout | undefined;
  private reconciler: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ChatServiceDeps) {
    this.store = deps.store;
    this.bus = deps.bus;
    this.queue = deps.queue;
    this.options = deps.options;
    this.log = deps.logger;
    this.now = deps.now ?? Date.now;
    this.runner = new TurnRunner(deps.store, deps.engine, deps.bus, { ...deps.options, checkpointMs: deps.profile.checkpointMs }, deps.logger, this.now);
    // stop / close may be asked on any instance; the one running the turn aborts it.
    this.unsubscribe = deps.bus.subscribeAll((e) => this.onEvent(e));
  }

  /** Starts the generation workers, re-runs work a crash left behind, and starts the idle sweeper. */
  async start(): Promise<void> {
    this.queue.start((sessionId, lost) => this.runner.drain(sessionId, lost));
    if (this.deps.profile.recoverOnStart) await this.reconcile();
    this.sweeper = setInterval(() => void this.sweep().catch((err: unknown) => this.log.warn({ err }, 'sweep failed')), this.options.sweepIntervalMs);
    this.sweeper.unref();
    if (this.deps.profile.reconcileIntervalMs > 0) {
      this.reconciler = setInterval(
        () => void this.reconcile().catch((err: unknown) => this.log.warn({ err }, 'reconcile failed')),
        this.deps.profile.reconcileIntervalMs,
      );
      this.reconciler.unref();
    }
  }

  /** Schedules every session with unanswered messages (after a crash, or a schedule lost to an outage). */
  async reconcile(): Promise<number> {
    const sessions = await this.store.sessionsWithUnsettled();
    if (sessions.length > 0) this.log.info({ sessions: sessions.length }, 'scheduling unanswered messages');
    for (const id of sessions) await this.queue.schedule(id);
    return sessions.length;
  }

  private onEvent(e: ChatEvent): void {
    if (e.type === 'stop') this.runner.abort(e.sessionId, 'stop');
    else if (e.type === 'closed') this.runner.abort(e.sessionId, 'closed');
  }

  /** Stores a user message and schedules its reply. */
  async send(input: SendInput): Promise<{ seq: number; duplicate: boolean }> {
    const outcome = await this.store.appendTurn({
      ...input,
      now: this.now(),
      maxPending: this.options.maxPendingTurns,
      maxLiveSessions: this.options.maxLiveSessions,
      maxTurns: this.options.maxMessagesPerSession,
    });
    switch (outcome.kind) {
      case 'closed':
        throw new ChatError('SESSION_CLOSED', 'this session was closed; start a new one with a new sessionId');
      case 'busy':
        throw new ChatError('BUSY', `${outcome.pending} messages of this session are still waiting for a reply`, {
          retryAfterMs: this.options.pollRetryAfterMs,
        });
      case 'quota':
        throw new ChatError('RATE_LIMITED', `this session has used its quota of ${outcome.limit} messages; start a new conversation`);
      case 'full':
        throw new ChatError('TOO_MANY_SESSIONS', 'the server is holding as many conversations as it is configured for; try again later', {
          retryAfterMs: 30_000,
        });
      case 'duplicate':
        // The first attempt may have stored the turn but failed to schedule it: scheduling is idempotent.
        if (isUnsettled(outcome.turn.status)) await this.queue.schedule(input.sessionId);
        return { seq: outcome.turn.seq, duplicate: true };
      case 'created':
        // Message text is personal data: logged only at debug level.
        this.log.debug({ sessionId: input.sessionId, seq: outcome.turn.seq, content: input.content }, 'message stored');
        await this.queue.schedule(input.sessionId);
        return { seq: outcome.turn.seq, duplicate: false };
    }
  }

  /** The session, or SESSION_NOT_FOUND / SESSION_CLOSED. */
  async openSession(sessionId: string): Promise<SessionRecord> {
    const session = await this.store.getSession(sessionId);
    if (!session) throw new ChatError('SESSION_NOT_FOUND', 'no message was ever sent in this session');
    if (session.closedAt !== null) throw new ChatError('SESSION_CLOSED', 'this session was closed; start a new one with a new sessionId');
    return session;
  }

  /**
   * Receive: picks the turn (latest, at-or-after timestamp, or after seq), and when it is still
   * generating and `wait` > 0, holds until it settles, the wait ends, or `signal` aborts.
   */
  async receive(params: Omit<ReceiveParams, 'sessionId'> & { sessionId: string }, signal?: AbortSignal): Promise<ReceiveResult> {
    const session = await this.openSession(params.sessionId);
    const now = this.now();
    if (now - session.lastActiveAt > TOUCH_EVERY_MS) await this.store.touchSession(session.id, now);
    const query: TurnQuery =
      params.after !== undefined
        ? { kind: 'after', seq: params.after }
        : params.timestamp !== undefined
          ? { kind: 'atOrAfter', timestamp: params.timestamp }
          : { kind: 'latest' };
    let turn = await this.store.findTurn(session.id, query);
    if (!turn) {
      throw new ChatError(
        'NO_SUCH_MESSAGE',
        query.kind === 'latest' ? 'no message in this session yet' : query.kind === 'after' ? `no message after seq ${query.seq}` : `no message at or after ${query.timestamp}`,
      );
    }
    if (isUnsettled(turn.status) && params.wait) {
      const result = await waitForSettled(this.bus, this.store, turn, params.wait * 1000, signal);
      if (result === 'closed') throw new ChatError('SESSION_CLOSED', 'this session was closed while waiting');
      turn = result;
    }
    return this.resultOf(turn);
  }

  /** Settled turn → result (or its stored error); unsettled → generating with the freshest text. */
  resultOf(turn: Turn): ReceiveResult {
    if (turn.status === 'failed') throw ChatError.ofFailedTurn(turn);
    if (isUnsettled(turn.status)) {
      return { kind: 'generating', turn, partial: this.runner.liveText(turn.sessionId, turn.seq) ?? turn.reply };
    }
    return { kind: 'settled', turn };
  }

  /** Text generated so far for an unsettled turn (live on this instance, else the checkpoint). */
  partialOf(turn: Turn): string {
    return this.runner.liveText(turn.sessionId, turn.seq) ?? turn.reply;
  }

  /** Stops the reply being generated (its partial text becomes the reply), only turn `seq` when given. No-op when idle. */
  async stop(sessionId: string, seq?: number): Promise<{ stopped: boolean; seq?: number }> {
    await this.openSession(sessionId);
    const turn = await this.store.nextUnsettled(sessionId);
    // With a seq, only that turn: a retried stop must not stop the next reply.
    if (!turn || (seq !== undefined && turn.seq !== seq)) return { stopped: false };
    await this.bus.publish({ type: 'stop', sessionId });
    if (turn.status === 'pending') {
      // Not started yet: it ends now, empty. (If a worker started it meanwhile, the stop event aborts it.)
      const settlement = { status: 'stopped' as const, reply: '', replyTimestamp: formatTimestamp(new Date(this.now()), this.options.timeZone) };
      if (await this.store.settleTurn(sessionId, turn.seq, settlement)) {
        await this.bus.publish({ type: 'settled', sessionId, turn: { ...turn, ...settlement } });
      }
    }
    return { stopped: true, seq: turn.seq };
  }

  /** Ends a session: aborts generation, deletes (or retains) its messages. Idempotent. */
  async destroy(sessionId: string, reason: 'destroyed' | 'expired' = 'destroyed'): Promise<boolean> {
    const wasOpen = await this.store.closeSession(sessionId, this.now(), this.options.retainTranscripts);
    // Published even for an id that never sent a message: a socket may be open on it.
    await this.bus.publish({ type: 'closed', sessionId, reason });
    return wasOpen;
  }

  /** Closes idle sessions and forgets old tombstones. */
  async sweep(): Promise<number> {
    const now = this.now();
    const idle = await this.store.idleSessions(now - this.options.sessionIdleTtlMs, 500);
    for (const id of idle) await this.destroy(id, 'expired');
    await this.store.purgeClosed(now - this.options.tombstoneTtlMs);
    if (idle.length > 0) this.log.info({ sessions: idle.length }, 'closed idle sessions');
    return idle.length;
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
    clearInterval(this.sweeper);
    clearInterval(this.reconciler);
    const closing = this.queue.close();
    const deadline = setTimeout(() => this.runner.abortAll('shutdown'), graceMs);
    await closing;
    clearTimeout(deadline);
    this.unsubscribe();
  }
}
