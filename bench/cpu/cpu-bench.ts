// Server CPU per request: each target in its own process, loaded over keep-alive from this one;
// CPU read by the target itself (process.cpuUsage: user + system, all threads) before and after
// N requests that follow a warm-up. Rounds repeat the set; medians go to RESULTS.md. Then one
// `--cpu-prof` run each of receive and the code-100 poll, summarised by module.
//   BENCH_CPU_REQUESTS (20000) BENCH_CPU_WARMUP (3000) BENCH_CPU_ROUNDS (3) BENCH_CPU_CONNECTIONS (16) BENCH_CPU_PROFILE (1)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results-file.js';
import { forkTarget, type Target } from './fork-target.js';
import { getExpecting, runSteps, sendStep, type Step } from './keepalive-load.js';
import { summarise, type Share } from './profile-summary.js';

const N = Number(process.env.BENCH_CPU_REQUESTS ?? 20_000);
const WARMUP = Number(process.env.BENCH_CPU_WARMUP ?? 3_000);
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CPU_CONNECTIONS ?? 16);
const PROFILE = process.env.BENCH_CPU_PROFILE !== '0';
const SCRIPT = fileURLToPath(new URL('./cpu-target.ts', import.meta.url));

/** µs of target CPU per step over `n` steps after `warmup`, and the steps per second seen. */
async function measure(t: Target, step: Step, n: number, warmup: number): Promise<{ us: number; rps: number; from: number; to: number }> {
  await runSteps(t.port, step, warmup, CONNECTIONS);
  await sleep(100);
  const a = await t.cpu();
  await runSteps(t.port, step, n, CONNECTIONS);
  await sleep(100); // let replies started by the last sends settle: their cost belongs to them
  const b = await t.cpu();
  return { us: (b.cpu - a.cpu) / n, rps: n / ((b.at - a.at - 100_000) / 1e6), from: a.at, to: b.at };
}

// The body bare node:http and Koa answer: the real receive answer of the finished reply.
const probe = await forkTarget(SCRIPT, ['receive']);
const BODY = await (await fetch(`http://127.0.0.1:${probe.port}${probe.path}`)).text();
await probe.stop();
const env = { BENCH_BODY: BODY };

const GETS = ['bare', 'koa', 'receive', 'poll100', 'receive:warn', 'receive:async-log', 'receive:no-metrics'] as const;
type Row = (typeof GETS)[number] | 'send' | 'longpoll';
const ROWS: Row[] = ['bare', 'koa', 'receive', 'poll100', 'send', 'longpoll', 'receive:warn', 'receive:async-log', 'receive:no-metrics'];
const table0 = () => Object.fromEntries(ROWS.map((r) => [r, [] as number[]])) as Record<Row, number[]>;
const [us, rps, ratios] = [table0(), table0(), table0()];

for (let round = 1; round <= ROUNDS; round++) {
  const got: Partial<Record<Row, number>> = {};
  for (const kind of GETS) {
    const t = await forkTarget(SCRIPT, [kind], env);
    try {
      const r = await measure(t, getExpecting(t.path, kind === 'poll100' ? 100 : 200), N, WARMUP);
      got[kind] = r.us;
      rps[kind].push(r.rps);
    } finally {
      await t.stop();
    }
  }
  // send alone, then send + a long-poll held until the reply (10 ms later): the difference is the long-poll.
  const t = await forkTarget(SCRIPT, ['send'], env);
  try {
    const s = await measure(t, sendStep(false), N / 2, WARMUP / 2);
    const p = await measure(t, sendStep(true), N / 2, WARMUP / 2);
    got.send = s.us;
    got.longpoll = p.us - s.us;
    rps.send.push(s.rps);
    rps.longpoll.push(p.rps);
  } finally {
    await t.stop();
  }
  for (const row of ROWS) {
    us[row].push(got[row]!);
    ratios[row].push(got[row]! / got.bare!);
  }
  console.log(`round ${round}: ${ROWS.map((r) => `${r} ${got[r]!.toFixed(1)} µs`).join(', ')}`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One profiled run of `kind`: summary of the measured window only (no start-up, no warm-up). */
async function profile(kind: 'bare' | 'receive' | 'poll100') {
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-cpuprof-'));
  const t = await forkTarget(SCRIPT, [kind], env, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200']);
  const r = await measure(t, getExpecting(t.path, kind === 'poll100' ? 100 : 200), N, WARMUP);
  await t.stop();
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  const s = summarise(file, r.from, r.to);
  rmSync(dir, { recursive: true, force: true });
  return { ...s, us: r.us };
}
const profiles = PROFILE ? { bare: await profile('bare'), receive: await profile('receive'), poll100: await profile('poll100') } : undefined;

const LABEL: Record<Row, string> = {
  bare: 'bare node:http, same body as receive',
  koa: 'Koa 3 + @koa/router, same body',
  receive: 'GET receive, finished reply (SQLite, LOG_LEVEL=info)',
  poll100: 'GET receive, reply still generating (code 100, partial text)',
  send: 'POST send (fresh session; includes its turn: store writes, queue, engine, settle)',
  longpoll: 'GET receive?wait=10 held until the reply settles (send + long-poll − send)',
  'receive:warn': 'receive, finished reply, LOG_LEVEL=warn (no access log line)',
  'receive:async-log': 'receive, finished reply, pino to an async buffered stdout (minLength 4 KB)',
  'receive:no-metrics': 'receive, finished reply, METRICS=false',
};
const table = ROWS.map(
  (r) => `| ${LABEL[r]} | ${median(us[r]).toFixed(1)} | ${median(ratios[r]).toFixed(2)}× | ${Math.min(...ratios[r]).toFixed(2)}–${Math.max(...ratios[r]).toFixed(2)} | ${median(rps[r]).toFixed(0)} |`,
);
const shares = (xs: Share[], where = false) =>
  xs.map((s) => `| ${s.name} | ${where ? `${s.where ? `\`${s.where}\`` : '(native)'} | ` : ''}${((s.ms * 1000) / N).toFixed(1)} | ${s.percent.toFixed(1)}% |`).join('\n');
const profileMd = (name: string, p: NonNullable<typeof profiles>['receive']) => `### ${name}

${(p.busyMs / N * 1000).toFixed(0)} µs of sampled JavaScript/native time per request (${p.us.toFixed(0)} µs CPU per request in that run, profiler on).

| module (self time) | µs / request | share of busy time |
| --- | ---: | ---: |
${shares(p.modules.slice(0, 16))}

| top functions by self time | where | µs / request | share |
| --- | --- | ---: | ---: |
${shares(p.functions, true)}
`;
const cpu = cpus();
const md = `# Server CPU per request

Script: [cpu-bench.ts](cpu-bench.ts) (\`pnpm --filter @mpchat/bench bench:cpu\`). Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on
${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}; the machine was shared with other work.

## Method

- Each target is its own process, forked by the bench; the bench (another process) loads it over
  ${CONNECTIONS} keep-alive connections to 127.0.0.1. The target reads its own CPU time
  (\`process.cpuUsage()\`: user + system, every thread of the process: JS, GC, libuv pool, SQLite)
  before and after **${N} requests** that follow a ${WARMUP}-request warm-up (send rows: ${N / 2} after ${WARMUP / 2}).
  CPU per request = difference ÷ requests, so the load generator's own CPU and the machine's
  other load do not enter the figure (unlike req/s in bench/http).
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
- ${ROUNDS} rounds of the whole set; every ratio is to bare node:http **of the same round**; the table shows
  medians (and the range of the ratio over the rounds).

## Figures

| target | CPU µs / request (median) | × bare node:http | ratio range | req/s seen |
| --- | ---: | ---: | --- | ---: |
${table.join('\n')}

Target of issue #16 (after the cut): receive and code-100 poll ≤ 3× bare node:http. Today:
receive **${median(ratios.receive).toFixed(2)}×**, code-100 poll **${median(ratios.poll100).toFixed(2)}×** (Koa + router alone: ${median(ratios.koa).toFixed(2)}×).
req/s is informative only: load generator and target share ${cpu.length} cores.

## Where receive time goes (\`--cpu-prof\`, measured window only)

Sampling every 200 µs over the ${N} measured requests (start-up and warm-up cut off by time).
Self time by module: \`server/…\` is this repository's code, named packages are dependencies,
\`(program)\` is V8/native time outside JavaScript (syscalls, libuv, parsing HTTP in C),
\`(garbage collector)\` is GC. Shares are of busy (non-idle) time.

${profiles ? [profileMd('receive, finished reply', profiles.receive), profileMd('receive, code 100', profiles.poll100), profileMd('bare node:http (for scale)', profiles.bare)].join('\n') : '(profiles skipped: BENCH_CPU_PROFILE=0)'}
`;
writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), md);
console.log(table.join('\n'));
process.exit(0);
