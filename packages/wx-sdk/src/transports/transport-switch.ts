import type { ChatError } from '../chat-error.js';
import type { TransportKind, TransportMode } from '../public-types.js';
import type { GiveUpReason, Transport } from './transport.js';

/** Builds a transport of a kind; `giveUp` is how it asks to hand over. */
export type TransportFactory = (kind: TransportKind, giveUp: (reason: GiveUpReason) => void) => Transport;

/**
 * Holds the transport in use and moves down the ladder socket → long-poll → poll when one gives
 * up (in `auto` mode; a replaced socket hands over to long-poll in every mode). Only one
 * transport runs at a time, so there is never more than one socket. `auto` tries the socket again
 * when the app comes back to the foreground (the network may have changed), and once after an
 * outage of the whole server (HTTP failed too, then recovered: the socket was not the problem).
 */
export class TransportSwitch {
  private current: Transport;
  private socketRetired = false;
  private fellBack = false;
  private httpFailedSince = false;
  private paused = false;

  constructor(
    private readonly mode: TransportMode,
    private readonly make: TransportFactory,
    private readonly onSwitch: (kind: TransportKind) => void,
  ) {
    this.current = this.create(mode === 'auto' ? 'socket' : mode);
  }

  get kind(): TransportKind {
    return this.current.kind;
  }

  wake(): void {
    this.current.wake();
  }

  pause(): void {
    this.paused = true;
    this.current.pause();
  }

  resume(): void {
    this.paused = false;
    this.fellBack = false;
    if (this.mode === 'auto' && this.current.kind !== 'socket' && !this.socketRetired) this.switchTo('socket');
    else this.current.resume();
  }

  close(): void {
    this.current.close();
  }

  /**
   * The network changed: the connection may be stranded on the old one without any close event,
   * found dead only by the next heartbeat. Drop it and connect again at once (`auto` retries the
   * socket too: the new network may allow it).
   */
  reconnect(): void {
    if (this.paused) return;
    this.current.pause();
    this.resume();
  }

  /**
   * Told how each HTTP request went. After falling back, a server that could not be reached at
   * all (NETWORK_ERROR) and then answered again was down as a whole: the socket gets another try.
   * Timeouts of held requests say nothing about the server being down.
   */
  httpOutcome(failure: ChatError | undefined): void {
    if (this.mode !== 'auto' || !this.fellBack || this.current.kind === 'socket') return;
    if (failure) {
      if (failure.code === 'NETWORK_ERROR') this.httpFailedSince = true;
    } else if (this.httpFailedSince) {
      this.fellBack = this.httpFailedSince = false;
      this.switchTo('socket');
    }
  }

  private create(kind: TransportKind): Transport {
    const t: Transport = this.make(kind, (reason) => this.giveUp(t, reason));
    return t;
  }

  private giveUp(from: Transport, reason: GiveUpReason): void {
    if (from !== this.current) return;
    let next: TransportKind | undefined;
    if (reason === 'replaced') {
      this.socketRetired = true;
      next = 'longpoll';
    } else if (this.mode === 'auto') {
      next = from.kind === 'socket' ? 'longpoll' : from.kind === 'longpoll' ? 'poll' : undefined;
      if (from.kind === 'socket') {
        this.fellBack = true;
        this.httpFailedSince = false;
      }
    }
    if (next) this.switchTo(next);
  }

  private switchTo(kind: TransportKind): void {
    this.current.close();
    this.current = this.create(kind);
    this.onSwitch(kind);
    // A request that completes while the app is hidden may trigger a switch: stay quiet then.
    if (this.paused) this.current.pause();
    else this.current.wake();
  }
}
