import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Words below this idf in general Chinese are common enough to be discounted. */
const COMMON = 8;
/** At or below this idf a word counts only {@link FLOOR} of a rare one. */
const VERY_COMMON = 4;
const FLOOR = 0.2;

let common: Map<string, number> | undefined;

function commonWords(): Map<string, number> {
  if (!common) {
    // jieba's idf.txt ("word idf" a line, from a general corpus), shipped in the npm package.
    // Only the lines below COMMON (idf 0–7.x) are kept; one regular-expression scan of the 6 MB
    // file is a third of the start-up cost of splitting it into 270,000 lines.
    const text = readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8');
    common = new Map();
    for (const [, word, idf] of text.matchAll(/^(\S+) ([0-7](?:\.\d*)?)$/gm)) common.set(word!, Number(idf));
  }
  return common;
}

/**
 * How much a question word says, judged by general Chinese rather than by the knowledge base:
 * 1 for rare and technical words (邻居, 不通, 抓包, any English term), down to 0.2 for everyday
 * words (开始, 一般, 基本). A small knowledge base alone would call 开始 rare, because it
 * happens to occur in one entry, and rank that entry first for "ping不通一般从哪开始查".
 */
export function generalWeight(word: string): number {
  const idf = commonWords().get(word);
  if (idf === undefined) return 1;
  return Math.min(1, Math.max(FLOOR, (idf - VERY_COMMON) / (COMMON - VERY_COMMON)));
}
