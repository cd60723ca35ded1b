// Servers for the expiry tests: the real app on the adapters a STORE builds (memory, SQLite file,
// Redis under a private prefix), in this process so the test can hear the bus, with the scripted engine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { REDIS_URL } from '@mpchat/testkit';
import { createApp } from '../src/app.js';
import { createAdapters } from '../src/adapters/create-adapters.js';
import { createTestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { loadConfig } from '../src/config/config.js';
import type { ChatEvent } from '../src/ports/bus.js';
import type { ChatStore } from '../src/ports/store.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { post, ts } from '../src/testing/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-expiry-'));
let n = 0;

/** A running instance, its store, and every `closed` event its bus delivered (from any instance). */
export interface ExpiryServer {
  url: string;
  store: ChatStore;
  closed: Map<string, number>;
  close(): Promise<void>;
}

/** Starts the app on `store` with `env` on top (SQLite: a fresh file; Redis: under `prefix`; MySQL: a fresh database). */
export async function startOn(store: string, env: Record<string, string>, prefix = 'unused:'): Promise<ExpiryServer> {
  const database = store === 'mysql' ? await createTestDatabase() : undefined;
  const config = loadConfig({
    STORE: store,
    LOG_LEVEL: 'silent',
    SHUTDOWN_GRACE: '300ms',
    SQLITE_PATH: join(dir, `e${n++}.db`),
    ...(store === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
    ...(database ? { MYSQL_URL: database.url } : {}),
    ...env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const adapters = await createAdapters(config, logger);
  const closed = new Map<string, number>();
  adapters.bus.subscribeAll((e: ChatEvent) => {
    if (e.type === 'closed') closed.set(e.sessionId, (closed.get(e.sessionId) ?? 0) + 1);
  });
  const app = createApp({ config, ...adapters, engine: new ScriptedEngine(), logger });
  const { port } = await app.listen(0, '127.0.0.1');
  const close = async () => {
    await app.close();
    await database?.drop();
  };
  return { url: `http://127.0.0.1:${port}`, store: adapters.store, closed, close };
}

/**
 * Opens each session with one message straight through the store port, as send does (thousands of
 * HTTP sends take longer than the TTL on a busy test machine, and the test is about what follows).
 */
export async function seedSessions(store: ChatStore, sessions: string[], width = 100): Promise<void> {
  for (let i = 0; i < sessions.length; i += width) {
    const outcomes = await Promise.all(
      sessions.slice(i, i + width).map((sessionId) =>
        store.appendTurn({ sessionId, content: '你好', timestamp: ts(), now: Date.now(), maxPending: 8, maxLiveSessions: 1e7, maxTurns: 0 }),
      ),
    );
    if (outcomes.some((o) => o.kind !== 'created')) throw new Error(`seed refused: ${JSON.stringify(outcomes.find((o) => o.kind !== 'created'))}`);
  }
}

/** Opens each session with one message, `width` requests at a time; returns the envelopes' codes. */
export async function openSessions(url: string, sessions: string[], width = 64): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < sessions.length; i += width) {
    const batch = sessions.slice(i, i + width);
    const rs = await Promise.all(batch.map((sessionId) => post(`${url}/mpweixin/chatbot/send`, { sessionId, content: '你好', timestamp: ts() })));
    codes.push(...rs.map((r) => r.body.code as number));
  }
  return codes;
}
