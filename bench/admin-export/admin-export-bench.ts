// Memory of the teachers' export: how much the server's resident memory grows while three exports
// of 100,000 stored rated turns run at once (the feedback export, CSV and JSON), written to RESULTS.md.
//
//   node --conditions=@mpchat/source --expose-gc --import tsx bench/admin-export/admin-export-bench.ts
//
// The server (createApp on a real SQLite file) and the three HTTP clients share this process; the
// clients read each response as a stream and drop the bytes, so what grows is the server's side.
// Baseline: RSS and heap after a forced GC with the data stored and the server idle; peak: the
// highest RSS / heap sampled every 10 ms during the exports. The bound to hold: growth ≤ 50 MB
// (before streaming, three exports of 50,000 rows took a server from 120 MB to 2.3 GB).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp, createKbEngine, LocalBus, LocalQueue, loadConfig, SqliteStore } from '@mpchat/server';

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PARALLEL = 3;
const TOKEN = 'bench-admin-token-000001';
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'mpchat-export-bench-'));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const config = loadConfig({ STORE: 'sqlite', LOG_LEVEL: 'silent', ADMIN_TOKEN: TOKEN, KB_CHUNK_DELAY_MS: '0' });
const store = new SqliteStore(join(dir, 'bench.db'));
const question = '请问BGP协议实验ping不通怎么办? 邻居状态一直是 Active，已经检查过 AS 号。';
const answer = `**BGP实验ping不通怎么办**\n\n${'先看 display bgp peer，State 必须是 Established；'.repeat(8)}`;
const t0 = Date.UTC(2026, 10, 1);
for (let i = 0; i < ROWS; i++) {
  await store.saveFeedback({ sessionId: crypto.randomUUID(), seq: 1 + (i % 7), rating: i % 3 ? 'up' : 'down', comment: i % 5 ? '' : '没有讲 AS 号;=1+1', question, answer, ratedAt: t0 + i });
}
const app = createApp({ config, store, engine: await createKbEngine({ dir: config.KB_DIR, chunkDelayMs: 0 }), bus: new LocalBus(), queue: new LocalQueue(4), logger: pino({ level: 'silent' }) });
const { port } = await app.listen(0, '127.0.0.1');

async function download(path: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

// One warm-up export, so code paths and SQLite's page cache are in the baseline, not the growth.
await download('/admin/feedback?format=csv');
gc();
await new Promise((r) => setTimeout(r, 200));
gc();
const base = process.memoryUsage();
let peakRss = base.rss;
let peakHeap = base.heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);
const cpu0 = process.cpuUsage();
const started = performance.now();
const sizes = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => download(i % 2 ? '/admin/feedback' : '/admin/feedback?format=csv')));
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
await app.close();
rmSync(dir, { recursive: true, force: true });

const rssGrowth = (peakRss - base.rss) / MB;
const heapGrowth = (peakHeap - base.heapUsed) / MB;
const lines = [
  '# Admin export memory',
  '',
  `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
  'The machine was shared with other engineers\' builds and tests at the time (load average above 30 on 2 cores): times are indicative only; memory is what this bench is about.',
  '',
  `${ROWS.toLocaleString('en')} rated turns stored in SQLite; ${PARALLEL} exports at once (CSV, JSON, CSV), ${(sizes.reduce((a, b) => a + b, 0) / MB).toFixed(0)} MB sent in total.`,
  '',
  '| measure | baseline | peak during the exports | growth |',
  '| --- | --- | --- | --- |',
  `| resident memory (RSS) | ${(base.rss / MB).toFixed(0)} MB | ${(peakRss / MB).toFixed(0)} MB | **${rssGrowth.toFixed(1)} MB** |`,
  `| JS heap used | ${(base.heapUsed / MB).toFixed(0)} MB | ${(peakHeap / MB).toFixed(0)} MB | ${heapGrowth.toFixed(1)} MB |`,
  '',
  `Bound: growth ≤ 50 MB — ${rssGrowth <= 50 ? 'held' : '**NOT held**'}. Server CPU for the three exports: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (wall ${wallMs.toFixed(0)} ms).`,
  '',
  'The export reads the store one page (500 rows) at a time after the last row sent and writes each row to the',
  'response as it goes (a Node stream with backpressure), so memory does not depend on the number of rows.',
  '',
];
writeFileSync(RESULTS, lines.join('\n'));
console.log(lines.join('\n'));
if (rssGrowth > 50) process.exitCode = 1;
