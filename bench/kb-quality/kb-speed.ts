import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeReply, KnowledgeBase, type KbEntry } from '@mpchat/server';
import type { Bm25Baseline } from './bm25-baseline.js';
import type { Question } from './question-set.js';

const ROUNDS = 5;
const GENERATED = 10_000;

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

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same KB. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 10,000-entry knowledge base in the shipped format: each entry is a shipped entry's title and
 * body with made-up device names, lab numbers and Chinese words mixed in, so the vocabulary grows
 * with the size as a real course's would (about 30,000 distinct new words).
 */
export function generateKb(entries: readonly KbEntry[], dir: string): void {
  const rand = random(42);
  const han = '网络设备端口链路协议地址路由交换配置实验拓扑命令接口状态邻居报文主机服务器区域掩码学号小组课程机房教室';
  const word = () => Array.from({ length: 2 }, () => han[Math.floor(rand() * han.length)]).join('') + Math.floor(rand() * 40);
  const files = 20;
  for (let f = 0; f < files; f++) {
    let text = `# 生成的主题 ${f + 1}\n\n`;
    for (let i = 0; i < GENERATED / files; i++) {
      const source = entries[Math.floor(rand() * entries.length)]!;
      const lab = `lab${Math.floor(rand() * 3000)}`;
      text += `## ${source.title} ${lab} ${word()}\n${source.body}\n实验 ${lab} 设备 dev${Math.floor(rand() * 5000)}，${word()}、${word()}。\n\n`;
    }
    writeFileSync(join(dir, `${String(f + 1).padStart(2, '0')}-generated.md`), text);
  }
}

/** Start-up in a fresh process: loading jieba and the word weights, reading and indexing the folder, first answer. */
function startUp(dir: string): { wall: number; cpu: number } {
  const script = fileURLToPath(new URL('./kb-startup.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', script, dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { wall: number; cpu: number };
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
    const f = (n: number) => `${n.toFixed(2)} ms`;
    const row = (label: string, t: { p50: number; p99: number; cpu: number }) => console.log(`| ${label} | ${f(t.p50)} | ${f(t.p99)} | ${f(t.cpu)} |`);
    console.log(`\n| per question (${ROUNDS} rounds of ${texts.length} questions) | p50 wall | p99 wall | mean CPU |`);
    console.log('| --- | --- | --- | --- |');
    row(`shipped KB (${kb.size} entries): whole reply decision`, shipped.reply);
    row('shipped KB: retrieval (search)', shipped.search);
    row('shipped KB: BM25 baseline search', shipped.baseline);
    row(`generated KB (${big.size} entries): whole reply decision`, large.reply);
    row('generated KB: retrieval (search)', large.search);
    console.log('\n| start-up in a fresh process (jieba + word weights + read + index + first answer) | wall | CPU |');
    console.log('| --- | --- | --- |');
    console.log(`| shipped KB | ${f(shippedStart.wall)} | ${f(shippedStart.cpu)} |`);
    console.log(`| generated 10,000-entry KB | ${f(largeStart.wall)} | ${f(largeStart.cpu)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
