// Delivery latency from "reply done" (the settled event inside the server) to "client has it",
// over WebSocket, long-poll and the spec's plain polling at 1 s; then memory per idle socket at
// 10,000 connections against a raw `ws` server measured the same way. Run with --expose-gc.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createApp, LocalBus, LocalQueue, loadConfig, MemoryStore, type MpchatApp } from '@mpchat/server';
import pino from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { PauseEngine } from './bench-engine.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const IDLE = Number(process.env.BENCH_IDLE_SOCKETS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const ts = () => '2023/11/03 15:30:00';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function start(): Promise<{ app: MpchatApp; base: string; ws: string; settledAt: Map<string, number> }> {
  const config = loadConfig({
    STORE: 'memory',
    LOG_LEVEL: 'silent',
    MAX_LIVE_SESSIONS: '100000',
    WS_HEARTBEAT: '60s',
    // Every socket comes from this machine's one address: per-client limits off.
    LIMIT_SESSIONS_PER_MINUTE: '0', LIMIT_LIVE_SESSIONS: '0', LIMIT_SOCKETS: '0', LIMIT_MESSAGES_PER_MINUTE: '0', LIMIT_MESSAGES_PER_DAY: '0',
  });
  const bus = new LocalBus();
  const app = createApp({ config, store: new MemoryStore(), engine: new PauseEngine(), bus, queue: new LocalQueue(64), logger: pino({ level: 'silent' }) });
  const settledAt = new Map<string, number>();
  bus.subscribeAll((e) => {
    if (e.type === 'settled') settledAt.set(e.sessionId, performance.now());
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${port}/mpweixin/chatbot`, ws: `ws://127.0.0.1:${port}/mpweixin/chatbot/ws`, settledAt };
}

async function sendHttp(base: string, sessionId: string): Promise<void> {
  await fetch(`${base}/send`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sessionId, content: 'ping', timestamp: ts() }) });
}

async function viaSocket(s: Awaited<ReturnType<typeof start>>): Promise<number> {
  const sid = crypto.randomUUID();
  const ws = new WebSocket(`${s.ws}?sessionId=${sid}`);
  await new Promise((r) => ws.once('open', r));
  const got = new Promise<number>((resolve) =>
    ws.on('message', (d) => {
      if ((JSON.parse(d.toString()) as { type: string }).type === 'reply') resolve(performance.now());
    }),
  );
  ws.send(JSON.stringify({ type: 'send', content: 'ping', timestamp: ts() }));
  const t1 = await got;
  ws.close();
  return t1 - s.settledAt.get(sid)!;
}

async function viaLongPoll(s: Awaited<ReturnType<typeof start>>): Promise<number> {
  const sid = crypto.randomUUID();
  await sendHttp(s.base, sid);
  const t0 = performance.now();
  const r = (await (await fetch(`${s.base}/receive?sessionId=${sid}&wait=25`)).json()) as { code: number };
  const t1 = performance.now();
  if (r.code !== 200) throw new Error(`long-poll answered ${r.code}`);
  // Only a request that was already held when the reply settled measures delivery.
  return t0 < s.settledAt.get(sid)! ? t1 - s.settledAt.get(sid)! : Number.NaN;
}

async function viaPolling(s: Awaited<ReturnType<typeof start>>): Promise<number> {
  const sid = crypto.randomUUID();
  await sendHttp(s.base, sid);
  for (;;) {
    const r = (await (await fetch(`${s.base}/receive?sessionId=${sid}`)).json()) as { code: number };
    if (r.code === 200) return performance.now() - s.settledAt.get(sid)!;
    await new Promise((res) => setTimeout(res, 1000));
  }
}

async function latency(name: string, s: Awaited<ReturnType<typeof start>>, f: typeof viaSocket, n: number, parallel: number) {
  const xs: number[] = [];
  for (let i = 0; i < n; i += parallel) xs.push(...(await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, () => f(s)))).filter((x) => !Number.isNaN(x)));
  const r = { name, n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99) };
  console.log(`${name.padEnd(12)} n=${r.n} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
  return r;
}

function heap() {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

/** Memory per idle socket: open `IDLE` sockets from a child process against `url`. */
async function perSocket(url: string): Promise<{ heap: number; rss: number; open: number }> {
  const before = heap();
  const child = fork(fileURLToPath(new URL('./idle-clients.ts', import.meta.url)), [url, String(IDLE)], {
    execArgv: ['--import', 'tsx'],
  });
  const { open, failed } = await new Promise<{ open: number; failed: number }>((r) => child.once('message', r as (m: unknown) => void));
  if (failed) console.warn(`${failed} sockets failed to open`);
  await new Promise((r) => setTimeout(r, 500));
  const after = heap();
  child.send('exit');
  await new Promise((r) => child.once('exit', r));
  return { heap: (after.heap - before.heap) / open, rss: (after.rss - before.rss) / open, open };
}

const s = await start();
const ws = await latency('websocket', s, viaSocket, SAMPLES, 10);
const lp = await latency('long-poll', s, viaLongPoll, SAMPLES, 10);
const poll = await latency('poll@1s', s, viaPolling, Math.min(SAMPLES, 60), 30);

await s.app.close();
// A fresh server for the memory figure, so the latency runs leave nothing behind in its heap.
const fresh = await start();
const ours = await perSocket(fresh.ws);
await fresh.app.close();
const raw = await new Promise<{ url: string; close: () => void }>((resolve) => {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', () => undefined);
  server.listen(0, '127.0.0.1', () => resolve({ url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() }));
});
const base = await perSocket(raw.url);
raw.close();
const kb = (b: number) => (b / 1024).toFixed(2);
console.log(`idle sockets: mpchat ${kb(ours.heap)} KB heap, ${kb(ours.rss)} KB RSS per socket; raw ws ${kb(base.heap)} KB heap, ${kb(base.rss)} KB RSS`);

const row = (r: { name: string; n: number; p50: number; p99: number }) => `| ${r.name} | ${r.n} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(poll.p50 / r.p50).toFixed(0)}× |`;
writeFileSync(
  fileURLToPath(new URL('./RESULTS.md', import.meta.url)),
  `# Delivery latency and idle-socket memory

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, loopback.
Server in-process (memory store, an engine that answers after 100-200 ms); latency runs from the moment the
turn settles inside the server to the moment the client has the reply.

| transport | samples | p50 ms | p99 ms | p50 vs polling |
| --- | ---: | ---: | ---: | ---: |
${[ws, lp, poll].map(row).join('\n')}

Target: WebSocket and long-poll p50 ≤ 5 ms — **${ws.p50 <= 5 && lp.p50 <= 5 ? 'met' : 'NOT met'}**. Plain polling every 1 s (the spec's client) is the baseline.

## Memory per idle socket (${ours.open} connections, after gc)

| server | heap per socket | RSS per socket |
| --- | ---: | ---: |
| mpchat gateway | ${kb(ours.heap)} KB | ${kb(ours.rss)} KB |
| raw \`ws\` server | ${kb(base.heap)} KB | ${kb(base.rss)} KB |

Target ≤ 8 KB heap per socket — **${ours.heap <= 8192 ? 'met' : 'NOT met'}** (${(ours.heap / base.heap).toFixed(2)}× raw ws). Clients run in a child process so their memory is not counted.
`,
);
process.exit(0);
