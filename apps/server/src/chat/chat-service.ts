import type { ReceiveParams, Welcome } from '@mpchat/contract';
import type { ChatEvent } from '../ports/bus.js';
import type { FeedbackRecord, SessionRecord } from '../ports/store.js';
import type { Forgotten } from '@mpchat/contract';
import { screenQuestion } from './question-screen.js';
import { AdminDesk } from './admin-desk.js';
import { AdminGate } from './admin-gate.js';
import { questionSimilarity } from './question-similarity.js';
import { forgetCaller } from './forget-operations.js';
import { Pseudonyms } from './pseudonyms.js';
import { KnowledgeSync } from './knowledge-sync.js';
import { reloadKnowledgeFolder } from './knowledge-folder.js';
import type { ImportCounts } from './kb-transfer.js';
import { ClientPolicy } from './client-policy.js';
import type { Caller, ChatAction } from './caller.js';
import { exportFeedback, rateTurn, type FeedbackExportQuery, type FeedbackInput } from './feedback-operations.js';
import { Housekeeping } from './housekeeping.js';
import { LoginGate } from './login-gate.js';
import type { IssuedToken } from '../auth/login-token.js';
import { SessionStreams } from './session-streams.js';
import { SessionHistory } from './session-history.js';
import { sweepIdle } from './idle-sweep.js';
import type { ChatServiceDeps, Readiness, ServiceCore } from './service-core.js';
import { receiveTurn, sendMessage, stopTurn, type ReceiveResult, type SendInput } from './turn-operations.js';
import { openingSend } from './session-opening.js';
import { TurnCache } from './turn-cache.js';
import { TurnRunner } from './turn-runner.js';
import { DEFAULT_WELCOME } from '../welcome/welcome-file.js';

export type { ChatServiceDeps, Readiness } from './service-core.js';
/** Whether a turn is still pending or generating (the service's vocabulary for transports). */
export { isUnsettled } from '../ports/store.js';
export type { ReceiveResult, SendInput } from './turn-operations.js';
export type { FeedbackExportQuery, FeedbackInput } from './feedback-operations.js';
export type { FeedbackRecord } from '../ports/store.js';


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
  private readonly policy: ClientPolicy;
  private readonly loginGate: LoginGate;
  /** The WebSocket side of the door: live streams, replay and socket slots, under the same {@link admit}. */
  readonly streams: SessionStreams;
  /** A student's own history: their sessions and each one's turns, under the same {@link admit}. */
  readonly history: SessionHistory;
  /** The teachers' side of the door: every admin route passes its gate first. */
  readonly admin: AdminDesk;
  private readonly pseudonyms: Pseudonyms;
  private readonly knowledge: KnowledgeSync;

  constructor(private readonly deps: ChatServiceDeps) {
    const now = deps.now ?? Date.now;
    this.policy = new ClientPolicy(deps.store, deps.limits, { ttlMs: deps.options.sessionIdleTtlMs, now });
    this.loginGate = new LoginGate(deps.login, deps.limits);
    this.runner = new TurnRunner(deps.store, deps.engine, deps.bus, { ...deps.options, checkpointMs: deps.profile.checkpointMs }, deps.logger, now, deps.moderation);
    const turnCache = deps.profile.turnCacheSessions ? new TurnCache(deps.profile.turnCacheSessions) : undefined;
    this.core = { store: deps.store, bus: deps.bus, queue: deps.queue, runner: this.runner, options: deps.options, log: deps.logger, now, turnCache };
    this.housekeeping = new Housekeeping(this, deps.logger);
    const admit = (caller: Caller, action: ChatAction, sessionId?: string) => this.admit(caller, action, sessionId);
    this.streams = new SessionStreams(this.core, this.policy, admit);
    this.history = new SessionHistory(this.core, admit);
    this.pseudonyms = new Pseudonyms(deps.store, deps.pseudonymKey);
    this.knowledge = new KnowledgeSync(this.core, deps.engine, deps.seedKnowledge, deps.seedSynonyms);
    const rank = deps.engine.rank?.bind(deps.engine);
    // Unanswered questions are grouped the way the engine reads questions, when it can say.
    const similarity = questionSimilarity(deps.engine.questionTerms?.bind(deps.engine));
    this.admin = new AdminDesk(this.core, new AdminGate(deps.adminTokens ?? [], deps.adminThrottle), this.policy, this.knowledge, rank, similarity);
    // stop / close may be asked on any instance; the one running the turn aborts it.
    this.unsubscribe = deps.bus.subscribeAll((e) => this.onEvent(e));
  }

  /** Starts the generation workers, re-runs work a crash left behind, and starts the idle sweeper. */
  async start(): Promise<void> {
    // The knowledge base first: the first reply must come from the store's entries.
    await this.knowledge.start();
    this.core.queue.start((sessionId, lost) => this.runner.drain(sessionId, lost));
    if (this.deps.profile.recoverOnStart) await this.reconcile();
    this.housekeeping.start(this.core.options.sweepIntervalMs, this.deps.profile.reconcileIntervalMs);
  }

  /**
   * The one place a policy applies to every request of every transport: ownership by identity and
   * per-client limits ({@link ClientPolicy}). Throws a ChatError to refuse. Answers the session
   * record when the policy read it (send, destroy; any action of a WeChat user).
   */
  private async admit(caller: Caller, action: ChatAction, sessionId?: string): Promise<SessionRecord | undefined> {
    this.core.log.trace({ transport: caller.transport, client: caller.address, action, sessionId }, 'admit');
    return this.policy.admit(caller, action, sessionId);
  }

  /**
   * `POST /login` (`AUTH=wx-login`): a `wx.login` code for a login token, behind the per-address
   * login limit; a code WeChat refused is refused again from memory for a while ({@link LoginGate}).
   */
  login(caller: Caller, code: string, signal?: AbortSignal): Promise<IssuedToken> {
    this.core.log.trace({ transport: caller.transport, client: caller.address, action: 'login' }, 'admit');
    return this.loginGate.login(caller, code, signal);
  }

  /**
   * Stores a user message and schedules its reply. `continueFrom` (read only when the message opens
   * the session) must name one of the caller's own sessions.
   */
  async send(caller: Caller, input: SendInput): Promise<{ seq: number; duplicate: boolean }> {
    const session = await this.admit(caller, 'send', input.sessionId);
    await screenQuestion(this.core, this.deps.moderation, this.pseudonyms, caller, session, input);
    if (session) return sendMessage(this.core, { ...input, continueFrom: undefined });
    if (input.continueFrom) await this.admit(caller, 'continue', input.continueFrom);
    return openingSend(this.core, this.policy, this.pseudonyms, caller, input);
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
  async destroy(caller: Caller, sessionId: string): Promise<boolean> {
    const session = await this.admit(caller, 'destroy', sessionId);
    const wasOpen = await this.core.store.closeSession(sessionId, this.core.now(), this.core.options.transcriptRetentionMs > 0);
    if (wasOpen) await this.policy.closed(session);
    // Published even for an id that never sent a message: a socket may be open on it.
    await this.core.bus.publish({ type: 'closed', sessionId, reason: 'destroyed' });
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

  /** Deletes every session, turn and rating of the caller (the right to be forgotten); see {@link forgetCaller}. */
  forget(caller: Caller): Promise<Forgotten> {
    return forgetCaller(this.core, this.policy, this.pseudonyms, caller);
  }

  /** Teachers' export of the feedback (the transport has checked the admin token). */
  feedbackExport(query: FeedbackExportQuery): AsyncGenerator<FeedbackRecord> {
    return exportFeedback(this.core, query);
  }

  /** SIGHUP: imports KB_DIR into the store; see {@link reloadKnowledgeFolder}. */
  reloadKnowledgeFolder(): Promise<ImportCounts | undefined> {
    return reloadKnowledgeFolder(this.core, this.knowledge, this.deps.seedKnowledge, this.deps.seedSynonyms);
  }

  /** The opening message and starter questions (from the welcome file beside the knowledge base). */
  welcome(): Welcome {
    return this.deps.welcome?.current ?? DEFAULT_WELCOME;
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
    return sweepIdle(this.core, (closed) => this.policy.expired(closed));
  }

  private onEvent(e: ChatEvent): void {
    this.core.turnCache?.onEvent(e);
    this.knowledge.onEvent(e);
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
