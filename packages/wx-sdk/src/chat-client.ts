import { Cancel } from './cancel.js';
import { ChatError } from './chat-error.js';
import { ChatSession, type SessionHost } from './chat-session.js';
import { checkSessionId, resolveOptions, type ChatClientOptions, type ResolvedOptions, type SendOptions } from './client-options.js';
import { Emitter } from './emitter.js';
import { ForegroundGate } from './foreground-gate.js';
import { ROUTE_PATHS } from '@mpchat/contract/wire';
import type { ConnectionStatus, Forgotten, HistoryPage, Page, Rating, Reply, SessionSummary, StopResult, TransportKind, Welcome } from './public-types.js';

/** Events of a {@link ChatClient}. */
export interface ChatClientEvents {
  /** The connection status or the transport changed. */
  status: (status: ConnectionStatus, transport: TransportKind) => void;
  /**
   * A teacher answered a question of this conversation that the assistant could not (`reply.from`
   * is `'teacher'`). It arrives live over the WebSocket; over HTTP it is in {@link ChatClient.history}.
   */
  teacher: (reply: Reply) => void;
}

/**
 * What {@link ChatClient.send} returns: the reply as a promise (`await` it), plus ways to end it
 * early without an `AbortSignal`, which mini-programs do not have.
 */
export interface SendHandle extends Promise<Reply> {
  /**
   * Stops this message's reply on the server (waiting for the message to be stored first); the
   * handle then resolves with the text so far and status `stopped`.
   */
  stop(): Promise<StopResult>;
  /** Stops waiting: the handle rejects with `ABORTED`. The server still answers (use `stop()` to stop it). */
  abort(): void;
}

/**
 * A conversation with an mpchat server. It makes the session id, sends messages (retried
 * idempotently), and delivers each reply over the best transport that works: WebSocket
 * streaming, long-polling or polling, resuming by seq after every reconnect so no reply is lost
 * or repeated.
 *
 * @example
 * const client = new ChatClient({ baseUrl: 'https://chat.example.com' });
 * const reply = await client.send('请问BGP协议实验ping不通怎么办?', {
 *   onDelta: (textSoFar) => this.setData({ answer: textSoFar }),
 * });
 */
export class ChatClient {
  private readonly o: ResolvedOptions;
  private readonly events = new Emitter<ChatClientEvents>();
  private readonly gate = new ForegroundGate();
  private readonly host: SessionHost;
  private session: ChatSession;
  private linkStatus: ConnectionStatus = 'connecting';
  private lastEmitted = '';
  private readonly unwatchNetwork: () => void;

  constructor(options: ChatClientOptions) {
    this.o = resolveOptions(options);
    this.host = {
      link: (s, status) => {
        if (s !== this.session) return;
        this.linkStatus = status;
        this.emitStatus();
      },
      changed: (s, kind) => {
        if (s !== this.session) return;
        if (kind === 'socket') this.linkStatus = 'connecting';
        this.emitStatus();
      },
      teacher: (s, reply) => {
        if (s === this.session) this.events.emit('teacher', reply);
      },
    };
    const id = options.sessionId !== undefined ? checkSessionId(options.sessionId) : undefined;
    this.session = new ChatSession(this.o, this.gate, this.host, id, options.after || 0);
    const watch = this.o.adapter.watchNetwork;
    this.unwatchNetwork = watch ? watch(() => this.session.reconnect()) : () => undefined;
  }

  /** Resolves with the session id once it exists (`wx.getRandomValues` is asynchronous). */
  get ready(): Promise<string> {
    return this.session.ready;
  }

  /** The session id (undefined until {@link ChatClient.ready} resolves). */
  get sessionId(): string | undefined {
    return this.session.id;
  }

  /** Where the session id came from: a secure random source, the Math.random fallback, or the options. */
  get sessionIdSource(): 'secure' | 'fallback' | 'given' | undefined {
    return this.session.idSource;
  }

  /**
   * Every reply up to this seq has settled. Save it with {@link ChatClient.sessionId} to resume
   * after a cold start: `new ChatClient({ baseUrl, sessionId, after: lastSeq })`.
   */
  get lastSeq(): number {
    return this.session.book.after;
  }

  /** The connection status now. */
  get status(): ConnectionStatus {
    return this.session.closedError ? 'closed' : this.gate.isClosed ? 'offline' : this.linkStatus;
  }

  /** The transport in use now. */
  get transport(): TransportKind {
    return this.session.kind;
  }

  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof ChatClientEvents>(event: K, listener: ChatClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Sends a message and resolves with its reply. Messages are stored in call order. Network
   * failures are retried with the same clientMsgId, so the server stores the message once; a 4xx
   * is not retried. Rejects with a {@link ChatError}: the server's code, or TIMEOUT / ABORTED /
   * NETWORK_ERROR / BAD_RESPONSE. The returned handle can also {@link SendHandle.stop} the reply.
   */
  send(content: string, options: SendOptions = {}): SendHandle {
    const s = this.session;
    const cancel = new Cancel();
    const sending = s.send(content, options, cancel);
    const handle = sending.reply as SendHandle;
    handle.stop = () => s.stopTurn(sending.seq);
    handle.abort = () => cancel.abort(new ChatError('ABORTED', 'aborted by the caller'));
    return handle;
  }

  /**
   * Stops the reply being generated; its text so far becomes the reply (status `stopped`). A
   * message still being posted is stored first, then its reply is stopped.
   */
  stop(): Promise<StopResult> {
    return this.session.stop();
  }

  /**
   * Ends the conversation: waiting sends reject with SESSION_CLOSED, the socket closes, and the
   * server forgets the session (a message still being posted reaches it first). The client cannot
   * be used afterwards; see {@link ChatClient.reset} for a new conversation on the same client.
   */
  destroy(): Promise<void> {
    this.unwatchNetwork();
    return this.session.destroy();
  }

  /**
   * 新对话: destroys the current session (as {@link ChatClient.destroy}) and starts a new one on
   * this client, keeping its listeners and lifecycle binding. Resolves with the new session id;
   * rejects if the server could not be told (the new session is in use all the same).
   */
  reset(): Promise<string> {
    return this.restart();
  }

  /**
   * 继续这个对话: starts a new conversation (as {@link ChatClient.reset}) whose answers remember the
   * last turns of the user's earlier session `sessionId`, open or closed (an id from
   * {@link ChatClient.listSessions}). Resolves with the new session id. Needs a server with
   * `AUTH=wx-login` or `wx-cloud`; the first send rejects with SESSION_NOT_FOUND when `sessionId`
   * is not one of the user's sessions; a malformed id throws INVALID_ARGUMENT at once.
   *
   * @example
   * await client.continue(picked.sessionId);
   * const reply = await client.send('接着上次的问题：stub 区域呢？');
   */
  continue(sessionId: string): Promise<string> {
    return this.restart(checkSessionId(sessionId));
  }

  private restart(continueFrom?: string): Promise<string> {
    const old = this.session;
    this.session = new ChatSession(this.o, this.gate, this.host, undefined, 0, continueFrom);
    this.linkStatus = 'connecting';
    this.emitStatus();
    return old.destroy().then(() => this.session.ready);
  }

  /**
   * Rates the answer of turn `seq` (a {@link Reply}'s `seq`) 👍 `up` or 👎 `down`, with an optional
   * comment (≤ 500 characters); rating again replaces. Rejects with NOT_SETTLED while the reply is
   * still being generated, NO_SUCH_MESSAGE for an unknown seq, NOT_FOUND when the server has
   * feedback switched off.
   *
   * @example
   * const reply = await client.send('BGP实验ping不通怎么办？');
   * await client.feedback(reply.seq, 'down', '没有讲 AS 号');
   */
  feedback(seq: number, rating: Rating, comment?: string): Promise<void> {
    return this.session.feedback(seq, rating, comment);
  }

  /** The opening message and starter questions to show on an empty chat. */
  welcome(): Promise<Welcome> {
    return this.session.read<Welcome>(ROUTE_PATHS.welcome);
  }

  /**
   * 历史对话: the user's conversations, most recently active first, 20 a page (pass `nextCursor`
   * for the next). Needs a server with `AUTH=wx-login` or `wx-cloud` (elsewhere: NOT_FOUND).
   */
  listSessions(cursor?: string): Promise<Page<SessionSummary>> {
    return this.session.read(ROUTE_PATHS.sessions, { cursor });
  }

  /**
   * Every turn of one of the user's conversations, open or closed, oldest first, 50 a page (pass
   * `nextCursor` for the next). SESSION_NOT_FOUND for anyone else's, or one no longer kept.
   */
  history(sessionId: string, cursor?: string): Promise<HistoryPage> {
    return this.session.read(ROUTE_PATHS.history, { sessionId, cursor });
  }

  /**
   * 清除我的记录: ends the current conversation (as {@link ChatClient.reset}), then deletes every
   * conversation, message and rating of the user on the server. Resolves with what was deleted.
   * Needs `AUTH=wx-login` or `wx-cloud`.
   */
  forget(): Promise<Forgotten> {
    return this.restart().then(() => this.session.call<Forgotten>(ROUTE_PATHS.forget, {}));
  }

  /** The app went to the background: closes the socket, holds requests (see bindAppLifecycle). */
  suspend(): void {
    const s = this.session;
    if (this.gate.isClosed || s.closedError) return;
    this.gate.close();
    if (s.kind === 'socket') this.linkStatus = 'reconnecting';
    if (s.transports) s.transports.pause();
    this.emitStatus();
  }

  /** The app is back: reconnects and resumes from the last reply received. */
  resume(): void {
    if (!this.gate.isClosed) return;
    this.gate.open();
    this.emitStatus();
    const s = this.session;
    if (s.transports && !s.closedError) s.transports.resume();
  }

  private emitStatus(): void {
    const status = this.status;
    const transport = this.transport;
    if (`${status}/${transport}` === this.lastEmitted) return;
    this.lastEmitted = `${status}/${transport}`;
    this.events.emit('status', status, transport);
  }
}
