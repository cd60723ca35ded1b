import type { ChatEventHandler } from '../ports/bus.js';
import type { SessionRecord, Turn } from '../ports/store.js';
import { sessionClosed } from './append-outcome.js';
import type { Caller, ChatAction } from './caller.js';
import type { ClientPolicy } from './client-policy.js';
import { ownedStream } from './owned-stream.js';
import type { ServiceCore } from './service-core.js';

const REPLAY_PAGE = 100;

/** The service's one policy gate ({@link ChatService} `admit`), handed to its facets. */
export type Admit = (caller: Caller, action: ChatAction, sessionId?: string) => Promise<SessionRecord | undefined>;

/**
 * The WebSocket side of the chat service (`chat.streams`): open a live stream on a session, its
 * events, replay after a seq, resync one turn, keep the session alive, socket slots and the one
 * live socket per session across instances. Every call passes the service's own `admit`, so
 * ownership and limits hold exactly as for HTTP; the ports stay private to the service.
 */
export class SessionStreams {
  constructor(
    private readonly core: ServiceCore,
    private readonly policy: ClientPolicy,
    private readonly admit: Admit,
  ) {}

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

  /**
   * The session's events (deltas, settled turns, closure) until the returned function is called.
   * With a WeChat user as `caller`, only while the session is theirs (see {@link ownedStream}).
   */
  subscribe(caller: Caller, sessionId: string, handler: ChatEventHandler): () => void {
    if (caller.identity.kind !== 'wx') return this.core.bus.subscribe(sessionId, handler);
    return this.core.bus.subscribe(sessionId, ownedStream(() => this.policy.ownedSession(caller, sessionId, true), handler));
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
    return this.core.runner.liveText(turn.sessionId, turn.seq) ?? turn.reply;
  }

  /** Marks a session active (a client with the page open is not idle). */
  async keepAlive(caller: Caller, sessionId: string): Promise<void> {
    await this.admit(caller, 'keepAlive', sessionId);
    await this.core.store.touchSession(sessionId, this.core.now());
  }

  /**
   * Takes one of the caller's open-socket slots (429 RATE_LIMITED when it holds all it may). The
   * gateway calls it on the upgrade and calls the returned function when the socket closes.
   */
  holdSocket(caller: Caller): Promise<() => void> {
    return this.policy.holdSocket(caller);
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
}
