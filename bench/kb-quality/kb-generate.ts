import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbEntry } from '@mpchat/server';

const GENERATED = 10_000;

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
 * with the size as a real course's would (about 30,000 distinct new words). The bodies are the
 * shipped ones, so most sentences recur; with `distinct`, a made-up two-character word after each
 * Chinese punctuation mark makes nearly every run of Chinese text between marks its own.
 */
export function generateKb(entries: readonly KbEntry[], dir: string, options: { distinct?: boolean } = {}): void {
  const rand = random(42);
  const han = '网络设备端口链路协议地址路由交换配置实验拓扑命令接口状态邻居报文主机服务器区域掩码学号小组课程机房教室';
  const hanWord = () => Array.from({ length: 2 }, () => han[Math.floor(rand() * han.length)]).join('');
  const word = () => Array.from({ length: 2 }, () => han[Math.floor(rand() * han.length)]).join('') + Math.floor(rand() * 40);
  const files = 20;
  for (let f = 0; f < files; f++) {
    let text = `# 生成的主题 ${f + 1}\n\n`;
    for (let i = 0; i < GENERATED / files; i++) {
      const source = entries[Math.floor(rand() * entries.length)]!;
      const lab = `lab${Math.floor(rand() * 3000)}`;
      const body = options.distinct ? source.body.replace(/[，。、；：]/g, (mark) => mark + hanWord()) : source.body;
      text += `## ${source.title} ${lab} ${word()}\n${body}\n实验 ${lab} 设备 dev${Math.floor(rand() * 5000)}，${word()}、${word()}。\n\n`;
    }
    writeFileSync(join(dir, `${String(f + 1).padStart(2, '0')}-generated.md`), text);
  }
}
