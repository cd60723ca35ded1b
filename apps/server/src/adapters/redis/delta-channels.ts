import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DeltaAudience } from './delta-audience.js';
import type { DeltaPublisherOptions } from './delta-publisher.js';

/** A generation with no delta for this long is taken as over (its run ended without a settled event here). */
const IDLE_GENERATION_MS = 30_000;

/** Connections and settings of {@link DeltaChannels}. */
export interface DeltaChannelsOptions {
  publisher: Redis;
  subscriber: Redis;
  prefix: string;
  log: Logger;
}

/**
 * Which per-session delta channels (`P bus:<sid>`) this instance subscribes to: those of sessions
 * it has local subscribers for, except while it generates the session's turn itself (its own
 * subscribers get those deltas directly). Subscribing announces the session on the watch channel
 * (`P bus-watch`), so that the instance generating it sends its deltas again ({@link DeltaAudience}
 * tells which deltas need not be sent).
 */
export class DeltaChannels {
  private readonly refs = new Map<string, number>();
  private readonly audience = new DeltaAudience();
  /** Where an instance says it started watching a session (the message is the session id). */
  readonly watchChannel: string;
  private closed = false;
  private readonly sweep: NodeJS.Timeout;
  /** For the {@link DeltaPublisher}: PUBLISH replies tell whether anyone else watches. */
  readonly publisherOptions: DeltaPublisherOptions = {
    armed: () => this.audience.ready,
    heard: (sessionId, receivers) => this.audience.heard(sessionId, receivers),
  };

  constructor(private readonly opts: DeltaChannelsOptions) {
    this.watchChannel = `${opts.prefix}bus-watch`;
    // Watch messages may be missed while the subscriber is away: no PUBLISH silences a turn then.
    opts.subscriber.on('close', () => (this.audience.ready = false));
    opts.subscriber.on('ready', () => this.listenForWatchers());
    this.listenForWatchers();
    this.sweep = setInterval(() => {
      for (const sessionId of this.audience.endIdle(IDLE_GENERATION_MS)) this.generationEnded(sessionId);
    }, IDLE_GENERATION_MS / 3).unref();
  }

  channel(sessionId: string): string {
    return `${this.opts.prefix}bus:${sessionId}`;
  }

  /** Whether the session has subscribers here. */
  watching(sessionId: string): boolean {
    return this.refs.has(sessionId);
  }

  /** One more local subscriber of the session. */
  add(sessionId: string): void {
    const n = (this.refs.get(sessionId) ?? 0) + 1;
    this.refs.set(sessionId, n);
    if (n === 1 && !this.audience.isGenerating(sessionId)) this.watch(sessionId);
  }

  /** One local subscriber fewer; true when it was the session's last. */
  remove(sessionId: string): boolean {
    const left = (this.refs.get(sessionId) ?? 1) - 1;
    if (left > 0) {
      this.refs.set(sessionId, left);
      return false;
    }
    this.refs.delete(sessionId);
    if (!this.audience.isGenerating(sessionId)) this.unsubscribe(sessionId);
    return true;
  }

  /** A delta of turn `seq` is published here: whether it must go to Redis (someone else may watch). */
  generated(sessionId: string, seq: number): boolean {
    if (this.audience.begin(sessionId, seq) && this.refs.has(sessionId)) this.unsubscribe(sessionId);
    return !this.audience.isQuiet(sessionId);
  }

  /** The session's turn settled here, or it closed. */
  settledHere(sessionId: string): void {
    if (this.audience.end(sessionId)) this.generationEnded(sessionId);
  }

  /** Another instance settled turn `seq` of the session (one this instance may have been generating). */
  settledElsewhere(sessionId: string, seq: number): void {
    if (this.audience.settledElsewhere(sessionId, seq)) this.generationEnded(sessionId);
  }

  /** A message on the watch channel. */
  onWatch(sessionId: string): void {
    this.audience.watched(sessionId);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweep);
  }

  private listenForWatchers(): void {
    if (this.closed) return;
    this.opts.subscriber.subscribe(this.watchChannel).then(
      () => (this.audience.ready = this.opts.subscriber.status === 'ready'),
      (err: unknown) => this.opts.log.debug({ err }, 'watch channel subscribe failed'),
    );
  }

  /** The session no longer generates here: its subscribers here take deltas from the channel again. */
  private generationEnded(sessionId: string): void {
    if (this.refs.has(sessionId)) this.watch(sessionId);
  }

  /** Subscribes to the session's deltas, then says so to the instance generating it. */
  private watch(sessionId: string): void {
    if (this.closed) return;
    this.opts.subscriber
      .subscribe(this.channel(sessionId))
      .then(() => (this.refs.has(sessionId) && !this.closed ? this.opts.publisher.publish(this.watchChannel, sessionId) : undefined))
      .catch((err: unknown) => this.opts.log.debug({ err }, 'subscribe failed'));
  }

  private unsubscribe(sessionId: string): void {
    if (!this.closed) this.opts.subscriber.unsubscribe(this.channel(sessionId)).catch(() => undefined);
  }
}
