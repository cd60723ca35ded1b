// Time to first token added by the relay: the same fake provider (first text chunk 200 ms after
// the request) timed directly through the official client, and through the mpchat server over
// WebSocket and over long-poll. Sequential requests, so each figure is latency, not queueing.
//
//   node --conditions=@mpchat/source --import tsx bench/ttft/ttft.ts   (from the repo root, once tsx resolves there)
//   TTFT_SAMPLES=200 (default) TTFT_WARMUP=10 (default)
//
// Long-poll only ever returns the finished reply (receive with `wait` is held until the turn
// settles), so for it the figure is time to the full reply, compared with the time a direct
// client needs to read the whole stream. Polling receive with wait=0 every few ms would measure
// mostly the polling interval, not the relay. See RESULTS.md.
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createKbEngine } from '../../apps/server/src/engines/kb/index.js';
import { createOpenAiClient, createOpenAiEngine } from '../../apps/server/src/engines/openai/index.js';
import { startFakeUpstream, streamReply } from '../../apps/server/src/engines/openai/testing/fake-upstream.js';
import { newSessionId, startTestServer, ts } from '../../apps/server/src/testing/test-server.js';
import { TestSocket } from '../../apps/server/src/testing/ws-client.js';

const SAMPLES = Number(process.env.TTFT_SAMPLES ?? 200);
const WARMUP = Number(process.env.TTFT_WARMUP ?? 10);
const FIRST_TOKEN_MS = 200;
const PIECES = Array.from({ length: 10 }, (_, i) => `第${i + 1}段测试文本。`);
const QUESTION = '请问BGP协议实验ping不通怎么办?';

/** One timed request: ms to the first text, and to the whole reply. */
interface Sample {
  first: number;
  done: number;
}
type Mode = 'direct' | 'engine' | 'ws' | 'longpoll';

const fake = await startFakeUpstream();
fake.setDefault(streamReply(PIECES, { firstDelayMs: FIRST_TOKEN_MS, gapMs: 5 }));
const kb = await createKbEngine({ dir: new URL('../../apps/server/kb/', import.meta.url), chunkDelayMs: 0 });
const settings = { baseURL: fake.baseURL, apiKey: 'bench', model: 'fake-model' };
const client = createOpenAiClient({ ...settings, backstopTimeoutMs: 60_000 });
const engine = await createOpenAiEngine({ ...settings, kb, concurrency: 64 });
const server = await startTestServer({ engine });

/** The official client straight to the fake: the baseline a relay adds to. */
async function direct(): Promise<Sample> {
  const t0 = performance.now();
  let first = -1;
  const stream = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: QUESTION }], stream: true });
  for await (const c of stream) if (first < 0 && c.choices[0]?.delta?.content) first = performance.now() - t0;
  return { first, done: performance.now() - t0 };
}

/** The engine in-process (grounding search, prompt, retry wrapper), without the server. */
async function viaEngine(): Promise<Sample> {
  const t0 = performance.now();
  let first = -1;
  for await (const c of engine.answer({ sessionId: 'bench', seq: 1, message: QUESTION, history: [], signal: new AbortController().signal })) {
    if (first < 0 && typeof c === 'string') first = performance.now() - t0;
  }
  return { first, done: performance.now() - t0 };
}

/** Through the server over WebSocket: from sending the frame to the first delta frame, and to the reply frame. */
async function viaWs(): Promise<Sample> {
  const sock = await TestSocket.open(server.wsUrl, newSessionId());
  await sock.until((f) => f.some((x) => x.type === 'hello'));
  let first = -1;
  let done = -1;
  const t0 = performance.now();
  const finished = new Promise<void>((resolve) => {
    sock.ws.on('message', (data) => {
      const type = (JSON.parse(data.toString()) as { type: string }).type;
      if (type === 'delta' && first < 0) first = performance.now() - t0;
      if (type === 'reply' || type === 'error') {
        done = performance.now() - t0;
        resolve();
      }
    });
  });
  sock.send({ type: 'send', content: QUESTION, timestamp: ts() });
  await finished;
  sock.ws.close();
  return { first, done };
}

/** Through the server over HTTP: send, then one long-poll receive held until the reply is done. */
async function viaLongPoll(): Promise<Sample> {
  const sessionId = newSessionId();
  const api = `${server.url}/mpweixin/chatbot`;
  const t0 = performance.now();
  const sent = await fetch(`${api}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, content: QUESTION, timestamp: ts() }),
  });
  await sent.json();
  const r = await fetch(`${api}/receive?sessionId=${sessionId}&wait=25`);
  const body = (await r.json()) as { code: number };
  if (body.code !== 200) throw new Error(`long-poll answered ${JSON.stringify(body)}`);
  const done = performance.now() - t0;
  return { first: done, done };
}

const RUN: Record<Mode, () => Promise<Sample>> = { direct, engine: viaEngine, ws: viaWs, longpoll: viaLongPoll };
const MODES = Object.keys(RUN) as Mode[];
const results: Record<Mode, Sample[]> = { direct: [], engine: [], ws: [], longpoll: [] };

for (let i = 0; i < WARMUP + SAMPLES; i++) {
  // Rotate the order each round so no mode always runs right after the same other one.
  for (let k = 0; k < MODES.length; k++) {
    const mode = MODES[(i + k) % MODES.length]!;
    const sample = await RUN[mode]();
    if (i >= WARMUP) results[mode].push(sample);
  }
  if ((i + 1) % 50 === 0) process.stderr.write(`round ${i + 1}/${WARMUP + SAMPLES}\n`);
}

await server.close();
await fake.close();
await kb.close();

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f = (ms: number): string => ms.toFixed(2);
const stats = (mode: Mode, key: keyof Sample) => {
  const xs = results[mode].map((s) => s[key]);
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
};

const base = { first: stats('direct', 'first'), done: stats('direct', 'done') };
const cpu = cpus();
console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`samples: ${SAMPLES} per path after ${WARMUP} warm-up rounds; fake first token after ${FIRST_TOKEN_MS} ms, then ${PIECES.length} chunks 5 ms apart`);
console.log('');
console.log('| path | measured | p50 ms | p99 ms | added p50 ms | added p99 ms | p50 ratio to direct |');
console.log('|---|---|---|---|---|---|---|');
const row = (label: string, what: string, mode: Mode, key: keyof Sample) => {
  const s = stats(mode, key);
  const b = base[key];
  const added = mode === 'direct' ? ['—', '—'] : [f(s.p50 - b.p50), f(s.p99 - b.p99)];
  console.log(`| ${label} | ${what} | ${f(s.p50)} | ${f(s.p99)} | ${added[0]} | ${added[1]} | ${(s.p50 / b.p50).toFixed(4)} |`);
};
row('direct (openai client → fake)', 'first token', 'direct', 'first');
row('engine in-process', 'first token', 'engine', 'first');
row('server, WebSocket', 'first delta frame', 'ws', 'first');
row('direct (openai client → fake)', 'whole reply', 'direct', 'done');
row('server, WebSocket', 'reply frame', 'ws', 'done');
row('server, long-poll (send + receive wait=25)', 'whole reply', 'longpoll', 'done');
const added = stats('ws', 'first').p50 - base.first.p50;
console.log('');
console.log(`WebSocket TTFT added by the relay, p50: ${f(added)} ms (target ≤ 5 ms): ${added <= 5 ? 'met' : 'NOT met'}`);
