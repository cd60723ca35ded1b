// Streaming capacity of one instance: concurrent WebSocket answers while the p99 gap from a text
// piece leaving the engine to its delta frame reaching the client stays ≤ 100 ms and each stream
// gets its engine's nominal rate; kb engine and a fake LLM at 30 tokens/s, on SQLite, Redis, MySQL,
// and two instances sharing MySQL and Redis; then memory per held long-poll at 5,000 held.
// Server, fake provider and clients (this process) are separate processes; traffic is loopback only.
//   BENCH_STREAM_LEVELS (50,100,200,400,800,1600) BENCH_STREAM_SPREAD_MS (1000) BENCH_HELD (5000)
//   BENCH_STREAM_ONLY (comma list of setup/engine, e.g. "sqlite/kb,mysql/openai")
//   BENCH_BASE_SRC: a baseline checkout's apps/server/src/index.ts; each ramp then runs on it first ("before")
//   REDIS_URL (redis://127.0.0.1:6379; keys under a unique prefix, deleted after); MariaDB at MYSQL_TEST_URL
//   (mysql://root@127.0.0.1:3306; a fresh database per ramp, dropped after)
import { Agent, request, type ClientRequest } from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { createTestDatabase } from '../../apps/server/src/adapters/mysql/testing/mysql-test-db.js';
import { writeResults } from '../cpu/results-file.js';
import { forkTarget, type Target } from '../cpu/fork-target.js';
import { call, runSteps } from '../cpu/keepalive-load.js';
import { met, SETUPS, streamingResultsMarkdown, type Level, type Ramp, type Setup } from './streaming-report.js';
import { gaps, runStreams } from './ws-streams.js';

const LEVELS = (process.env.BENCH_STREAM_LEVELS ?? '50,100,200,400,800,1600').split(',').map(Number);
const SPREAD = Number(process.env.BENCH_STREAM_SPREAD_MS ?? 1000);
const HELD = Number(process.env.BENCH_HELD ?? 5000);
const ONLY = process.env.BENCH_STREAM_ONLY?.split(',');
const BASE = process.env.BENCH_BASE_SRC;
const TARGET_MS = 100;
const LOAD_AT_START = loadavg()[0]!;
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : Number.NaN);
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};


/** Starts the instances of `setup` (two for mysql + redis × 2) on fresh data; `stop` removes them and the data. */
async function startSetup(setup: Setup, engine: 'kb' | 'openai', fake: Target | undefined, serverSrc: string | undefined) {
  const prefix = testPrefix();
  const db = setup.startsWith('mysql') ? await createTestDatabase() : undefined;
  const env: Record<string, string> = { BENCH_REDIS_PREFIX: prefix, BENCH_LLM_URL: fake?.path ?? '', ...(serverSrc ? { BENCH_SERVER_SRC: serverSrc } : {}) };
  if (db) env.BENCH_MYSQL_URL = db.url;
  if (setup === 'redis' || setup === 'mysql + redis × 2') env.BENCH_REDIS_URL = REDIS_URL;
  const store = setup === 'mysql + redis × 2' ? 'mysql' : setup;
  const targets: Target[] = [];
  // BENCH_CPU_PROF=<dir>: each instance writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  for (let i = 0; i < (setup === 'mysql + redis × 2' ? 2 : 1); i++) targets.push(await forkTarget(here('./stream-target.ts'), [store, engine], env, prof));
  return {
    targets,
    async stop() {
      for (const t of targets) await t.stop();
      if (env.BENCH_REDIS_URL) await deleteKeys(REDIS_URL, prefix);
      await db?.drop();
    },
  };
}

async function ramp(setup: Setup, engine: 'kb' | 'openai', fake: Target | undefined, serverSrc: string | undefined): Promise<Level[]> {
  const { targets, stop } = await startSetup(setup, engine, fake, serverSrc);
  const cpuOf = async () => {
    const all = await Promise.all(targets.map((t) => t.cpu()));
    return { cpu: all.reduce((a, c) => a + c.cpu, 0), at: all[0]!.at };
  };
  const label = `${serverSrc ? 'before' : 'after'} ${setup}/${engine}`;
  const levels: Level[] = [];
  try {
    // A level that breaks is run once more before the ramp stops: on a shared machine one burst of
    // someone else's load can break a level the server holds. Both attempts are reported.
    for (let i = 0, retried = false; i < LEVELS.length; ) {
      const n = LEVELS[i]!;
      const [s0, f0, c0] = [await cpuOf(), fake ? await fake.cpu() : undefined, cpuNow()];
      const run = await runStreams(targets.map((t) => `ws://127.0.0.1:${t.port}${t.path}/ws`), n, SPREAD, 120_000);
      const [s1, f1, c1] = [await cpuOf(), fake ? await fake.cpu() : undefined, cpuNow()];
      // Each instance stamped the pieces of the replies it generated.
      const marks = Object.assign({}, ...(await Promise.all(targets.map((t) => t.ask<Record<string, number[]>>('marks', { sessions: [...run.arrivals.keys()] })))).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v.length > 0)))) as Record<string, number[]>;
      const g = gaps(marks, run.arrivals);
      const wall = (s1.at - s0.at) / 1e6;
      const l: Level = {
        n,
        retry: levels.at(-1)?.n === n,
        p50: pct(g.gaps, 50),
        p99: pct(g.gaps, 99),
        max: g.gaps.reduce((a, b) => Math.max(a, b), 0),
        pieces: g.gaps.length,
        missing: g.missing,
        replied: run.replied,
        errors: run.errors.length,
        wallMs: run.wallMs,
        // Pieces per second each stream actually got out of the engine (the fake's nominal 30, kb's ~67).
        rate: pct(
          Object.values(marks).filter((m) => m.length > 4).map((m) => (m.length / 2 - 1) / ((m.at(-1)! - m[1]!) / 1000)),
          50,
        ),
        usPerPiece: (s1.cpu - s0.cpu) / Math.max(1, g.gaps.length),
        server: (100 * (s1.cpu - s0.cpu)) / 1e6 / wall,
        fake: f0 && f1 ? (100 * (f1.cpu - f0.cpu)) / 1e6 / wall : 0,
        clients: (100 * (c1 - c0)) / 1e6 / wall,
      };
      levels.push(l);
      console.log(`${label} ${n}: p50 ${l.p50.toFixed(1)} ms p99 ${l.p99.toFixed(1)} ms max ${l.max.toFixed(0)} ms, ${l.replied}/${n} replied, ${l.errors} errors, ${l.missing} missing; CPU server ${l.server.toFixed(0)}% (${l.usPerPiece.toFixed(0)} µs/piece), ${l.rate.toFixed(0)} pieces/s per stream, fake ${l.fake.toFixed(0)}% clients ${l.clients.toFixed(0)}%${run.errors[0] ? ` (${run.errors[0]})` : ''}`);
      if (!met(l, TARGET_MS, engine) && retried) break;
      retried = !met(l, TARGET_MS, engine);
      if (!retried) i++;
      await sleep(1000);
    }
  } finally {
    await stop();
  }
  return levels;
}

/** Heap and RSS per request held by `script` (sessions generating, each long-poll waiting for its reply). */
async function perHeld(script: string, args: string[]): Promise<{ heap: number; rss: number; held: number }> {
  const t = await forkTarget(here(script), args, {}, ['--expose-gc']);
  try {
    const sessions = Array.from({ length: HELD }, () => crypto.randomUUID());
    if (args[1] === 'hold') {
      const body = (sid: string) => JSON.stringify({ sessionId: sid, content: '请问BGP协议实验ping不通怎么办?', timestamp: '2023/11/03 15:30:00' });
      await runSteps(t.port, (port, agent, i) => call(port, agent, 'POST', `${t.path}/send`, body(sessions[i]!)).then(() => undefined), HELD, 32);
    }
    await sleep(500);
    const before = await t.mem();
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const reqs: ClientRequest[] = sessions.map((sid) => {
      const r = request({ host: '127.0.0.1', port: t.port, path: `${t.path}/receive?sessionId=${sid}&wait=25`, agent });
      r.on('error', () => undefined);
      r.end();
      return r;
    });
    const deadline = Date.now() + 15_000;
    let held = 0;
    while ((held = await t.ask<number>('connections')) < HELD && Date.now() < deadline) await sleep(200);
    await sleep(500);
    const after = await t.mem();
    for (const r of reqs) r.destroy();
    agent.destroy();
    return { heap: (after.heapUsed - before.heapUsed) / held, rss: (after.rss - before.rss) / held, held };
  } finally {
    await t.stop();
  }
}

const runs: Ramp[] = [];
const fake = await forkTarget(here('./fake-llm.ts'), ['90', '30']);
for (const setup of SETUPS) {
  for (const engine of ['kb', 'openai'] as const) {
    if (ONLY && !ONLY.includes(`${setup}/${engine}`)) continue;
    const f = engine === 'openai' ? fake : undefined;
    if (BASE) runs.push({ server: 'before', store: setup, engine, levels: await ramp(setup, engine, f, BASE) });
    runs.push({ server: 'after', store: setup, engine, levels: await ramp(setup, engine, f, undefined) });
  }
}
await fake.stop();
const server = HELD > 0 ? await perHeld('./stream-target.ts', ['sqlite', 'hold']) : undefined;
const bare = HELD > 0 ? await perHeld('./bare-hold-target.ts', []) : undefined;
const kb = (b: number) => (b / 1024).toFixed(2);
if (server && bare) console.log(`held long-polls: mpchat ${kb(server.heap)} KB heap ${kb(server.rss)} KB RSS (${server.held}); bare ${kb(bare.heap)} KB heap ${kb(bare.rss)} KB RSS (${bare.held})`);

const md = streamingResultsMarkdown(runs, LEVELS, TARGET_MS, server, bare, LOAD_AT_START);
writeResults(here('./RESULTS.md'), md);
process.exit(0);
