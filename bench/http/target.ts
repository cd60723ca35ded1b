// One benchmark target in its own process, so the load generator does not share its CPU.
// Usage: target.ts bare|bare-large|koa|receive  → prints one JSON line {port, path} when listening.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Router from '@koa/router';
import { createApp, createKbEngine, LocalBus, LocalQueue, loadConfig, SqliteStore } from '@mpchat/server';
import Koa from 'koa';
import pino from 'pino';

const BODY = JSON.stringify({ code: 200, message: 'ok', data: { sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6', content: 'hello', timestamp: '2023/11/03 15:30:00' } });
const kind = process.argv[2];
process.on('SIGTERM', () => process.exit(0));
const ready = (port: number, path: string) => console.log(JSON.stringify({ port, path }));

// The same size as the real receive answer for the spec question (~900 Chinese characters).
const LARGE = JSON.stringify({ ...JSON.parse(BODY), data: { ...JSON.parse(BODY).data, content: '网'.repeat(900) } });

if (kind === 'bare' || kind === 'bare-large') {
  const body = kind === 'bare' ? BODY : LARGE;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as { port: number }).port, '/'));
} else if (kind === 'koa') {
  const app = new Koa();
  const router = new Router();
  router.get('/mpweixin/chatbot/receive', (ctx) => {
    ctx.body = JSON.parse(BODY) as unknown;
  });
  app.use(router.routes());
  const server = app.listen(0, '127.0.0.1', () => ready((server.address() as { port: number }).port, '/mpweixin/chatbot/receive'));
} else if (kind === 'receive') {
  // The real server on its default store (SQLite file) and engine, with one finished reply.
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-bench-'));
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'bench.db'),
    LOG_LEVEL: 'warn',
    KB_CHUNK_DELAY_MS: '0',
    // Every load client comes from this machine's one address: per-client limits off.
    LIMIT_SESSIONS_PER_MINUTE: '0', LIMIT_LIVE_SESSIONS: '0', LIMIT_SOCKETS: '0', LIMIT_MESSAGES_PER_MINUTE: '0', LIMIT_MESSAGES_PER_DAY: '0',
  });
  const app = createApp({
    config,
    store: new SqliteStore(config.SQLITE_PATH),
    engine: await createKbEngine({ dir: config.KB_DIR, chunkDelayMs: 0 }),
    bus: new LocalBus(),
    queue: new LocalQueue(config.GENERATION_CONCURRENCY),
    logger: pino({ level: 'warn' }),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const sid = crypto.randomUUID();
  const base = `http://127.0.0.1:${port}/mpweixin/chatbot`;
  await fetch(`${base}/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sessionId: sid, content: '请问BGP协议实验ping不通怎么办?', timestamp: '2023/11/03 15:30:00' }),
  });
  await fetch(`${base}/receive?sessionId=${sid}&wait=10`);
  ready(port, `/mpweixin/chatbot/receive?sessionId=${sid}&timestamp=2023/11/03%2015:30:00`);
} else {
  console.error('usage: target.ts bare|bare-large|koa|receive');
  process.exit(2);
}
