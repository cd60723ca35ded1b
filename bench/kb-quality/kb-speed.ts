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

function timeEach(questions: string[], run: (q: string) => unknown): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const start = performance.now();
      run(q);
      samples.push(performance.now() - start);
    }
  }
  const sorted = samples.sort((a, b) => a - b);
  return { p50: p50(sorted), p99: sorted[Math.floor(sorted.length * 0.99)]! };
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
function generateKb(entries: readonly KbEntry[], dir: string): void {
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

/** Start-up in a fresh process: loading jieba, reading and indexing the folder, first answer. */
function startUp(dir: string): { total: number; load: number } {
  const script = fileURLToPath(new URL('./kb-startup.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=@mpchat/source', '--import', 'tsx', script, dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { total: number; load: number };
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
    console.log(`\n| speed (${ROUNDS} rounds of ${texts.length} questions) | p50 | p99 |`);
    console.log('| --- | --- | --- |');
    console.log(`| shipped KB (${kb.size} entries): whole reply decision | ${f(shipped.reply.p50)} | ${f(shipped.reply.p99)} |`);
    console.log(`| shipped KB: retrieval (search) | ${f(shipped.search.p50)} | ${f(shipped.search.p99)} |`);
    console.log(`| shipped KB: BM25 baseline search | ${f(shipped.baseline.p50)} | ${f(shipped.baseline.p99)} |`);
    console.log(`| generated KB (${big.size} entries): whole reply decision | ${f(large.reply.p50)} | ${f(large.reply.p99)} |`);
    console.log(`| generated KB: retrieval (search) | ${f(large.search.p50)} | ${f(large.search.p99)} |`);
    console.log(`\n| start-up in a fresh process (jieba + read + index + first answer) | total | of which read + index |`);
    console.log('| --- | --- | --- |');
    console.log(`| shipped KB | ${f(shippedStart.total)} | ${f(shippedStart.load)} |`);
    console.log(`| generated 10,000-entry KB | ${f(largeStart.total)} | ${f(largeStart.load)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
