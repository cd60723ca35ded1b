import type { Adapter } from '../adapters/adapter.js';
import type { ChatError } from '../chat-error.js';
import type { HttpApi } from '../http-api.js';
import type { TransportKind } from '../public-types.js';
import type { ReplyBook } from '../reply-book.js';

/** Why a transport hands over to the next one. */
export type GiveUpReason =
  /** The socket could not be opened (or kept open) several times in a row. */
  | 'unreachable'
  /** Another socket took over this session (close code 4000): do not fight it. */
  | 'replaced'
  /** Held requests keep timing out (a proxy cuts them): poll instead. */
  | 'timeouts';

/** Timing settings the transports share. */
export interface TransportTiming {
  requestTimeoutMs: number;
  longPollWaitSec: number;
  /** Overrides the server's retryAfterMs between plain polls. */
  pollIntervalMs: number | undefined;
  /** Overrides the ping interval (default: half the server's heartbeatMs). */
  pingIntervalMs: number | undefined;
  pongTimeoutMs: number;
  /** How long a socket may take to open and say hello. */
  socketOpenTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Failed socket attempts in a row before `auto` falls back to long-polling. */
  socketAttempts: number;
}

/** What a transport is given. */
export interface TransportContext {
  adapter: Adapter;
  api: HttpApi;
  book: ReplyBook;
  sessionId: string;
  socketUrl: string;
  timing: TransportTiming;
  /** Reports progress; the client turns it into status events. */
  status(status: 'connecting' | 'open' | 'reconnecting'): void;
  /** Asks to hand over to the next transport (the switch decides). */
  giveUp(reason: GiveUpReason): void;
  /** The session is over: fails every waiting send and closes the client. */
  sessionOver(error: ChatError): void;
}

/** Something that brings replies into the {@link ReplyBook}. */
export interface Transport {
  readonly kind: TransportKind;
  /** There is something to wait for (or may soon be): make sure replies flow. */
  wake(): void;
  /** The app is hidden: stop all network activity until {@link Transport.resume}. */
  pause(): void;
  /** The app is back: reconnect and resume from the book's cursor. */
  resume(): void;
  /** For good. */
  close(): void;
}
