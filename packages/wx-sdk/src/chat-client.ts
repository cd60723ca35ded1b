import type { SendResponse, StopResponse } from '@mpchat/contract';
import { ROUTE_PATHS } from '@mpchat/contract/wire';
import { Cancel, raceCancel } from './cancel.js';
import { ChatError } from './chat-error.js';
import { checkSessionId, resolveOptions, type ChatClientOptions, type ResolvedOptions, type SendOptions } from './client-options.js';
import { Emitter } from './emitter.js';
import { ForegroundGate } from './foreground-gate.js';
import { HttpApi } from './http-api.js';
import type { ConnectionStatus, Reply, TransportKind } from './public-types.js';
import { ReplyBook } from './reply-book.js';
import { SerialLane } from './serial-lane.js';
import { formatTimestamp } from './timestamp.js';
import type { TransportContext } from './transports/transport.js';
import { createTransport } from './transports/create-transport.js';
import { TransportSwitch } from './transports/transport-switch.js';
import { uuidV4 } from './uuid.js';

/** Events of a {@link ChatClient}. */
export interface ChatClientEvents {
  /** The connection status or the transport changed. */
  status: (status: ConnectionStatus, transport: TransportKind) => void;
}

/** What {@link ChatClient.stop} did. */
export interface StopResult {
  /** Whether a reply was being generated (it ends with status `stopped`). */
  stopped: boolean;
  /** The turn that was stopped. */
  seq?: number;
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
  /** Resolves with the session id once it exists (`wx.getRandomValues` is asynchronous). */
  readonly ready: Promise<string>;
  /** Where the session id came from: a secure random source, the Math.random fallback, or the options. */
  sessionIdSource: 'secure' | 'fallback' | 'given' | undefined;
  private id: string | undefined;
  private readonly o: ResolvedOptions;
  private readonly events = new Emitter<ChatClientEvents>();
  private readonly book: ReplyBook;
  private readonly api: HttpApi;
  private readonly lane = new SerialLane();
  private readonly active: Cancel[] = [];
  private transports: TransportSwitch | undefined;
  private linkStatus: ConnectionStatus = 'connecting';
  private lastEmitted = '';
  private readonly gate = new ForegroundGate();
  private closedError: ChatError | undefined;
  private known: boolean;
  private destroyed = false;

  constructor(options: ChatClientOptions) {
    this.o = resolveOptions(options);
    this.book = new ReplyBook(options.after || 0);
    this.api = new HttpApi(
      this.o.adapter,
      this.o.http,
      (cancel) => this.gate.wait(cancel),
      (failure) => {
        if (this.transport !== 'socket') this.setLink(failure ? 'reconnecting' : 'open');
        if (this.transports) this.transports.httpOutcome(failure);
      },
    );
    this.known = options.sessionId !== undefined;
    if (options.sessionId !== undefined) {
      this.id = checkSessionId(options.sessionId);
      this.sessionIdSource = 'given';
      this.ready = Promise.resolve(this.id);
    } else {
      this.ready = uuidV4(this.o.adapter.randomBytes).then((u) => {
        this.sessionIdSource = u.secure ? 'secure' : 'fallback';
        return (this.id = u.id);
      });
    }
  }

  /** The session id (undefined until {@link ChatClient.ready} resolves). */
  get sessionId(): string | undefined {
    return this.id;
  }

  /** The connection status now. */
  get status(): ConnectionStatus {
    return this.closedError ? 'closed' : this.gate.isClosed ? 'offline' : this.linkStatus;
  }

  /** The transport in use now. */
  get transport(): TransportKind {
    return this.transports ? this.transports.kind : this.o.mode === 'auto' ? 'socket' : this.o.mode;
  }

  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof ChatClientEvents>(event: K, listener: ChatClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /**
   * Sends a message and resolves with its reply. Network failures are retried with the same
   * clientMsgId, so the server stores the message once; a 4xx is not retried. Rejects with a
   * {@link ChatError}: the server's code, or TIMEOUT / ABORTED / NETWORK_ERROR / BAD_RESPONSE.
   */
  async send(content: string, options: SendOptions = {}): Promise<Reply> {
    if (this.closedError) throw this.closedError;
    const cancel = this.track(new Cancel());
    const unlink = cancel.follow(options.signal);
    const ms = options.timeoutMs !== undefined ? options.timeoutMs : this.o.timeoutMs;
    const timer = ms > 0 ? setTimeout(() => cancel.abort(new ChatError('TIMEOUT', `no reply within ${ms} ms`, { retryable: true })), ms) : undefined;
    const claimed = this.book.expect();
    try {
      const transports = await raceCancel(this.start(), cancel);
      const { id: clientMsgId } = await raceCancel(uuidV4(this.o.adapter.randomBytes), cancel);
      // The socket connects while the message is posted, so the first words stream at once.
      transports.wake();
      const body = { sessionId: this.id!, content, timestamp: formatTimestamp(new Date(), this.o.timeZone), clientMsgId };
      const res = await this.lane.run(() => this.api.post<SendResponse>(ROUTE_PATHS.send, body, { cancel, retry: true }), cancel);
      const seq = res.data && res.data.seq;
      if (typeof seq !== 'number') throw new ChatError('BAD_RESPONSE', 'the server did not say which turn the message became (data.seq)');
      this.known = true;
      const reply = this.book.watch(seq, options.onDelta, cancel);
      claimed();
      transports.wake();
      return await reply;
    } catch (err) {
      if (err instanceof ChatError && err.code === 'SESSION_CLOSED') this.sessionOver(err);
      throw err;
    } finally {
      claimed();
      clearTimeout(timer);
      unlink();
      this.untrack(cancel);
    }
  }

  /** Stops the reply being generated; its text so far becomes the reply (status `stopped`). */
  async stop(): Promise<StopResult> {
    if (this.closedError) throw this.closedError;
    const sessionId = await this.ready;
    if (!this.known) return { stopped: false };
    const cancel = this.track(new Cancel());
    try {
      // Names the turn in flight (the first one not settled), so a late stop cannot stop the next
      // message's reply. Not retried after a network failure all the same.
      const body = this.book.highest > this.book.after ? { sessionId, seq: this.book.after + 1 } : { sessionId };
      const res = await this.lane.run(() => this.api.post<StopResponse>(ROUTE_PATHS.stop, body, { cancel }), cancel);
      return res.data.seq !== undefined ? { stopped: res.data.stopped, seq: res.data.seq } : { stopped: res.data.stopped };
    } finally {
      this.untrack(cancel);
    }
  }

  /**
   * Ends the conversation: waiting sends reject with SESSION_CLOSED, the socket closes, and the
   * server forgets the session. The client cannot be used afterwards.
   */
  async destroy(): Promise<void> {
    this.sessionOver(new ChatError('SESSION_CLOSED', 'this client destroyed the session', { status: 410 }));
    if (this.destroyed) return;
    const sessionId = await this.ready;
    // Destroying twice is not an error on the server, so a failed destroy may simply be called again.
    if (this.known) await this.api.post(ROUTE_PATHS.destroy, { sessionId }, { retry: true });
    this.destroyed = true;
  }

  /** The app went to the background: closes the socket, holds requests (see bindAppLifecycle). */
  suspend(): void {
    if (this.gate.isClosed || this.closedError) return;
    this.gate.close();
    if (this.transport === 'socket') this.linkStatus = 'reconnecting';
    if (this.transports) this.transports.pause();
    this.emitStatus();
  }

  /** The app is back: reconnects and resumes from the last reply received. */
  resume(): void {
    if (!this.gate.isClosed) return;
    this.gate.open();
    this.emitStatus();
    if (this.transports && !this.closedError) this.transports.resume();
  }

  private start(): Promise<TransportSwitch> {
    return this.ready.then((sessionId) => {
      if (this.closedError) throw this.closedError;
      if (!this.transports) {
        this.transports = new TransportSwitch(
          this.o.mode,
          (kind, giveUp) => {
            const ctx: TransportContext = {
              adapter: this.o.adapter,
              api: this.api,
              book: this.book,
              sessionId,
              socketUrl: this.o.socketUrl,
              timing: this.o.timing,
              status: (s) => this.setLink(s),
              giveUp,
              sessionOver: (err) => this.sessionOver(err),
            };
            return createTransport(kind, ctx);
          },
          (kind) => {
            if (kind === 'socket') this.linkStatus = 'connecting';
            this.emitStatus();
          },
        );
        if (this.gate.isClosed) this.transports.pause();
      }
      return this.transports;
    });
  }

  private sessionOver(err: ChatError): void {
    if (this.closedError) return;
    this.closedError = err;
    this.book.failAll(err);
    for (const c of this.active.slice()) c.abort(err);
    if (this.transports) this.transports.close();
    this.emitStatus();
  }

  private track(cancel: Cancel): Cancel {
    this.active.push(cancel);
    return cancel;
  }

  private untrack(cancel: Cancel): void {
    const i = this.active.indexOf(cancel);
    if (i >= 0) this.active.splice(i, 1);
  }

  private setLink(status: ConnectionStatus): void {
    this.linkStatus = status;
    this.emitStatus();
  }

  private emitStatus(): void {
    const status = this.status;
    const transport = this.transport;
    if (`${status}/${transport}` === this.lastEmitted) return;
    this.lastEmitted = `${status}/${transport}`;
    this.events.emit('status', status, transport);
  }
}
