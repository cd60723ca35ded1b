/**
 * Answer quality of the built-in knowledge-base engine on bench/kb-quality/questions.txt, next
 * to a plain BM25 baseline in the same run, then retrieval speed on the shipped KB and on a
 * generated 10,000-entry KB. `pnpm --filter @mpchat/bench bench:kb-quality` (add `--quality`
 * to skip the speed part).
 */
import { fileURLToPath } from 'node:url';
import { composeReply, DEFAULT_MIN_CONFIDENCE, KnowledgeBase } from '@mpchat/server';
import { Bm25Baseline } from './bm25-baseline.js';
import { readQuestions, type Question } from './question-set.js';
import { speed } from './kb-speed.js';

const KB_DIR = fileURLToPath(new URL('../../apps/server/kb/', import.meta.url));
const minConfidence = Number(process.env.MIN_CONFIDENCE ?? DEFAULT_MIN_CONFIDENCE);
const verbose = process.argv.includes('--verbose');

interface Outcome {
  q: Question;
  /** Entry the reply presents as the answer, if any. */
  answered?: string;
  top3: string[];
}

const kb = await KnowledgeBase.load(KB_DIR);
const baseline = new Bm25Baseline(kb.entries);
const questions = readQuestions(new URL('./questions.txt', import.meta.url));

function ours(q: Question): Outcome {
  const history = q.previous ? [{ user: q.previous, assistant: composeReply(kb, q.previous, [], { minConfidence, suggestions: 3 }).text }] : [];
  const reply = composeReply(kb, q.question, history, { minConfidence, suggestions: 3 });
  return { q, answered: reply.best?.entry.id, top3: reply.ranked.slice(0, 3).map((h) => h.entry.id) };
}

function theirs(q: Question): Outcome {
  const top3 = baseline.search(q.question, 3);
  return { q, answered: top3[0], top3 };
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`);

function score(outcomes: Outcome[]) {
  const single = outcomes.filter((o) => o.q.kind === 'entry' && !o.q.previous);
  const follow = outcomes.filter((o) => o.q.kind === 'entry' && o.q.previous);
  const outside = outcomes.filter((o) => o.q.kind !== 'entry');
  const hit = (o: Outcome) => o.answered !== undefined && o.q.expected.includes(o.answered);
  const noMatchReplies = outcomes.filter((o) => o.answered === undefined);
  return {
    top1: pct(single.filter(hit).length, single.length),
    top3: pct(single.filter((o) => o.top3.some((id) => o.q.expected.includes(id))).length, single.length),
    wrong: pct(single.filter((o) => o.answered !== undefined && !hit(o)).length, single.length),
    honest: pct(outside.filter((o) => o.answered === undefined).length, outside.length),
    noMatchPrecision: pct(noMatchReplies.filter((o) => o.q.kind !== 'entry').length, noMatchReplies.length),
    followUp: pct(follow.filter(hit).length, follow.length),
  };
}

const rows: [string, string][] = [
  ['top-1 (in-KB single questions)', 'top1'],
  ['top-3 (in-KB single questions)', 'top3'],
  ['confident wrong answer (in-KB)', 'wrong'],
  ['out-of-KB + chit-chat answered honestly', 'honest'],
  ['no-match precision (no-match replies that were right)', 'noMatchPrecision'],
  ['two-turn follow-ups, top-1', 'followUp'],
];
const results = {
  oursDev: score(questions.filter((q) => q.split === 'dev').map(ours)),
  oursHeld: score(questions.filter((q) => q.split === 'held-out').map(ours)),
  baseDev: score(questions.filter((q) => q.split === 'dev').map(theirs)),
  baseHeld: score(questions.filter((q) => q.split === 'held-out').map(theirs)),
};
const counts = (split: string) => questions.filter((q) => q.split === split).length;
console.log(`questions: ${questions.length} (dev ${counts('dev')}, held-out ${counts('held-out')}); minConfidence ${minConfidence}\n`);
console.log('| metric | engine, dev | engine, held-out | BM25 baseline, dev | BM25 baseline, held-out |');
console.log('| --- | --- | --- | --- | --- |');
for (const [label, key] of rows) {
  const k = key as keyof ReturnType<typeof score>;
  console.log(`| ${label} | ${results.oursDev[k]} | ${results.oursHeld[k]} | ${results.baseDev[k]} | ${results.baseHeld[k]} |`);
}

if (verbose) {
  const title = (id?: string) => (id ? kb.entries.find((e) => e.id === id)?.title : '(no match)');
  for (const q of questions.filter((q) => q.split === 'dev' || process.argv.includes('--all'))) {
    const o = ours(q);
    const ok = q.kind === 'entry' ? o.answered !== undefined && q.expected.includes(o.answered) : o.answered === undefined;
    if (!ok) console.log(`✘ [${q.n}] ${q.previous ? `${q.previous} >> ` : ''}${q.question}\n    want ${q.expected.map(title).join(' | ') || q.kind}\n    got  ${title(o.answered)}; top3 ${o.top3.map(title).join(' / ')}`);
  }
}

if (!process.argv.includes('--quality')) await speed(kb, baseline, questions, KB_DIR, minConfidence);
