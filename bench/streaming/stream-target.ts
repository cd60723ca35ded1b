// The real server for the streaming bench, in its own process. Usage: stream-target.ts sqlite|redis|mysql kb|openai|hold
//   BENCH_MYSQL_URL: the database for mysql; with BENCH_REDIS_URL too, mysql instances share Redis (bus, queue).
//   BENCH_SERVER_SRC: the server's src/index.ts to run instead of this checkout's (a baseline copy).
//   kb:     the shipped knowledge-base engine (12 characters every 15 ms, the defaults).
//   openai: the openai engine against BENCH_LLM_URL (the fake provider of fake-llm.ts).
//   hold:   an engine that keeps every reply generating (for held long-polls).
// Every text piece the engine yields is stamped (absolute ms, performance clock) so the bench can
// measure the gap to the client's delta frame. Commands: `marks` {sessions} → stamps, `connections`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineChunk, EngineInput, ReplyEngine } from '@mpchat/server';
import pino from 'pino';
import { HoldEngine } from '../cpu/engines.js';
import { serveTarget, type TargetCommand } from '../cpu/target-ipc.js';

const [store, kind] = process.argv.slice(2) as ['sqlite' | 'redis' | 'mysql', 'kb' | 'openai' | 'hold'];
const server = (process.env.BENCH_SERVER_SRC ? await import(process.env.BENCH_SERVER_SRC) : await import('@mpchat/server')) as typeof import('@mpchat/server');
const { createAdapters, createApp, createEngine, loadConfig } = server;
const now = () => performance.timeOrigin + performance.now();
const config = loadConfig({
  STORE: store,
  SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'mpchat-stream-')), 'bench.db'),
  REDIS_PREFIX: process.env.BENCH_REDIS_PREFIX,
  ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
  ...(process.env.BENCH_MYSQL_URL ? { MYSQL_URL: process.env.BENCH_MYSQL_URL } : {}),
  // The coalescing window to try (this checkout only; the baseline has none).
  ...(process.env.STREAM_COALESCE && !process.env.BENCH_SERVER_SRC ? { STREAM_COALESCE: process.env.STREAM_COALESCE } : {}),
  ENGINE: kind === 'openai' ? 'openai' : 'kb',
  LLM_BASE_URL: process.env.BENCH_LLM_URL,
  LLM_API_KEY: 'bench',
  LLM_MODEL: 'fake-model',
  // The capacity question is the instance's, not the shipped admission limits' (16 and 8).
  GENERATION_CONCURRENCY: '10000',
  LLM_CONCURRENCY: '10000',
  MAX_LIVE_SESSIONS: '1000000',
  // Every stream comes from this machine's one address: per-client limits off.
  LIMIT_SESSIONS_PER_MINUTE: '0',
  LIMIT_LIVE_SESSIONS: '0',
  LIMIT_SOCKETS: '0',
  LIMIT_MESSAGES_PER_MINUTE: '0',
  LIMIT_MESSAGES_PER_DAY: '0',
  WS_HEARTBEAT: '60s',
  GENERATION_TIMEOUT: '24h',
});
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'mpchat' } });

/** sessionId → [cumulative characters, ms] per text piece leaving the engine. */
const marks = new Map<string, number[]>();
const inner: ReplyEngine = kind === 'hold' ? new HoldEngine() : await createEngine(config, logger);
const engine: ReplyEngine = {
  name: inner.name,
  isReady: () => inner.isReady(),
  async *answer(input: EngineInput): AsyncIterable<EngineChunk> {
    const m: number[] = [];
    marks.set(input.sessionId, m);
    let chars = 0;
    for await (const c of inner.answer(input)) {
      if (typeof c === 'string') {
        chars += c.length;
        m.push(chars, now());
      }
      yield c;
    }
  },
};
const app = createApp({ config, ...(await createAdapters(config, logger)), engine, logger });
const { port } = await app.listen(0, '127.0.0.1');
serveTarget(async (m: TargetCommand) => {
  if (m.cmd === 'marks') {
    const out: Record<string, number[]> = {};
    for (const s of m.sessions as string[]) {
      out[s] = marks.get(s) ?? [];
      marks.delete(s);
    }
    return out;
  }
  if (m.cmd === 'connections') return new Promise((resolve) => app.server.getConnections((_e, n) => resolve(n)));
  if (m.cmd === 'close') return app.close();
  return undefined;
});
process.send!({ ready: { port, path: '/mpweixin/chatbot' } });
