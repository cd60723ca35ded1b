import type { Logger } from 'pino';
import type { Adapters } from '../../ports/adapter-profile.js';
import { BullmqQueue } from './bullmq-queue.js';
import { RedisBus } from './redis-bus.js';
import { createRedisConnection, waitUntilReady } from './redis-connection.js';
import { REDIS_PROFILE } from './redis-profile.js';
import { RedisStore } from './redis-store.js';

/** What {@link createRedisAdapters} needs from the configuration. */
export interface RedisAdapterSettings {
  REDIS_URL: string;
  REDIS_PREFIX: string;
  GENERATION_CONCURRENCY: number;
  /** BullMQ job lock; a dead instance's session is taken over within about twice this. */
  REDIS_JOB_LOCK_MS: number;
  /** `false`: an API-only instance that schedules replies but never generates them. */
  REDIS_WORKER: boolean;
}

// How long startup waits for Redis before it listens anyway (answering 503 until Redis is up).
const STARTUP_WAIT_MS = 3_000;

/**
 * The store, bus and queue on one Redis, shared by every instance. Opens four connections: one
 * `command` connection shared by the store, the bus's publishes and the queue's adds (all fail
 * fast), the bus's subscriber and stream reader, and the BullMQ worker's. If Redis is not
 * reachable at startup, the instance starts anyway, answers 503 STORE_UNAVAILABLE, and recovers
 * when Redis comes up.
 */
export async function createRedisAdapters(
  config: RedisAdapterSettings,
  log: Logger,
): Promise<Adapters> {
  const rlog = log.child({ component: 'redis' });
  const url = config.REDIS_URL;
  const command = createRedisConnection(url, 'command', rlog);
  const reachable = await waitUntilReady(command, STARTUP_WAIT_MS);
  if (!reachable) rlog.warn({ url: redactUrl(url) }, 'redis not reachable yet; answering 503 STORE_UNAVAILABLE until it is');
  const store = new RedisStore(command, config.REDIS_PREFIX);
  const bus = new RedisBus({
    publisher: command,
    subscriber: createRedisConnection(url, 'subscriber', rlog),
    reader: createRedisConnection(url, 'blocking', rlog),
    prefix: config.REDIS_PREFIX,
    log: rlog,
  });
  // Unreachable: do not wait twice; the bus starts reading when Redis comes up.
  await bus.start(reachable ? STARTUP_WAIT_MS : 0);
  const queue = new BullmqQueue({
    producer: command,
    workerConnection: createRedisConnection(url, 'blocking', rlog),
    prefix: config.REDIS_PREFIX,
    concurrency: config.GENERATION_CONCURRENCY,
    lockMs: config.REDIS_JOB_LOCK_MS,
    runWorker: config.REDIS_WORKER,
    log: rlog,
  });
  // Per-client limits count on the command connection, so every instance sees one budget per client.
  return { store, bus, queue, profile: REDIS_PROFILE, limitStore: { kind: 'redis', redis: command, keyPrefix: config.REDIS_PREFIX } };
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://…';
  }
}
