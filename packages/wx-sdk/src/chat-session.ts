// Over the ~8 KB a file should hold, on purpose: one conversation's lane, its sends, stop and
// destroy share the lane and the cancel set; apart, the ordering rules would be spread over files.
import type { SendResponse } from '@mpchat/contract';
import { ROUTE_PATHS } from '@mpchat/contract/wire';
import { CancelSet, limit, raceCancel, type Cancel } from './cancel.js';
import { ChatError } from './chat-error.js';
import type { ResolvedOptions, SendOptions } from './client-options.js';
import type { ForegroundGate } from './foreground-gate.js';
import { HttpApi } from './http-api.js';
import type { ConnectionStatus, Rating, Reply, StopResult, TransportKind } from './public-types.js';
import { ReplyBook } from './reply-book.js';
import { SerialLane } from './serial-lane.js';
import { requestStop } from './stop-request.js';
import { formatTimestamp } from './timestamp.js';
import { startTransports } from './transports/create-transport.js';
import type { TransportSwitch } from './transports/transport-switch.js';
import { uuidV4 } from './uuid.js';

/** What a session tells the client that holds it (ignored once the client moved to a new session). */
export interface SessionHost {
  /** The link of this session is connecting, open or reconnecting. */
  link(session: ChatSession, status: ConnectionStatus): void;
  /** The transport changed (`kind`), or the session ended: the client re-reads its status. */
  changed(session: ChatSession, kind?: TransportKind): void;
  /** A teacher's reply arrived in this session (no send waits for it). */
  teacher(session: ChatSession, reply: Reply): void;
}

/** One message being sent: its turn number once stored (undefined if it never was), and its reply. */
export interface Sending {
  seq: Promise<number | undefined>;
  reply: Promise<Reply>;
}

const noop = () => undefined;

/**
 * One conversation: its session id, the reply book, the transports and the lane every POST goes
 * through. The lane is entered when `send` is called, so messages are stored in call order, and
 * `stop` / `destroy` queue behind a message still being posted instead of missing it.
 */
export class ChatSession {
  /** Resolves with the session id once it exists (`wx.getRandomValues` is asynchronous). */
  readonly ready: Promise<string>;
  idSource: 'secure' | 'fallback' | 'given' | undefined;
  id: string | undefined;
  readonly book: ReplyBook;
  closedError: ChatError | undefined;
  transports: TransportSwitch | undefined;
  private readonly api: HttpApi;
  private readonly lane = new SerialLane();
  private readonly active = new CancelSet();
  /** A message of this session was stored (or the session was given: it exists on the server). */
  private known: boolean;
  /** A message was posted: the server may know the session even if no answer came. */
  private posted = false;
  /** Set by destroy(): sends not yet posted give up, and nothing new is posted. */
  private closing: ChatError | undefined;
  private destroyed = false;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly gate: ForegroundGate,
    private readonly host: SessionHost,
    sessionId: string | undefined,
    after: number,
    /** The user's earlier session this one continues: sent with messages until the server knows this one. */
    private readonly continueFrom?: string,
  ) {
    this.book = new ReplyBook(after, (r) => host.teacher(this, r));
    this.api = new HttpApi(o.adapter, o.http, (cancel) => gate.wait(cancel), (failure) => {
      if (this.kind !== 'socket') host.link(this, failure ? 'reconnecting' : 'open');
      if (this.transports) this.transports.httpOutcome(failure);
    });
    this.known = sessionId !== undefined;
    if (sessionId !== undefined) {
      this.id = sessionId;
      this.idSource = 'given';
      this.ready = Promise.resolve(sessionId);
    } else {
      this.ready = uuidV4(o.adapter.randomBytes).then((u) => {
        this.idSource = u.secure ? 'secure' : 'fallback';
        return (this.id = u.id);
      });
    }
  }

  /** The transport in use (the first one the mode tries, before any). */
  get kind(): TransportKind {
    return this.transports ? this.transports.kind : this.o.mode === 'auto' ? 'socket' : this.o.mode;
  }

  /** Posts a message (retried with one clientMsgId) and waits for its reply, until `cancel`. */
  send(content: string, options: SendOptions, cancel: Cancel): Sending {
    const untrack = this.active.add(cancel);
    const disarm = limit(cancel, options.signal, options.timeoutMs !== undefined ? options.timeoutMs : this.o.timeoutMs);
    const claimed = this.book.expect();
    const msgId = uuidV4(this.o.adapter.randomBytes);
    // Queued now, in call order, whatever order the random ids come back in.
    const seq = this.lane.run(async () => {
      // Logged in before the socket opens, so its upgrade carries the token.
      if (this.o.http.auth) await raceCancel(this.o.http.auth.get(), cancel);
      const transports = await this.start();
      const { id: clientMsgId } = await raceCancel(msgId, cancel);
      if (this.closing) throw this.closing;
      // The socket connects while the message is posted, so the first words stream at once.
      transports.wake();
      const body = { sessionId: this.id!, content, timestamp: formatTimestamp(new Date(), this.o.timeZone), clientMsgId, continueFrom: this.known ? undefined : this.continueFrom };
      this.posted = true;
      const res = await this.api.post<SendResponse>(ROUTE_PATHS.send, body, { cancel, retry: true });
      const n = res.data && res.data.seq;
      if (typeof n !== 'number') throw new ChatError('BAD_RESPONSE', 'the server did not say which turn the message became (data.seq)');
      this.known = true;
      // Before the lane moves on, so a stop queued behind this send names this turn.
      if (n > this.book.highest) this.book.highest = n;
      return n;
    }, cancel);
    const done = () => {
      claimed();
      disarm();
      untrack();
    };
    const reply = seq
      .then((n) => {
        const watching = this.book.watch(n, options.onDelta, cancel);
        claimed();
        if (this.transports) this.transports.wake();
        return watching;
      })
      .then(
        (r) => {
          done();
          return r;
        },
        (err: unknown) => {
          done();
          if (err instanceof ChatError && err.code === 'SESSION_CLOSED') this.over(err);
          throw err;
        },
      );
    return { seq: seq.then(undefined, noop), reply };
  }

  /** Stops the reply in flight (the first one not settled), after any message still being posted. */
  async stop(): Promise<StopResult> {
    if (this.closedError) throw this.closedError;
    const sessionId = await this.ready;
    return this.lane.run(() => {
      if (!this.known) return Promise.resolve({ stopped: false });
      // Names the turn in flight, so a late stop cannot stop the next message's reply.
      return requestStop(this.api, this.active, this.book.highest > this.book.after ? { sessionId, seq: this.book.after + 1 } : { sessionId });
    });
  }

  /** Stops the reply of turn `seq` once that turn is known (not at all if the message was never stored). */
  stopTurn(seq: Promise<number | undefined>): Promise<StopResult> {
    return seq.then((n) => (n === undefined || this.closedError ? { stopped: false } : requestStop(this.api, this.active, { sessionId: this.id!, seq: n })));
  }

  /**
   * Ends the conversation on the server. A message still being posted is let through first, so
   * the server learns of the session before it is told to forget it; one not yet posted is dropped.
   */
  async destroy(): Promise<void> {
    const err = (this.closing = this.closing || new ChatError('SESSION_CLOSED', 'this client destroyed the session', { status: 410 }));
    const sessionId = await this.ready;
    await this.lane.run(async () => {
      this.over(err);
      // Destroying twice is not an error on the server, so a failed destroy may simply be called again.
      if (this.destroyed || !(this.known || this.posted)) return;
      await this.api.post(ROUTE_PATHS.destroy, { sessionId }, { retry: true });
      this.destroyed = true;
    });
  }

  /** Rates the answer of turn `seq` (rating again replaces, so a retry is safe). */
  feedback(seq: number, rating: Rating, comment?: string): Promise<void> {
    return this.ready.then((sessionId) => this.api.post<void>(ROUTE_PATHS.feedback, { sessionId, seq, rating, comment }, { retry: true })).then(() => undefined);
  }

  /** The `data` of a GET (welcome, the user's sessions, a history page), retried like any idempotent call. */
  read<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.api.get<{ data: T }>(path, query, { retry: true }).then((r) => r.data);
  }

  /** The `data` of an idempotent POST (forget). */
  call<T>(path: string, body: object): Promise<T> {
    return this.api.post<{ data: T }>(path, body, { retry: true }).then((r) => r.data);
  }

  /** The network changed (Wi-Fi ↔ 4G): the socket may be stranded without a close, so reconnect now. */
  reconnect(): void {
    if (this.transports && !this.closedError && !this.gate.isClosed) this.transports.reconnect();
  }

  /** The session is over: every waiting send fails with `err`, the transports close. */
  over(err: ChatError): void {
    if (this.closedError) return;
    this.closedError = err;
    this.book.failAll(err);
    this.active.abortAll(err);
    if (this.transports) this.transports.close();
    this.host.changed(this);
  }

  private start(): Promise<TransportSwitch> {
    return this.ready.then((sessionId) => {
      if (this.closedError) throw this.closedError;
      if (!this.transports) {
        const { adapter, socketUrl, timing } = this.o;
        this.transports = startTransports(
          this.o.mode,
          (giveUp) => ({ adapter, api: this.api, book: this.book, sessionId, socketUrl, timing, status: (s) => this.host.link(this, s), giveUp, sessionOver: (err) => this.over(err) }),
          (kind) => this.host.changed(this, kind),
        );
        if (this.gate.isClosed) this.transports.pause();
      }
      return this.transports;
    });
  }
}
