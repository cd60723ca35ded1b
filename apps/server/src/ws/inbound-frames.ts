import { WS_CLOSE } from '@mpchat/contract';
import type WebSocket from 'ws';
import { ChatError } from '../errors/chat-error.js';
import { readClientFrame, type ParsedClientFrame } from './client-frames.js';
import { TokenBucket } from './token-bucket.js';

/** Limits on what one socket sends. */
export interface InboundOptions {
  ratePerSecond: number;
  rateBurst: number;
  maxContentLength: number;
  /** How often socket activity marks the session active (one store write per interval at most). */
  touchEveryMs: number;
}

/** What {@link InboundFrames} does to its socket. */
export interface InboundPeer {
  sendError(err: ChatError): void;
  close(code: number, reason: string): void;
  /** Marks the session active (the user has the page open). */
  touch(): void;
}

// Consecutive malformed frames tolerated before the connection is closed with 1008.
const MAX_GARBAGE = 5;

/**
 * What a socket lets in: frames within a token bucket (a client that keeps flooding after being
 * told is cut off), malformed frames answered with an error and tolerated a few times in a row,
 * and activity that marks the session active, so the sweeper does not close it under a user who
 * has the page open — at most once per `touchEveryMs`.
 */
export class InboundFrames {
  private garbage = 0;
  private limited = 0;
  private lastTouch = 0;
  private readonly bucket: TokenBucket;

  constructor(
    private readonly options: InboundOptions,
    private readonly peer: InboundPeer,
  ) {
    this.bucket = new TokenBucket(options.ratePerSecond, options.rateBurst);
  }

  /** The frame to act on, or nothing when it was refused (the client has been told). */
  read(data: WebSocket.RawData, isBinary: boolean): ParsedClientFrame | undefined {
    if (!this.bucket.take()) {
      this.touch();
      this.peer.sendError(new ChatError('RATE_LIMITED', 'too many frames; slow down', { retryAfterMs: 1_000 }));
      if (++this.limited >= this.options.rateBurst) this.peer.close(WS_CLOSE.POLICY_VIOLATION, 'rate limit');
      return undefined;
    }
    this.limited = 0;
    const frame = readClientFrame(data, isBinary, this.options.maxContentLength);
    // A message that is stored marks its session active itself: a send needs no touch of its own.
    if (frame instanceof ChatError || frame.type !== 'send') this.touch();
    if (frame instanceof ChatError) {
      this.peer.sendError(frame);
      if (++this.garbage >= MAX_GARBAGE) this.peer.close(WS_CLOSE.POLICY_VIOLATION, 'malformed frames');
      return undefined;
    }
    this.garbage = 0;
    return frame;
  }

  private touch(): void {
    const now = Date.now();
    if (now - this.lastTouch < this.options.touchEveryMs) return;
    this.lastTouch = now;
    this.peer.touch();
  }
}
