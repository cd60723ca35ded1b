// Server-specific helpers for the Redis tests: the kb engine's replies and a watcher of the shared
// event stream. The generic ones (key prefixes, a private redis-server, ports, spawning and stopping
// servers) are in @mpchat/testkit.
import pino from 'pino';
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
