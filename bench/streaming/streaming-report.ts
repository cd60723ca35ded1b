import { cpus, loadavg, totalmem } from 'node:os';

/** What one ramp level measured. */
export interface Level {
  n: number;
  /** Whether this is the second attempt at a level that broke once. */
  retry: boolean;
  p50: number;
  p99: number;
  max: number;
  pieces: number;
  missing: number;
  replied: number;
  errors: number;
  wallMs: number;
  /** Median pieces per second per stream out of the engine (a starved fake provider slows down). */
  rate: number;
  /** Server CPU µs per text piece streamed (store write, publish, frame), whole level included. */
  usPerPiece: number;
  /** CPU used during the level, in % of one core. */
  server: number;
  fake: number;
  clients: number;
}

/** What the instances run on: one instance per store, or two sharing MySQL and Redis. */
export const SETUPS = ['sqlite', 'redis', 'mysql', 'mysql + redis × 2'] as const;
export type Setup = (typeof SETUPS)[number];

/** Pieces per second per stream each engine is built to give: the fake model's 30, kb's 12 characters every 15 ms. */
const NOMINAL = { openai: 30, kb: 1000 / 15 };

/** One ramp: a server (this checkout, or the baseline before it), a setup and an engine, levels in order until the first that broke the target. */
export interface Ramp {
  server: 'before' | 'after';
  store: Setup;
  engine: 'kb' | 'openai';
  levels: Level[];
}

/** Memory per held request, in bytes. */
export interface Held {
  heap: number;
  rss: number;
  held: number;
}

/**
 * Whether a level met the target: p99 within it, every stream replied, no text piece lost, and each
 * stream got at least 85% of its engine's nominal rate (median): a server that keeps the gap only
 * because the engine slowed down has not held the load.
 */
export const met = (l: Level, targetMs: number, engine: 'kb' | 'openai'): boolean =>
  l.p99 <= targetMs && l.replied === l.n && l.missing === 0 && l.rate >= 0.85 * NOMINAL[engine];

/** The generated part of bench/streaming/RESULTS.md. */
export function streamingResultsMarkdown(runs: Ramp[], LEVELS: number[], TARGET_MS: number, server?: Held, bare?: Held, loadAtStart?: number): string {
  const kb = (b: number) => (b / 1024).toFixed(2);
const passing = (ls: Level[], e: Ramp['engine']) => ls.filter((l) => met(l, TARGET_MS, e)).at(-1)?.n ?? 0;
  const broke = (ls: Level[], e: Ramp['engine']) => (met(ls.at(-1)!, TARGET_MS, e) ? undefined : ls.at(-1)!.n);
const rows = runs.flatMap(({ server, store, engine, levels }) =>
  levels.map(
    (l) =>
      `| ${server} | ${store} | ${engine === 'kb' ? 'kb' : 'fake LLM 30 tok/s'} | ${l.n}${l.retry ? ' (again)' : ''} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.max.toFixed(0)} | ${l.replied}/${l.n} | ${l.rate.toFixed(0)} | ${l.usPerPiece.toFixed(0)} | ${l.server.toFixed(0)}% | ${l.fake ? `${l.fake.toFixed(0)}%` : '—'} | ${l.clients.toFixed(0)}% | ${met(l, TARGET_MS, engine) ? 'ok' : '**broken**'} |`,
  ),
);
const cpuAt = (ls: Level[], e: Ramp['engine']) => ls.filter((l) => met(l, TARGET_MS, e)).at(-1)?.usPerPiece;
const summary = runs.map(({ server, store, engine, levels }) => `| ${server} | ${store} | ${engine === 'kb' ? 'kb' : 'fake LLM 30 tok/s'} | **${passing(levels, engine)}** | ${cpuAt(levels, engine)?.toFixed(0) ?? '—'} | ${broke(levels, engine) === undefined ? `(ramp ended at ${LEVELS.at(-1)} without breaking)` : `broke at ${broke(levels, engine)} twice`} |`);
const cpu = cpus();
return `# Streaming capacity and held long-polls

Script: [streaming-bench.ts](streaming-bench.ts) (\`pnpm --filter @mpchat/bench bench:streaming\`). Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on
${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}; load average (1 min) ${loadAtStart === undefined ? '' : `${loadAtStart.toFixed(1)} when the run started, `}${loadavg()[0]!.toFixed(1)} when it ended.

## Capacity summary (p99 gap ≤ ${TARGET_MS} ms, each stream at ≥ 85% of its nominal rate)

"before" is the baseline server given by \`BENCH_BASE_SRC\` (a copy of an earlier commit, same run);
"after" is this checkout. With two instances, streams are split between them and CPU is both summed.

| server | setup | engine | most concurrent streams that held the target | server CPU µs / piece there | |
| --- | --- | --- | ---: | ---: | --- |
${summary.join('\n')}

## Ramp

| server | setup | engine | streams | gap p50 ms | gap p99 ms | gap max ms | replies | pieces/s per stream | server CPU µs / piece | server CPU | fake LLM CPU | clients CPU | |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

A level that broke once was run again ("again"); the ramp stops at the second break.
CPU columns are % of one core over the level (${cpu.length} cores = ${cpu.length * 100}%).
${server && bare ? `
## Memory per held long-poll (${server.held} held, after gc)

| server | heap per held request | RSS per held request |
| --- | ---: | ---: |
| mpchat (SQLite; each session has a reply generating, each \`receive?wait=25\` waits for it) | ${kb(server.heap)} KB | ${kb(server.rss)} KB |
| bare node:http holding the request unanswered | ${kb(bare.heap)} KB | ${kb(bare.rss)} KB |

Measured as the difference before/after opening the ${server.held} requests (sessions and their turns
already existed before the first reading), so the figure is the long-poll alone: socket, request,
Koa context, waiter, abort signal.
` : ''}`;
}
