import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { StoreUnavailableError } from '../../ports/store.js';

/**
 * What a connection is for. Each role needs different failure behaviour:
 * - `command`: store reads/writes, publishes and queue adds on a request's path. Fails fast while
 *   Redis is unreachable (no offline queue, short command timeout) so requests answer 503 at once.
 * - `subscriber`: pub/sub. Queues SUBSCRIBEs while disconnected and re-subscribes on reconnect.
 * - `blocking`: XREAD BLOCK and BullMQ's worker. No command timeout (they block on purpose) and
 *   unlimited retries, as BullMQ requires (`maxRetriesPerRequest: null`).
 */
export type RedisRole = 'command' | 'subscriber' | 'blocking';

/** A command on a `command` connection that takes longer than this fails (Redis hung, not down). */
export const COMMAND_TIMEOUT_MS = 2_000;

const base: RedisOptions = {
  connectTimeout: 2_000,
  // Reconnect quickly and forever: the server recovers by itself when Redis comes back.
  retryStrategy: (times) => Math.min(100 * times, 1_000),
  // After a failover, a replica answers READONLY: reconnect so we reach the new primary.
  reconnectOnError: (err) => err.message.startsWith('READONLY'),
};

const byRole: Record<RedisRole, RedisOptions> = {
  command: { enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 },
  subscriber: { enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true },
  blocking: { enableOfflineQueue: true, maxRetriesPerRequest: null },
};

/**
 * Opens an ioredis connection for a role, logging an outage once when it starts and once when it
 * ends (ioredis reports every failed reconnect; the log would otherwise fill up).
 *
 * @example
 * const client = createRedisConnection('redis://127.0.0.1:6379', 'command', log);
 * await waitUntilReady(client, 3_000); // false when Redis is not reachable yet
 */
export function createRedisConnection(url: string, role: RedisRole, log?: Logger): Redis {
  const client = new Redis(url, { ...base, ...byRole[role], connectionName: `mpchat-${role}`, lazyConnect: false });
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log?.warn({ err: err.message, role }, 'redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ role }, 'redis connection restored');
  });
  return client;
}

/** Resolves true once `client` is ready, false if it is not within `ms` (it keeps retrying). */
export function waitUntilReady(client: Redis, ms: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    client.on('ready', onReady);
  });
}

// Replies that mean "Redis cannot serve now", not "the command is wrong".
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY|OOM|NOREPLICAS)\b/;

/**
 * Maps an ioredis failure to the port's {@link StoreUnavailableError} when it means Redis is
 * unreachable, hung or refusing writes (answered 503 STORE_UNAVAILABLE). Error replies caused by
 * the command itself (a bug) stay as they are and end as 500.
 */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  if (err instanceof ReplyError) {
    const message = (err as Error).message;
    return TRANSIENT_REPLY.test(message) ? new StoreUnavailableError(`[redis] ${message}`, { cause: err }) : err;
  }
  // Everything else ioredis rejects with is about the connection: "Stream isn't writeable…",
  // "Connection is closed.", "Command timed out", MaxRetriesPerRequestError, ECONNREFUSED…
  const message = err instanceof Error ? err.message : String(err);
  return new StoreUnavailableError(`[redis] unavailable: ${message}`, { cause: err });
}

/** Runs one Redis call, mapping connection failures to {@link StoreUnavailableError}. */
export async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw toStoreError(err);
  }
}

/**
 * Like {@link guard}, and gives up after `ms` with {@link StoreUnavailableError}: for calls that
 * wait for a connection instead of failing (BullMQ waits for one that was never ready).
 */
export async function guardWithin<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`[redis] no answer within ${ms} ms`)), ms);
  });
  try {
    return await guard(Promise.race([call, timeout]));
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection: QUIT when connected (flushes pending replies), else just disconnect. */
export async function closeConnection(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through
    }
  }
  client.disconnect();
}
