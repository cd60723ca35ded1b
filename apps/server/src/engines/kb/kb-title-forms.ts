// Entry titles as the follow-up suggestions read them: compared in a normalised form, and asked
// as short questions. Kept per index: a knowledge base never changes once built.
import type { KnowledgeBase } from './kb-index.js';
import type { KbEntry } from './kb-loader.js';

const ASKS = /怎么|怎样|如何|什么|为什么|吗|哪|区别|要不要|是否|多少|能不能|几种/;
const PROBLEM = /不通|失败|不生效|没有|学不到|不到|不起来|停留|一直|停在|错误|冲突|不了|挡住|打断|不可达|down/i;

/** Lowercase, no spaces or punctuation: how two phrasings of one question compare. */
export const normalize = (text: string) => text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/**
 * What the suggestions read of each index's entry titles, built once per index rather than per
 * answer: the entries by normalised title, and each title's normalised form and question forms.
 */
export interface TitleMemo {
  byTitle: Map<string, KbEntry>;
  normal: Map<string, string>;
  forms: Map<string, string[]>;
}
const titleMemos = new WeakMap<KnowledgeBase, TitleMemo>();

/** The memo of `kb`, made on first use. */
export function titleMemo(kb: KnowledgeBase): TitleMemo {
  let memo = titleMemos.get(kb);
  if (!memo) titleMemos.set(kb, (memo = { byTitle: new Map(kb.entries.map((entry) => [normalize(entry.title), entry])), normal: new Map(), forms: new Map() }));
  return memo;
}

/** `normalize(title)` of an entry title (titles are bounded by the index, so they are kept). */
export function normalTitle(memo: TitleMemo, title: string): string {
  let out = memo.normal.get(title);
  if (out === undefined) memo.normal.set(title, (out = normalize(title)));
  return out;
}

/** `questionForms(title)` of an entry title, kept like {@link normalTitle}. */
export function formsOf(memo: TitleMemo, title: string): string[] {
  let out = memo.forms.get(title);
  if (out === undefined) memo.forms.set(title, (out = questionForms(title)));
  return out;
}

/** The ways to ask for an entry by its title, longest first (see `titleAsQuestion` in kb-suggestions.ts). */
export function questionForms(title: string): string[] {
  // "X：Y" reads as the question X with Y as its aside, like "X（Y）".
  const colon = title.indexOf('：');
  const aside = colon > 0 ? `（${title.slice(colon + 1).trim()}）` : (/[（(][^）)]*[）)]\s*$/.exec(title)?.[0].trim() ?? '');
  const plain = (colon > 0 ? title.slice(0, colon) : title.slice(0, title.length - aside.length)).trim();
  const ask = (text: string) => {
    if (ASKS.test(text)) return `${text}？`;
    if (PROBLEM.test(text)) return `${text}怎么办？`;
    if (/配置$|建邻居$|入门$/.test(text)) return `${text}怎么做？`;
    if (/对照$/.test(text)) return `${text}有哪些？`;
    return `${text}是什么？`;
  };
  // With its aside (it helps the search find the same entry again), then shorter.
  const first = plain.split(/[，:,]/)[0]!.trim();
  return [...new Set([ask(plain) + aside, ask(plain), first.length >= 2 ? ask(first) : ''])].filter(Boolean);
}
