import { randomUUID } from 'node:crypto';
import { WS_CLOSE, type ServerFrame } from '@mpchat/contract';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { Caller } from '../chat/caller.js';
import { ChatError, errorBody, toChatError } from '../errors/chat-error.js';
import { isUnsettled, type ChatService } from '../chat/chat-service.js';
import { replyData } from '../chat/reply-data.js';
import type { ChatEvent } from '../ports/bus.js';
import type { Turn } from '../ports/store.js';
import type { ParsedClientFrame } from './client-frames.js';
import { deltaFrameJson } from './delta-frame.js';
import { InboundFrames, type InboundOptions } from './inbound-frames.js';

/** Limits of one connection. */
export interface ConnectionOptions extends InboundOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
}

/**
 * One client socket of one session. Forwards the session's events as frames and keeps, per turn,
 * how much reply text this client already has, so replays and live deltas never duplicate or skip
 * text: a delta overlapping what was sent is trimmed, one starting past it triggers one resync from
 * the freshest partial text, with live events held meanwhile. Everything goes through the chat
 * service, as `caller`.
 */
export class WsConnection {
  /** Set by the gateway's heartbeat; any frame or pong from the client sets it back. */
  alive = true;
  /** Identifies this socket across instances (see the `socket` event). */
  readonly id = randomUUID();
  /** When the socket was accepted (ms since epoch): the newest socket of a session wins. */
  readonly openedAt = Date.now();
  private readonly sent = new Map<number, number>();
  private readonly replied = new Set<number>();
  /** Deltas that already made this socket read the store once. */
  private readonly resyncedFor = new WeakSet<ChatEvent>();
  private floor = 0;
  private buffer: ChatEvent[] | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly inbound: InboundFrames;
  private readonly unsubscribe: () => void;

  constructor(
    readonly ws: WebSocket,
    readonly sessionId: string,
    private readonly caller: Caller,
    private readonly chat: ChatService,
    private readonly options: ConnectionOptions,
    private readonly log: Logger,
  ) {
    this.inbound = new InboundFrames(options, {
      sendError: (err) => this.sendError(err),
      close: (code, reason) => this.ws.close(code, reason),
      touch: () => void this.chat.streams.keepAlive(caller, sessionId).catch(() => undefined),
    });
    this.unsubscribe = chat.streams.subscribe(caller, sessionId, (e) => this.onEvent(e));
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.unsubscribe());
  }

  /** Sends a frame, cutting off a client that has stopped reading (bounded memory). */
  send(frame: ServerFrame): void {
    this.sendJson(JSON.stringify(frame));
  }

  /** Sends a frame already serialised (shared by every socket watching the turn). */
  private sendJson(json: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes) {
      this.log.warn({ sessionId: this.sessionId, buffered: this.ws.bufferedAmount }, 'ws client not reading; terminating');
      this.ws.terminate();
      return;
    }
    this.ws.send(json);
  }

  /** Says why, then closes. */
  bye(reason: 'shutdown' | 'replaced' | 'session_closed', closeCode: number): void {
    this.send({ type: 'bye', reason, closeCode });
    this.ws.close(closeCode, reason);
  }

  /** Sends an error frame: the common error body, without the HTTP-only fields, plus what the frame is about. */
  sendError(err: ChatError, seq?: number, clientMsgId?: string): void {
    const { data: _data, retryAfterMs: _retryAfterMs, seq: _seq, ...body } = errorBody(err);
    this.send({ type: 'error', ...(seq !== undefined ? { seq } : {}), ...(clientMsgId !== undefined ? { clientMsgId } : {}), ...body });
  }

  /** Replays every reply after `after`, then the partial text of one in flight. */
  resume(after: number): Promise<void> {
    return this.enqueue(async () => {
      this.buffer ??= [];
      try {
        this.floor = Math.max(this.floor, after);
        for await (const turn of this.chat.streams.replay(this.caller, this.sessionId, after)) this.replay(turn);
      } finally {
        this.releaseHeld();
      }
    });
  }

  /** Handles, in order, the events held while the store was read. */
  private releaseHeld(): void {
    const pending = this.buffer ?? [];
    this.buffer = null;
    for (const e of pending) this.onEvent(e);
  }

  private replay(turn: Turn): void {
    if (isUnsettled(turn.status)) this.sendText(turn.seq, this.chat.streams.partialOf(turn), 0);
    else this.settle(turn);
  }

  private onEvent(e: ChatEvent): void {
    if (this.buffer) {
      this.buffer.push(e);
      return;
    }
    if (e.type === 'delta') {
      if (e.seq <= this.floor || this.replied.has(e.seq)) return;
      const have = this.sent.get(e.seq) ?? 0;
      if (e.offset <= have) return this.sendDelta(e, have);
      // Text before e.offset was missed. It was saved before e was published, so one read of the
      // store now has it (see ReplyOutput); e is held and applied after the read. A delta still
      // ahead after its own resync is dropped rather than read again: the next one covers it.
      if (this.resyncedFor.has(e)) return;
      this.resyncedFor.add(e);
      this.resync(e.seq);
      this.buffer!.push(e);
    } else if (e.type === 'settled') this.settle(e.turn);
    else if (e.type === 'closed') {
      this.sendError(new ChatError('SESSION_CLOSED', e.reason === 'expired' ? 'session expired after being idle' : 'session destroyed'));
      this.bye('session_closed', WS_CLOSE.SESSION_CLOSED);
    }
  }

  /** Sends the part of `text` (which starts at `offset` of the reply) this client does not have. */
  private sendText(seq: number, text: string, offset: number): void {
    const have = this.sent.get(seq) ?? 0;
    const end = offset + text.length;
    if (end <= have || offset > have) return;
    this.sent.set(seq, end);
    this.send({ type: 'delta', seq, offset: have, text: text.slice(have - offset) });
  }

  /** Sends a live delta's part past `have`: the frame is serialised once for every socket in step. */
  private sendDelta(e: Extract<ChatEvent, { type: 'delta' }>, have: number): void {
    const end = e.offset + e.text.length;
    if (end <= have) return;
    this.sent.set(e.seq, end);
    this.sendJson(deltaFrameJson(e, have));
  }

  /** Reads the turn as stored now, holding live events until it is in (then they apply in order). */
  private resync(seq: number): void {
    this.buffer ??= [];
    void this.enqueue(async () => {
      try {
        const turn = await this.chat.streams.turn(this.caller, this.sessionId, seq);
        if (turn) this.replay(turn);
      } finally {
        this.releaseHeld();
      }
    });
  }

  private settle(turn: Turn): void {
    if (turn.seq <= this.floor || this.replied.has(turn.seq)) return;
    this.replied.add(turn.seq);
    // A delta from another instance can trail the settled event (they travel on different
    // connections, and the bus drops a delta of a settled turn): a socket that streamed this turn
    // gets the rest of its text first, so its deltas always add up to the reply.
    if ((turn.status === 'completed' || turn.status === 'stopped') && (this.sent.get(turn.seq) ?? 0) > 0) this.sendText(turn.seq, turn.reply, 0);
    this.sent.delete(turn.seq);
    if (turn.status === 'failed') {
      this.sendError(ChatError.ofFailedTurn(turn), turn.seq);
      return;
    }
    const { seq, status, sources, suggestions, from, ...data } = replyData(turn);
    this.send({ type: 'reply', seq, status, data, ...(sources ? { sources } : {}), ...(suggestions ? { suggestions } : {}), ...(from ? { from } : {}) });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch((err: unknown) => this.sendError(toChatError(err)));
    return this.chain;
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    this.alive = true;
    const frame = this.inbound.read(data, isBinary);
    if (frame) this.dispatch(frame);
  }

  private dispatch(f: ParsedClientFrame): void {
    if (f.type === 'ping') return this.send({ type: 'pong', ...(f.t !== undefined ? { t: f.t } : {}) });
    if (f.type === 'resume') return void this.resume(f.after);
    void this.enqueue(async () => {
      if (f.type === 'stop') {
        await this.chat.stop(this.caller, this.sessionId, f.seq);
        return;
      }
      try {
        const { seq, duplicate } = await this.chat.send(this.caller, { sessionId: this.sessionId, content: f.content, timestamp: f.timestamp, clientMsgId: f.clientMsgId, continueFrom: f.continueFrom });
        this.send({ type: 'ack', seq, ...(f.clientMsgId ? { clientMsgId: f.clientMsgId } : {}), ...(duplicate ? { duplicate } : {}) });
      } catch (err) {
        // Echo the clientMsgId so the client knows which send failed.
        this.sendError(toChatError(err), undefined, f.clientMsgId);
      }
    });
  }
}
