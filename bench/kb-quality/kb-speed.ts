import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeReply, KnowledgeBase } from '@mpchat/server';
import { generateKb } from './kb-generate.js';
import type { Bm25Baseline } from './bm25-baseline.js';
import type { Question } from './question-set.js';

const ROUNDS = 5;

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall-clock p50 and p99 per question, and the mean CPU time per question of this process. */
function timeEach(questions: string[], run: (q: string) => unknown): { p50: number; p99: number; cpu: number } {
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const start = performance.now();
      run(q);
      samples.push(performance.now() - start);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  const sorted = samples.sort((a, b) => a - b);
  return { p50: p50(sorted), p99: sorted[Math.floor(sorted.length * 0.99)]!, cpu: (cpu.user + cpu.system) / 1000 / samples.length };
}

/** Start-up in a fresh process: loading jieba and the word weights, reading and indexing the folder, first answer. */
function startUp(dir: string): { wall: number; cpu: number; rebuild: number; rebuildSynonyms: number } {
  const script = fileURLToPath(new URL('./kb-startup.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', script, dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ReturnType<typeof startUp>;
}

/** Prints the speed figures (ms, wall clock on this machine). */
export async function speed(kb: KnowledgeBase, baseline: Bm25Baseline, questions: Question[], kbDir: string, minConfidence: number): Promise<void> {
  const texts = questions.map((q) => q.question);
  const options = { minConfidence, suggestions: 3 };
  const shipped = {
    reply: timeEach(texts, (q) => composeReply(kb, q, [], options)),
    search: timeEach(texts, (q) => kb.search(q, 10)),
    baseline: timeEach(texts, (q) => baseline.search(q, 10)),
  };
  const dir = mkdtempSync(join(tmpdir(), 'kb-10k-'));
  try {
    mkdirSync(dir, { recursive: true });
    generateKb(kb.entries, dir);
    const big = await KnowledgeBase.load(dir);
    const large = {
      reply: timeEach(texts, (q) => composeReply(big, q, [], options)),
      search: timeEach(texts, (q) => big.search(q, 10)),
    };
    const shippedStart = startUp(kbDir);
    const largeStart = startUp(dir);
    // The same size with nearly every run of Chinese text its own: the generated entries above
    // repeat the shipped bodies, which flatters anything remembered per text.
    const distinctDir = join(dir, 'distinct');
    mkdirSync(distinctDir);
    generateKb(kb.entries, distinctDir, { distinct: true });
    const distinctStart = startUp(distinctDir);
    const f = (n: number) => `${n.toFixed(2)} ms`;
    const row = (label: string, t: { p50: number; p99: number; cpu: number }) => console.log(`| ${label} | ${f(t.p50)} | ${f(t.p99)} | ${f(t.cpu)} |`);
    console.log(`\n| per question (${ROUNDS} rounds of ${texts.length} questions) | p50 wall | p99 wall | mean CPU |`);
    console.log('| --- | --- | --- | --- |');
    row(`shipped KB (${kb.size} entries): whole reply decision`, shipped.reply);
    row('shipped KB: retrieval (search)', shipped.search);
    row('shipped KB: BM25 baseline search', shipped.baseline);
    row(`generated KB (${big.size} entries): whole reply decision`, large.reply);
    row('generated KB: retrieval (search)', large.search);
    console.log('\n| start-up in a fresh process (jieba + word weights + read + index + first answer) | wall | CPU | rebuild CPU, one entry edited | rebuild CPU, synonyms edited |');
    console.log('| --- | --- | --- | --- | --- |');
    const startRow = (label: string, s: ReturnType<typeof startUp>) =>
      console.log(`| ${label} | ${f(s.wall)} | ${f(s.cpu)} | ${f(s.rebuild)} | ${f(s.rebuildSynonyms)} |`);
    startRow('shipped KB', shippedStart);
    startRow('generated 10,000-entry KB', largeStart);
    startRow('generated 10,000-entry KB, distinct text', distinctStart);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
