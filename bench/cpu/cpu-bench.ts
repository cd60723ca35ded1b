// Server CPU per request: each target in its own process, loaded over keep-alive from this one;
// CPU read by the target itself (process.cpuUsage: user + system, all threads) before and after a
// burst of N requests. All targets live for the whole run; each round gives every row one burst,
// in rotating order; medians go to RESULTS.md. Then one `--cpu-prof` run each of receive, the
// code-100 poll and bare node:http, summarised by module.
//   BENCH_CPU_REQUESTS (5000 per row and round) BENCH_CPU_WARMUP (3000) BENCH_CPU_ROUNDS (5)
//   BENCH_CPU_CONNECTIONS (16) BENCH_CPU_PROFILE (1) BENCH_CPU_PROFILE_REQUESTS (20000)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results-file.js';
import { forkTarget, type Target } from './fork-target.js';
import { getExpecting, runSteps, sendStep, type Step } from './keepalive-load.js';
import { cpuResultsMarkdown } from './cpu-report.js';
import { summarise } from './profile-summary.js';

const N = Number(process.env.BENCH_CPU_REQUESTS ?? 5_000);
const WARMUP = Number(process.env.BENCH_CPU_WARMUP ?? 3_000);
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CPU_CONNECTIONS ?? 16);
const PROFILE = process.env.BENCH_CPU_PROFILE !== '0';
const PROFILE_N = Number(process.env.BENCH_CPU_PROFILE_REQUESTS ?? 20_000);
const SCRIPT = fileURLToPath(new URL('./cpu-target.ts', import.meta.url));

/** µs of target CPU per step over `n` steps (after an optional warm-up), and the steps per second seen. */
async function measure(t: Target, step: Step, n: number, warmup = 0): Promise<{ us: number; rps: number; from: number; to: number }> {
  if (warmup) await runSteps(t.port, step, warmup, CONNECTIONS);
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

// Every target runs for the whole bench; each round gives each row one burst, in a rotating order,
// so a change in the machine's other load hits all rows alike and the ratios are of neighbours in time.
const targets = new Map<string, Target>();
for (const kind of [...GETS, 'send']) targets.set(kind, await forkTarget(SCRIPT, [kind], env));
const steps: Record<Row, { target: Target; step: Step; n: number }> = Object.fromEntries(
  ROWS.map((row) => {
    const target = targets.get(row === 'send' || row === 'longpoll' ? 'send' : row)!;
    const step = row === 'send' ? sendStep(false) : row === 'longpoll' ? sendStep(true) : getExpecting(target.path, row === 'poll100' ? 100 : 200);
    return [row, { target, step, n: row === 'send' || row === 'longpoll' ? N / 2 : N }];
  }),
) as Record<Row, { target: Target; step: Step; n: number }>;
for (const row of ROWS) await runSteps(steps[row].target.port, steps[row].step, row === 'send' || row === 'longpoll' ? WARMUP / 2 : WARMUP, CONNECTIONS);

for (let round = 1; round <= ROUNDS; round++) {
  const got: Partial<Record<Row, number>> = {};
  for (let k = 0; k < ROWS.length; k++) {
    const row = ROWS[(k + round) % ROWS.length]!;
    const { target, step, n } = steps[row];
    const r = await measure(target, step, n);
    got[row] = r.us;
    rps[row].push(r.rps);
  }
  // The long-poll row ran send + long-poll; the long-poll is that pair minus send alone.
  got.longpoll = got.longpoll! - got.send!;
  for (const row of ROWS) {
    us[row].push(got[row]!);
    ratios[row].push(got[row]! / got.bare!);
  }
  console.log(`round ${round}: ${ROWS.map((r) => `${r} ${got[r]!.toFixed(1)} µs`).join(', ')}`);
}
for (const t of targets.values()) await t.stop();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One profiled run of `kind`: summary of the measured window only (no start-up, no warm-up). */
async function profile(kind: 'bare' | 'receive' | 'poll100') {
  const dir = mkdtempSync(join(tmpdir(), 'mpchat-cpuprof-'));
  const t = await forkTarget(SCRIPT, [kind], env, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200']);
  const r = await measure(t, getExpecting(t.path, kind === 'poll100' ? 100 : 200), PROFILE_N, WARMUP);
  await t.stop();
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  const s = summarise(file, r.from, r.to);
  rmSync(dir, { recursive: true, force: true });
  return { ...s, us: r.us, requests: PROFILE_N };
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
const md = cpuResultsMarkdown({
  requests: N,
  warmup: WARMUP,
  rounds: ROUNDS,
  connections: CONNECTIONS,
  rows: ROWS.map((r) => ({ label: LABEL[r], us: median(us[r]), ratio: median(ratios[r]), minRatio: Math.min(...ratios[r]), maxRatio: Math.max(...ratios[r]), rps: median(rps[r]) })),
  receive: median(ratios.receive),
  poll100: median(ratios.poll100),
  koa: median(ratios.koa),
  profiles: profiles
    ? [
        { name: 'receive, finished reply', ...profiles.receive },
        { name: 'receive, code 100', ...profiles.poll100 },
        { name: 'bare node:http (for scale)', ...profiles.bare },
      ]
    : [],
});
writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), md);
console.log(ROWS.map((r) => `${r}: ${median(us[r]).toFixed(1)} µs, ${median(ratios[r]).toFixed(2)}×`).join('\n'));
process.exit(0);
