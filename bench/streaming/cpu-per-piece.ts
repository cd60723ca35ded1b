// Server CPU per streamed piece, A against B, interleaved: for comparing two versions of the server
// (or two settings) on a machine too busy for the capacity ramp. CPU time per piece moves far less
// with other load than latency does, and running the two servers level by level in turn, several
// times, exposes both to the same load; the minimum and median of the repeats are reported.
//   pnpm --filter @mpchat/bench bench:cpu-per-piece
//   CPP_STORE (redis: sqlite|redis|mysql) CPP_STREAMS (200) CPP_REPEATS (5) CPP_SPREAD_MS (1000)
//   CPP_TOKENS (90): pieces per reply (fewer shows what a reply costs apart from its pieces)
//   CPP_A_SRC: the "A" server's src/index.ts (default: this checkout); CPP_A_ENV / CPP_B_ENV: extra
//   settings as JSON, e.g. '{"STREAM_COALESCE":"40ms"}' (B is always this checkout).
// Each server is warmed with one level first (not counted: the JIT and lazy imports would bias A).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { createTestDatabase } from '../../apps/server/src/adapters/mysql/testing/mysql-test-db.js';
import { forkTarget, type Target } from '../cpu/fork-target.js';
import { gaps, runStreams } from './ws-streams.js';

const STORE = (process.env.CPP_STORE ?? 'redis') as 'sqlite' | 'redis' | 'mysql';
const STREAMS = Number(process.env.CPP_STREAMS ?? 200);
const REPEATS = Number(process.env.CPP_REPEATS ?? 5);
const SPREAD = Number(process.env.CPP_SPREAD_MS ?? 1000);
const TOKENS = process.env.CPP_TOKENS ?? '90';
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
/** [user, kernel] CPU clock ticks a process used so far (Linux /proc; zeros elsewhere). */
const ticks = (pid: number | undefined): [number, number] => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return [Number(f[11]), Number(f[12])];
  } catch {
    return [0, 0];
  }
};
const envOf = (json: string | undefined) => (json ? (JSON.parse(json) as Record<string, string>) : {});

async function server(name: string, src: string | undefined, extra: Record<string, string>, fake: Target) {
  const prefix = testPrefix();
  const db = STORE === 'mysql' ? await createTestDatabase() : undefined;
  const env: Record<string, string> = { BENCH_REDIS_PREFIX: prefix, BENCH_LLM_URL: fake.path, ...extra, ...(src ? { BENCH_SERVER_SRC: src } : {}) };
  if (db) env.BENCH_MYSQL_URL = db.url;
  if (STORE === 'redis') env.BENCH_REDIS_URL = REDIS_URL;
  // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const target = await forkTarget(here('./stream-target.ts'), [STORE, 'openai'], env, prof);
  return {
    name,
    async level(): Promise<{ us: number; p50: number; p99: number; frames: number; kernel: number; perReply: number }> {
      const [u0, k0] = ticks(target.proc.pid);
      const c0 = (await target.cpu()).cpu;
      const run = await runStreams([`ws://127.0.0.1:${target.port}${target.path}/ws`], STREAMS, SPREAD, 120_000);
      const c1 = (await target.cpu()).cpu;
      const [u1, k1] = ticks(target.proc.pid);
      const marks = await target.ask<Record<string, number[]>>('marks', { sessions: [...run.arrivals.keys()] });
      const g = gaps(marks, run.arrivals);
      const sorted = [...g.gaps].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
      if (run.errors.length > 0 || g.missing > 0) console.log(`${name}: ${run.errors.length} errors, ${g.missing} missing pieces (${run.errors[0] ?? ''})`);
      let frames = 0;
      for (const a of run.arrivals.values()) frames += a.length / 2;
      return { perReply: (c1 - c0) / STREAMS, us: (c1 - c0) / Math.max(1, g.gaps.length), p50: at(0.5), p99: at(0.99), frames: frames / Math.max(1, g.gaps.length), kernel: (k1 - k0) / Math.max(1, k1 - k0 + u1 - u0) };
    },
    async stop() {
      await target.stop();
      if (STORE === 'redis') await deleteKeys(REDIS_URL, prefix);
      await db?.drop();
    },
  };
}

const fake = await forkTarget(here('./fake-llm.ts'), [TOKENS, '30']);
const a = await server('A', process.env.CPP_A_SRC, envOf(process.env.CPP_A_ENV), fake);
const b = await server('B', undefined, envOf(process.env.CPP_B_ENV), fake);
const seen: Record<string, { us: number; p50: number; p99: number; frames: number; kernel: number; perReply: number }[]> = { A: [], B: [] };
try {
  for (const s of [a, b]) await s.level();
  for (let i = 0; i < REPEATS; i++) {
    for (const s of i % 2 === 0 ? [a, b] : [b, a]) {
      await sleep(500);
      const r = await s.level();
      seen[s.name]!.push(r);
      console.log(`${s.name} ${STORE} ${STREAMS} streams: ${r.us.toFixed(0)} µs/piece (${(r.perReply / 1000).toFixed(1)} ms/reply), ${r.frames.toFixed(2)} delta frames/piece, ${(100 * r.kernel).toFixed(0)}% in the kernel, gap p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms`);
    }
  }
} finally {
  await a.stop();
  await b.stop();
  await fake.stop();
}
for (const [name, rs] of Object.entries(seen)) {
  const us = rs.map((r) => r.us).sort((x, y) => x - y);
  console.log(`${name}: server CPU per piece min ${us[0]!.toFixed(0)} µs, median ${us[Math.floor(us.length / 2)]!.toFixed(0)} µs over ${us.length} levels of ${STREAMS} streams (${STORE})`);
}
process.exit(0);
