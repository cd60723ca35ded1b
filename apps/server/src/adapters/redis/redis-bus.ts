import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LocalBus } from '../local/local-bus.js';
import type { ChatEvent, ChatEventHandler, EventBus } from '../../ports/bus.js';
import { DeltaChannels } from './delta-channels.js';
import { DeltaPublisher } from './delta-publisher.js';
import { readBusStream } from './bus-stream-reader.js';
import { closeConnection, guard } from './redis-connection.js';

/** Events kept in the stream for readers that fell behind (approximate, trimmed by XADD). */
const STREAM_MAXLEN = 10_000;

/** What travels through Redis: the event and the instance that published it. */
interface Envelope {
  o: string;
  e: ChatEvent;
}

/** Connections and settings of a {@link RedisBus}. */
export interface RedisBusOptions {
  /** A `command` connection, shared (the bus does not close it). */
  publisher: Redis;
  /** A `subscriber` connection, owned. */
  subscriber: Redis;
  /** A `blocking` connection for XREAD, owned. */
  reader: Redis;
  prefix: string;
  log: Logger;
}

/**
 * The event bus across instances. Two paths, chosen by what each event needs:
 *
 * - `settled`, `stop` and `closed` go through one Redis Stream (`P bus`, XADD trimmed to ~10,000
 *   entries). Every instance reads it from startup with XREAD BLOCK from the last id it saw, so
 *   none of these is missed: not while a subscription is being set up, and not across a reconnect
 *   (the reader resumes from its last id). They are few (one per turn), so all instances reading
 *   all of them is cheap. This is how a long-poll held on B hears that A settled the turn, and how
 *   a stop asked on B reaches the run on A.
 * - `delta` (dozens per turn, the bulk of the traffic) goes through pub/sub on a per-session
 *   channel (`P bus:<sid>`), which an instance subscribes to only while it has a socket or waiter
 *   for that session and is not generating its turn itself; a delta no other instance watches is
 *   not sent at all ({@link DeltaChannels}). Deltas are best-effort by design: one missed while
 *   SUBSCRIBE is in flight (or not sent before a late watcher was heard of) shows up to the
 *   WebSocket as a gap in offsets, and the socket resyncs from the stored partial text: each
 *   delta starts at the last checkpoint known to be saved, so the store plus the delta in hand
 *   hold all of the text (see ReplyOutput).
 *
 * Order per session: events of one publisher leave on one connection in publish order. Deltas
 * and the settled event arrive on different connections, so a remote delta could trail its
 * turn's settled event; the bus drops a delta whose turn it already saw settled, so subscribers
 * never see text after the reply. Events published here are delivered here at once (not via
 * Redis); the stream's come back and are skipped, deltas do not come back at all.
 *
 * `subscribeAll` handlers hear every session's settled/stop/closed, and deltas of sessions that
 * are generated or subscribed on this instance.
 */
export class RedisBus implements EventBus {
  private readonly local = new LocalBus();
  private readonly origin = randomUUID();
  /** How our own envelopes begin (JSON.stringify writes `o` first): echoes are skipped unparsed. */
  private readonly ownPrefix = JSON.stringify({ o: this.origin }).slice(0, -1);
  private readonly settledUpTo = new Map<string, number>();
  private readonly stream: string;
  private closed = false;
  private reading: Promise<void> | undefined;
  private readonly log: Logger;
  /** Deltas published in this event-loop turn, sent together when it ends (see {@link publish}). */
  private readonly deltas: DeltaPublisher;
  /** Which sessions' delta channels this instance listens to, and whose deltas it sends. */
  private readonly channels: DeltaChannels;

  constructor(private readonly opts: RedisBusOptions) {
    this.stream = `${opts.prefix}bus`;
    this.channels = new DeltaChannels(opts);
    this.deltas = new DeltaPublisher(opts.publisher, this.channels.publisherOptions);
    this.log = opts.log;
    opts.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channels.watchChannel) this.channels.onWatch(message);
      else this.onRemote(message);
    });
  }

  /**
   * Starts reading the stream from its current end. Resolves once the position is known, or after
   * `ms` when Redis cannot be reached (reading then starts when it can).
   */
  async start(ms = 3_000): Promise<void> {
    let positioned!: () => void;
    const ready = new Promise<void>((r) => (positioned = r));
    this.reading = readBusStream({ reader: this.opts.reader, stream: this.stream, log: this.log, stopped: () => this.closed, positioned, onMessage: (m) => this.onRemote(m) });
    await Promise.race([ready, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  /**
   * Delivers here at once, then sends to Redis. Deltas leave in batches, one write per event-loop
   * turn ({@link DeltaPublisher}); any other event first sends the deltas waiting before it, so
   * one publisher's events still leave in publish order on this one connection.
   */
  async publish(event: ChatEvent): Promise<void> {
    this.deliver(event);
    if (event.type === 'delta') {
      // Generated here: our own subscribers have it now; the channel is for other instances.
      if (!this.channels.generated(event.sessionId, event.seq)) return;
      return this.deltas.publish(this.channels.channel(event.sessionId), JSON.stringify({ o: this.origin, e: event } satisfies Envelope), event.sessionId);
    }
    const message = JSON.stringify({ o: this.origin, e: event } satisfies Envelope);
    this.deltas.flush();
    if (event.type === 'settled' || event.type === 'closed') this.channels.settledHere(event.sessionId);
    await guard(this.opts.publisher.xadd(this.stream, 'MAXLEN', '~', STREAM_MAXLEN, '*', 'e', message));
  }

  subscribe(sessionId: string, handler: ChatEventHandler): () => void {
    const off = this.local.subscribe(sessionId, handler);
    this.channels.add(sessionId);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (this.channels.remove(sessionId)) this.settledUpTo.delete(sessionId);
    };
  }

  subscribeAll(handler: ChatEventHandler): () => void {
    return this.local.subscribeAll(handler);
  }

  private deliver(e: ChatEvent): void {
    if (e.type === 'settled' && this.channels.watching(e.sessionId)) {
      this.settledUpTo.set(e.sessionId, Math.max(this.settledUpTo.get(e.sessionId) ?? 0, e.turn.seq));
    }
    this.local.deliver(e);
  }

  private onRemote(message: string): void {
    if (message.startsWith(this.ownPrefix)) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === this.origin) return;
    const e = envelope.e;
    // A delta that trails its turn's settled event (different connections) is stale: drop it.
    if (e.type === 'delta' && e.seq <= (this.settledUpTo.get(e.sessionId) ?? 0)) return;
    // Another instance settled the turn this one was generating (it took the turn over).
    if (e.type === 'settled') this.channels.settledElsewhere(e.sessionId, e.turn.seq);
    try {
      this.deliver(e);
    } catch (err) {
      this.log.error({ err, type: e.type }, 'event handler failed');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channels.close();
    await this.local.close();
    this.opts.reader.disconnect();
    await this.reading?.catch(() => undefined);
    await closeConnection(this.opts.subscriber);
  }
}
