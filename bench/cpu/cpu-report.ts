import { cpus, totalmem } from 'node:os';
import type { Share } from './profile-summary.js';

/** One row of the figures table: medians over the rounds. */
export interface CpuRow {
  label: string;
  us: number;
  ratio: number;
  minRatio: number;
  maxRatio: number;
  rps: number;
}

/** A profiled run, summarised. */
export interface ProfiledRun {
  name: string;
  modules: Share[];
  functions: Share[];
  busyMs: number;
  us: number;
  /** Requests in the profiled window. */
  requests: number;
}

/** Everything RESULTS.md reports. */
export interface CpuReport {
  requests: number;
  warmup: number;
  rounds: number;
  connections: number;
  rows: CpuRow[];
  /** Median ratios to bare node:http of the headline rows. */
  receive: number;
  poll100: number;
  koa: number;
  profiles: ProfiledRun[];
}

const shares = (xs: Share[], n: number, where = false) =>
  xs.map((s) => `| ${s.name} | ${where ? `${s.where ? `\`${s.where}\`` : '(native)'} | ` : ''}${((s.ms * 1000) / n).toFixed(1)} | ${s.percent.toFixed(1)}% |`).join('\n');

const profileMd = (p: ProfiledRun, n: number) => `### ${p.name}

${((p.busyMs / n) * 1000).toFixed(0)} µs of sampled (non-idle) time per request; ${p.us.toFixed(0)} µs CPU per request in that run, profiler on.

| module (self time) | µs / request | share of busy time |
| --- | ---: | ---: |
${shares(p.modules.slice(0, 16), n)}

| top functions by self time | where | µs / request | share |
| --- | --- | ---: | ---: |
${shares(p.functions, n, true)}
`;

/** The generated part of bench/cpu/RESULTS.md. */
export function cpuResultsMarkdown(r: CpuReport): string {
  const { requests: N, warmup: WARMUP, rounds: ROUNDS, connections: CONNECTIONS } = r;
  const cpu = cpus();
  return `# Server CPU per request

Script: [cpu-bench.ts](cpu-bench.ts) (\`pnpm --filter @mpchat/bench bench:cpu\`). Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on
${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}; the machine was shared with other work.

## Method

- Each target is its own process, forked by the bench; the bench (another process) loads it over
  ${CONNECTIONS} keep-alive connections to 127.0.0.1. The target reads its own CPU time
  (\`process.cpuUsage()\`: user + system, every thread of the process: JS, GC, libuv pool, SQLite)
  before and after a burst of **${N} requests** (send rows: ${N / 2}), after a ${WARMUP}-request warm-up.
  CPU per request = difference ÷ requests, so the load generator's own CPU and the machine's
  other load do not enter the figure directly (unlike req/s in bench/http).
- All targets run for the whole bench. Each of the ${ROUNDS} rounds gives every row one burst, in an
  order rotated per round, so shifts in the machine's other load fall on all rows alike.
- The real-server targets are built as \`main.ts\` builds them: configuration defaults (SQLite file,
  **LOG_LEVEL=info**, metrics on), pino to stdout (stdout of the target goes to /dev/null, so a log
  line costs its formatting and a write, not a pipe reader), adapters from \`createAdapters\`.
- bare and Koa answer the **exact body** of the finished-reply receive (fetched from a real server first).
- send: a fresh session per request; the engine answers in one piece after 10 ms, and the reading
  is taken after the last turn settled, so the figure includes the whole turn (session + turn
  writes, queue, engine, settle write, event). long-poll: the same target runs send followed by
  \`receive?wait=10\` (held: the reply is 10 ms away); long-poll = that pair minus send alone.
- Three more rows change one setting of the finished-reply receive, to attribute cost (they are
  measurements of settings, not changes to the server): no access log (LOG_LEVEL=warn), the access
  log through pino's asynchronous buffered destination, and no metrics (METRICS=false).
- Every ratio is to bare node:http **of the same round**; the table shows medians over the rounds
  (and the range of the ratio).

## Figures

| target | CPU µs / request (median) | × bare node:http | ratio range | req/s seen |
| --- | ---: | ---: | --- | ---: |
${r.rows.map((x) => `| ${x.label} | ${x.us.toFixed(1)} | ${x.ratio.toFixed(2)}× | ${x.minRatio.toFixed(2)}–${x.maxRatio.toFixed(2)} | ${x.rps.toFixed(0)} |`).join('\n')}

Target (after the receive-path cut): receive and code-100 poll ≤ 3× bare node:http. Today:
receive **${r.receive.toFixed(2)}×**, code-100 poll **${r.poll100.toFixed(2)}×** (Koa + router alone: ${r.koa.toFixed(2)}×).
req/s is informative only: load generator and target share ${cpu.length} cores.

## Where receive time goes (\`--cpu-prof\`, measured window only)

Separate runs with \`--cpu-prof\`, sampling every 200 µs; only the measured window counts (start-up and warm-up cut off by time).
Self time by module: \`server/…\` is this repository's code, named packages are dependencies,
\`(program)\` is V8/native time outside JavaScript (syscalls, libuv, parsing HTTP in C),
\`(garbage collector)\` is GC. Shares are of busy (non-idle) time.

${r.profiles.length ? r.profiles.map((p) => profileMd(p, p.requests)).join('\n') : '(profiles skipped: BENCH_CPU_PROFILE=0)'}
`;
}
