// Server-specific helpers for the Redis tests: the kb engine's replies and a watcher of the shared
// event stream. The generic ones (key prefixes, a private redis-server, ports, spawning and stopping
// servers) are in @mpchat/testkit.
import { deleteKeys, REDIS_URL, spawnServer, stopServer, testPrefix, type ServerProcess } from '@mpchat/testkit';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { createKbEngine } from '../src/engines/kb/index.js';
import type { Turn } from '../src/ports/store.js';
import { RedisBus } from '../src/adapters/redis/redis-bus.js';
import { createRedisConnection, waitUntilReady } from '../src/adapters/redis/redis-connection.js';

/** The kb engine's full reply to each question (the engine the servers run, here in-process). */
export async function kbReplies(questions: string[]): Promise<Map<string, string>> {
  const kb = await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 });
  const replies = new Map<string, string>();
  for (const message of questions) {
    let text = '';
    for await (const chunk of kb.answer({ sessionId: 's', seq: 1, message, history: [], signal: new AbortController().signal })) {
      if (typeof chunk === 'string') text += chunk;
    }
    replies.set(message, text);
  }
  return replies;
}

/**
 * Watches the deployment under `prefix` as one more instance would: every turn settled by any
 * instance, per session, in the order of the shared event stream.
 */
export async function watchSettled(url: string, prefix: string): Promise<{ settled: Map<string, Turn[]>; close(): Promise<void> }> {
  const publisher = createRedisConnection(url, 'command');
  await waitUntilReady(publisher, 5_000);
  const bus = new RedisBus({
    publisher,
    subscriber: createRedisConnection(url, 'subscriber'),
    reader: createRedisConnection(url, 'blocking'),
    prefix,
    log: pino({ level: 'silent' }),
  });
  await bus.start();
  const settled = new Map<string, Turn[]>();
  bus.subscribeAll((e) => {
    if (e.type === 'settled') settled.set(e.sessionId, [...(settled.get(e.sessionId) ?? []), e.turn]);
  });
  return {
    settled,
    close: async () => {
      await bus.close();
      publisher.disconnect();
    },
  };
}

/**
 * Two instances of the kb engine sharing a fresh Redis prefix, with `adminTokens` as ADMIN_TOKENS:
 * started before the file's tests (A first: it seeds the shared store from KB_DIR, B then finds it
 * seeded), stopped and their keys deleted after. Call at the top of a test file.
 */
export function useKbPair(adminTokens: string): { a: () => ServerProcess; b: () => ServerProcess } {
  const prefix = testPrefix();
  const env = { STORE: 'redis', REDIS_URL, REDIS_PREFIX: prefix, ENGINE: 'kb', KB_CHUNK_DELAY_MS: '0', ADMIN_TOKENS: adminTokens };
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  beforeAll(async () => {
    a = await spawnServer(env, 120_000);
    b = await spawnServer(env, 120_000);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([a, b].filter((s): s is ServerProcess => s !== undefined).map((s) => stopServer(s)));
    await deleteKeys(REDIS_URL, prefix);
  }, 30_000);
  return { a: () => a!, b: () => b! };
}
