import type { ServerFrame } from '@mpchat/contract';
import { WS_CLOSE } from '@mpchat/contract/wire';
import type { SocketConnection } from '../adapters/adapter.js';
import { backoff } from '../backoff.js';
import { ChatError } from '../chat-error.js';
import { decodeUtf8 } from '../utf8-decoder.js';
import { toReply } from './reply-mapper.js';
import type { Transport, TransportContext } from './transport.js';

type Timer = ReturnType<typeof setTimeout>;

/**
 * Streams replies over one WebSocket (`/ws?sessionId=…&after=<cursor>`): the server replays every
 * reply after the cursor and the partial text of the one in flight, then streams live deltas;
 * the ReplyBook drops what it already has. Sends and stops go over HTTP (idempotent retries,
 * errors tied to their request); the socket only carries replies and heartbeats.
 *
 * SocketTask has no readyState, no off* methods and no protocol pings: state is tracked here, a
 * connection is never reused (each gets a generation number; events of an old one are ignored),
 * and application pings detect a socket that died silently.
 */
export class SocketTransport implements Transport {
  readonly kind = 'socket';
  private conn: SocketConnection | undefined;
  private gen = 0;
  private wanted = false;
  private paused = false;
  private closed = false;
  private retired = false;
  private everOpen = false;
  private helloSeen = false;
  private failures = 0;
  private knownAtConnect = 0;
  private byeCode: number | undefined;
  private closedError: ChatError | undefined;
  private awaitingPong = false;
  private retryTimer: Timer | undefined;
  private helloTimer: Timer | undefined;
  private pongTimer: Timer | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ctx: TransportContext) {}

  wake(): void {
    this.wanted = true;
    this.connectIfIdle();
  }

  pause(): void {
    this.paused = true;
    this.drop('app hidden');
  }

  resume(): void {
    this.paused = false;
    this.failures = 0;
    if (this.wanted) this.connectIfIdle();
  }

  close(): void {
    this.closed = true;
    this.drop('client closed');
  }

  private connectIfIdle(): void {
    if (this.conn || this.retryTimer !== undefined || this.paused || this.closed || this.retired) return;
    const gen = ++this.gen;
    this.helloSeen = false;
    this.byeCode = this.closedError = undefined;
    this.knownAtConnect = this.ctx.book.highest;
    this.ctx.status(this.everOpen ? 'reconnecting' : 'connecting');
    const { adapter, book, sessionId, socketUrl, timing } = this.ctx;
    const url = `${socketUrl}?sessionId=${encodeURIComponent(sessionId)}&after=${book.after}`;
    let conn: SocketConnection;
    try {
      conn = adapter.connectSocket(url, timing.socketOpenTimeoutMs, this.ctx.api.headers());
    } catch {
      return this.lost(gen, 0);
    }
    this.conn = conn;
    this.helloTimer = setTimeout(() => this.lost(gen, 0), timing.socketOpenTimeoutMs);
    conn.onMessage((data) => this.onMessage(gen, data));
    conn.onClose((code) => this.lost(gen, code));
    conn.onError(() => this.lost(gen, 0));
  }

  private onMessage(gen: number, data: string | ArrayBuffer): void {
    if (gen !== this.gen) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : decodeUtf8(data)) as ServerFrame;
    } catch {
      return;
    }
    // Any frame proves the socket alive.
    this.awaitingPong = false;
    clearTimeout(this.pongTimer);
    const book = this.ctx.book;
    switch (frame.type) {
      case 'hello':
        // The server stored every turn this client learnt of before connecting; a lower lastSeq
        // means it lost the session (a restart without its store): those replies will never come.
        if (frame.lastSeq < this.knownAtConnect) {
          this.drop('session lost');
          return this.ctx.sessionOver(new ChatError('SESSION_NOT_FOUND', 'the server no longer knows this session; start a new one', { status: 404 }));
        }
        clearTimeout(this.helloTimer);
        this.helloSeen = this.everOpen = true;
        this.failures = 0;
        this.ctx.status('open');
        this.startHeartbeat(gen, frame.heartbeatMs);
        break;
      case 'delta':
        book.text(frame.seq, frame.offset, frame.text);
        break;
      case 'reply':
        book.settle(frame.seq, toReply(frame.seq, frame.data, frame.status, frame.sources, frame.suggestions, frame.from));
        break;
      case 'error': {
        const err = new ChatError(frame.error, frame.message, {
          status: frame.code,
          retryable: frame.retryable,
          issues: frame.issues,
          seq: frame.seq,
        });
        if (frame.seq !== undefined) book.fail(frame.seq, err);
        else if (frame.error === 'SESSION_CLOSED') this.closedError = err;
        break;
      }
      case 'bye':
        this.byeCode = frame.closeCode;
        break;
      default:
        break;
    }
  }

  private startHeartbeat(gen: number, heartbeatMs: number): void {
    const { pingIntervalMs, pongTimeoutMs } = this.ctx.timing;
    const every = pingIntervalMs !== undefined ? pingIntervalMs : Math.max(1000, Math.floor(heartbeatMs / 2));
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (gen !== this.gen || this.awaitingPong || !this.conn) return;
      this.awaitingPong = true;
      this.conn.send(JSON.stringify({ type: 'ping', t: Date.now() }), () => this.lost(gen, 0));
      // No frame at all within pongTimeoutMs: the socket died without a close (mobile networks).
      this.pongTimer = setTimeout(() => this.lost(gen, 0), pongTimeoutMs);
    }, every);
  }

  /** Connection `gen` is gone (closed, errored, silent): decide whether and when to reconnect. */
  private lost(gen: number, code: number): void {
    if (gen !== this.gen) return;
    this.drop('reconnecting');
    if (this.closed || this.paused) return;
    const closeCode = this.byeCode !== undefined ? this.byeCode : code;
    if (closeCode === WS_CLOSE.SESSION_CLOSED) {
      return this.ctx.sessionOver(this.closedError || new ChatError('SESSION_CLOSED', 'the session was closed on the server', { status: 410 }));
    }
    if (closeCode === WS_CLOSE.REPLACED) {
      // Another socket serves this session now; opening ours again would only push it out.
      this.retired = true;
      return this.ctx.giveUp('replaced');
    }
    if (!this.helloSeen && ++this.failures >= this.ctx.timing.socketAttempts) {
      this.ctx.giveUp('unreachable');
      if (this.closed) return;
    }
    this.ctx.status('reconnecting');
    const { retryBaseMs, retryMaxMs } = this.ctx.timing;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connectIfIdle();
    }, backoff(this.failures, retryBaseMs, retryMaxMs));
  }

  /** Forgets the current connection (its late events are ignored) and closes it. */
  private drop(reason: string): void {
    this.gen++;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearTimeout(this.helloTimer);
    clearTimeout(this.pongTimer);
    clearInterval(this.pingTimer);
    this.awaitingPong = false;
    const conn = this.conn;
    this.conn = undefined;
    if (conn) {
      try {
        conn.close(1000, reason);
      } catch {
        // Already closed.
      }
    }
  }
}
