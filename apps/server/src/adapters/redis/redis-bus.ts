import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LocalBus } from '../local/local-bus.js';
import type { ChatEvent, ChatEventHandler, EventBus } from '../../ports/bus.js';
import { DeltaAudience } from './delta-audience.js';
import { DeltaPublisher } from './delta-publisher.js';
import { closeConnection, guard } from './redis-connection.js';

/** Events kept in the stream for readers that fell behind (approximate, trimmed by XADD). */
const STREAM_MAXLEN = 10_000;
const READ_BLOCK_MS = 5_000;
const READ_COUNT = 500;
const RETRY_MS = 500;
/** A generation with no delta for this long is taken as over (its run ended without a settled event here). */
const IDLE_GENERATION_MS = 30_000;

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
 *   not sent at all ({@link DeltaAudience}, with the `P bus-watch` channel). Deltas are best-effort by design: one missed while SUBSCRIBE is in flight
 *   shows up to the WebSocket as a gap in offsets, and the socket resyncs from the stored partial
 *   text: each delta starts at the last checkpoint known to be saved, so the store plus the
 *   delta in hand hold all of the text (see ReplyOutput).
 *
 * Order per session: events of one publisher leave on one connection in publish order. Deltas
 * and the settled event arrive on different connections, so a remote delta could trail its
 * turn's settled event; the bus drops a delta whose turn it already saw settled, so subscribers
 * never see text after the reply. Events published here are delivered here at once (not via
 * Redis) and skipped when they come back.
 *
 * `subscribeAll` handlers hear every session's settled/stop/closed, and deltas of sessions that
 * are generated or subscribed on this instance.
 */
export class RedisBus implements EventBus {
  private readonly local = new LocalBus();
  private readonly origin = randomUUID();
  /** How our own envelopes begin (JSON.stringify writes `o` first): echoes are skipped unparsed. */
  private readonly ownPrefix = JSON.stringify({ o: this.origin }).slice(0, -1);
  private readonly refs = new Map<string, number>();
  private readonly settledUpTo = new Map<string, number>();
  private readonly stream: string;
  private lastId: string | undefined;
  private closed = false;
  private reading: Promise<void> | undefined;
  private readonly log: Logger;
  /** Deltas published in this event-loop turn, sent together when it ends (see {@link publish}). */
  private readonly deltas: DeltaPublisher;
  /** Sessions generating here, and whether another instance watches them. */
  private readonly audience = new DeltaAudience();
  /** Where an instance says it started watching a session (the message is the session id). */
  private readonly watchChannel: string;
  private sweep: NodeJS.Timeout | undefined;

  constructor(private readonly opts: RedisBusOptions) {
    this.stream = `${opts.prefix}bus`;
    this.watchChannel = `${opts.prefix}bus-watch`;
    this.deltas = new DeltaPublisher(opts.publisher, { armed: () => this.audience.ready, heard: (sid, n) => this.audience.heard(sid, n) });
    this.log = opts.log;
    opts.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.watchChannel) this.audience.watched(message);
      else this.onRemote(message);
    });
    // Watch messages may be missed while the subscriber is away: no PUBLISH silences a turn then.
    opts.subscriber.on('close', () => (this.audience.ready = false));
    opts.subscriber.on('ready', () => this.listenForWatchers());
    this.listenForWatchers();
  }

  private listenForWatchers(): void {
    if (this.closed) return;
    this.opts.subscriber.subscribe(this.watchChannel).then(
      () => (this.audience.ready = this.opts.subscriber.status === 'ready'),
      (err: unknown) => this.log.debug({ err }, 'watch channel subscribe failed'),
    );
  }

  /**
   * Starts reading the stream from its current end. Resolves once the position is known, or after
   * `ms` when Redis cannot be reached (reading then starts when it can).
   */
  async start(ms = 3_000): Promise<void> {
    let positioned!: () => void;
    const ready = new Promise<void>((r) => (positioned = r));
    this.reading = this.readLoop(positioned);
    this.sweep = setInterval(() => {
      for (const sessionId of this.audience.endIdle(IDLE_GENERATION_MS)) this.generationEnded(sessionId);
    }, IDLE_GENERATION_MS / 3).unref();
    await Promise.race([ready, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  private channel(sessionId: string): string {
    return `${this.opts.prefix}bus:${sessionId}`;
  }

  /**
   * Delivers here at once, then sends to Redis. Deltas leave in batches, one write per event-loop
   * turn ({@link DeltaPublisher}); any other event first sends the deltas waiting before it, so
   * one publisher's events still leave in publish order on this one connection.
   */
  async publish(event: ChatEvent): Promise<void> {
    this.deliver(event);
    if (event.type === 'delta') {
      const sid = event.sessionId;
      // Generating here: our own sockets have it now; the channel is for other instances.
      if (this.audience.begin(sid, event.seq) && this.refs.has(sid)) this.unsubscribeChannel(sid);
      if (this.audience.isQuiet(sid)) return;
      return this.deltas.publish(this.channel(sid), JSON.stringify({ o: this.origin, e: event } satisfies Envelope), sid);
    }
    const message = JSON.stringify({ o: this.origin, e: event } satisfies Envelope);
    this.deltas.flush();
    if ((event.type === 'settled' || event.type === 'closed') && this.audience.end(event.sessionId)) this.generationEnded(event.sessionId);
    await guard(this.opts.publisher.xadd(this.stream, 'MAXLEN', '~', STREAM_MAXLEN, '*', 'e', message));
  }

  /** The session no longer generates here: its sockets here take deltas from the channel again. */
  private generationEnded(sessionId: string): void {
    if (this.refs.has(sessionId)) this.watch(sessionId);
  }

  /** Subscribes to the session's deltas, then says so to the instance generating it (see DeltaAudience). */
  private watch(sessionId: string): void {
    if (this.closed) return;
    this.opts.subscriber
      .subscribe(this.channel(sessionId))
      .then(() => (this.refs.has(sessionId) ? this.opts.publisher.publish(this.watchChannel, sessionId) : undefined))
      .catch((err: unknown) => this.log.debug({ err }, 'subscribe failed'));
  }

  private unsubscribeChannel(sessionId: string): void {
    if (!this.closed) this.opts.subscriber.unsubscribe(this.channel(sessionId)).catch(() => undefined);
  }

  subscribe(sessionId: string, handler: ChatEventHandler): () => void {
    const off = this.local.subscribe(sessionId, handler);
    const n = (this.refs.get(sessionId) ?? 0) + 1;
    this.refs.set(sessionId, n);
    if (n === 1 && !this.audience.isGenerating(sessionId)) this.watch(sessionId);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      const left = (this.refs.get(sessionId) ?? 1) - 1;
      if (left > 0) return void this.refs.set(sessionId, left);
      this.refs.delete(sessionId);
      this.settledUpTo.delete(sessionId);
      if (!this.audience.isGenerating(sessionId)) this.unsubscribeChannel(sessionId);
    };
  }

  subscribeAll(handler: ChatEventHandler): () => void {
    return this.local.subscribeAll(handler);
  }

  private deliver(e: ChatEvent): void {
    if (e.type === 'settled' && this.refs.has(e.sessionId)) {
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
    if (e.type === 'settled' && this.audience.settledElsewhere(e.sessionId, e.turn.seq)) this.generationEnded(e.sessionId);
    try {
      this.deliver(e);
    } catch (err) {
      this.log.error({ err, type: e.type }, 'event handler failed');
    }
  }

  private async readLoop(positioned: () => void): Promise<void> {
    let failing = false;
    while (!this.closed) {
      try {
        if (this.lastId === undefined) {
          // Start at the current end: XREAD with '$' in a loop would skip what arrives between calls.
          const tail = (await this.opts.reader.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
          this.lastId = tail[0]?.[0] ?? '0-0';
          positioned();
        }
        const res = (await this.opts.reader.xread('COUNT', READ_COUNT, 'BLOCK', READ_BLOCK_MS, 'STREAMS', this.stream, this.lastId)) as
          | [string, [string, string[]][]][]
          | null;
        failing = false;
        for (const [, entries] of res ?? []) {
          for (const [id, fields] of entries) {
            this.lastId = id;
            if (fields[1] !== undefined) this.onRemote(fields[1]);
          }
        }
      } catch (err) {
        if (this.closed) return;
        if (!failing) this.log.warn({ err: (err as Error).message }, 'event stream read failed; retrying');
        failing = true;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweep);
    await this.local.close();
    this.opts.reader.disconnect();
    await this.reading?.catch(() => undefined);
    await closeConnection(this.opts.subscriber);
  }
}
