// One CPU benchmark target in its own process (forked by cpu-bench.ts, IPC for CPU readings).
// Usage: cpu-target.ts bare|koa|receive[:variant]|poll100|send  → sends {ready: {port, path}} when listening.
//   bare, koa:  answer BENCH_BODY (the real receive answer, passed by the parent) on the receive path.
//   receive:    the real server (SQLite, LOG_LEVEL=info as shipped, kb engine) with one finished reply.
//   poll100:    the real server with one reply still generating (partial text), so receive answers 100.
//   send:       the real server with an engine answering after 10 ms: for send and send + long-poll.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Router from '@koa/router';
import { createAdapters, createApp, createKbEngine, loadConfig, type ReplyEngine } from '@mpchat/server';
import Koa from 'koa';
import pino from 'pino';
import { DelayEngine, HoldEngine } from './engines.js';
import { serveTarget } from './target-ipc.js';

// A variant after a colon changes one setting of the real server, to attribute its cost:
// `:warn` LOG_LEVEL=warn (no access log), `:async-log` pino to an asynchronous buffered stdout,
// `:no-metrics` METRICS=false.
const [kind, variant] = (process.argv[2] ?? '').split(':');
const RECEIVE = '/mpweixin/chatbot/receive';
const QUESTION = '请问BGP协议实验ping不通怎么办?';
const TS = '2023/11/03 15:30:00';
const ready = (port: number, path: string) => process.send!({ ready: { port, path } });
serveTarget();

if (kind === 'bare' || kind === 'koa') {
  const body = process.env.BENCH_BODY ?? '{}';
  if (kind === 'bare') {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => ready((server.address() as { port: number }).port, RECEIVE));
  } else {
    const app = new Koa();
    const router = new Router();
    router.get(RECEIVE, (ctx) => {
      ctx.body = JSON.parse(body) as unknown;
    });
    app.use(router.routes());
    const server = app.listen(0, '127.0.0.1', () => ready((server.address() as { port: number }).port, RECEIVE));
  }
} else if (kind === 'receive' || kind === 'poll100' || kind === 'send') {
  // As shipped (main.ts): config from defaults, pino at info to stdout, adapters from config.
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-cpu-'));
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'bench.db'),
    KB_CHUNK_DELAY_MS: '0',
    MAX_LIVE_SESSIONS: '10000000',
    // Every load client comes from this machine's one address: per-client limits off.
    LIMIT_SESSIONS_PER_MINUTE: '0',
    LIMIT_LIVE_SESSIONS: '0',
    LIMIT_SOCKETS: '0',
    LIMIT_MESSAGES_PER_MINUTE: '0',
    LIMIT_MESSAGES_PER_DAY: '0',
    // The code-100 turn must stay generating for the whole run.
    GENERATION_TIMEOUT: '24h',
    LOG_LEVEL: variant === 'warn' ? 'warn' : undefined,
    METRICS: variant === 'no-metrics' ? 'false' : undefined,
  });
  const options = { level: config.LOG_LEVEL, base: { service: 'mpchat' } };
  const logger = variant === 'async-log' ? pino(options, pino.destination({ dest: 1, sync: false, minLength: 4096 })) : pino(options);
  const engine: ReplyEngine =
    kind === 'receive' ? await createKbEngine({ dir: config.KB_DIR, chunkDelayMs: 0 }) : kind === 'poll100' ? new HoldEngine() : new DelayEngine(10);
  const app = createApp({ config, ...(await createAdapters(config, logger)), engine, logger });
  const { port } = await app.listen(0, '127.0.0.1');
  const sid = crypto.randomUUID();
  const base = `http://127.0.0.1:${port}/mpweixin/chatbot`;
  if (kind !== 'send') {
    await fetch(`${base}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId: sid, content: QUESTION, timestamp: TS }),
    });
    if (kind === 'receive') await fetch(`${base}/receive?sessionId=${sid}&wait=10`);
    else await new Promise((r) => setTimeout(r, 200));
  }
  ready(port, `${RECEIVE}?sessionId=${sid}&timestamp=${encodeURIComponent(TS)}`);
} else {
  console.error('usage: cpu-target.ts bare|koa|receive|poll100|send');
  process.exit(2);
}
