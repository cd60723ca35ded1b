import type { HistoryTurn } from '../../ports/engine.js';
import type { KnowledgeBase, WeightedTerm } from './kb-index.js';

/** A question as the ranker should search it. */
export interface ResolvedQuestion {
  terms: WeightedTerm[];
  /** Whether the previous question filled in what this one left out. */
  followUp: boolean;
  /**
   * For a short question that names something of its own and so is searched as it stands: the
   * same question with the previous one's words added beneath it ("怎么引入静态路由" after a RIP
   * question may be about RIP). Worth taking only when it finds an answer more surely.
   */
  inContext?: WeightedTerm[];
}

/** "那…", "还有…", "换成…", "…呢": the student continues the previous question. */
const CONTINUES = /^(那|那么|那如果|那要是|还有|另外|如果是|要是|换成|改成|and|what about)|呢[\s\p{P}]*$/iu;
/** Questions this short without any protocol, tool or state name lean on what came before. */
const SHORT = 3;
/** Up to this many terms, a question that names its own subject may still continue the previous one. */
const CONTEXT_MAX = 6;
/** The new question's words count this much more than the ones kept from the previous question. */
const NEW_WEIGHT = 2;
/** How far back a chain of follow-ups is followed ("OSPF认证怎么配" → "那RIP呢" → "具体命令呢"). */
const MAX_DEPTH = 2;

/**
 * Resolves an elliptical question against the session's previous one. A question that
 * continues ("那RIP呢", "华为上怎么写?", or a few words naming no protocol) is searched with the
 * previous question's words: a name it gives replaces the previous question's subject of the
 * same kind (RIP replaces OSPF, Active replaces Idle) and counts as much as the kept topic; its
 * other words count double; with no words of its own ("为什么?") it is the previous question.
 * Any other question is searched as it is, with the previous question's words added in
 * `inContext` when it is short, for breaking a near tie.
 *
 * @example
 * resolveQuestion(kb, '那RIP呢', [{ user: 'OSPF认证怎么配置', assistant: '…' }])
 * // → { terms: [{ term: 'rip', weight: 1 }, { term: '认证', weight: 1 }, { term: '配置', weight: 1 }], followUp: true }
 */
export function resolveQuestion(kb: KnowledgeBase, message: string, history: readonly HistoryTurn[], depth = 0): ResolvedQuestion {
  const own = kb.queryTerms(message);
  const standalone = { terms: own.map((term) => ({ term, weight: 1 })), followUp: false };
  const previous = history[0];
  if (previous === undefined || depth >= MAX_DEPTH) return standalone;
  const named = kb.entities(own);
  const continues = CONTINUES.test(message.trim()) || (own.length <= SHORT && named.size === 0);
  const before = resolveQuestion(kb, previous.user, history.slice(1), depth + 1).terms;
  if (!continues) {
    const added = before.filter(({ term }) => !own.includes(term));
    // A bare name ("OSPF", "静态路由") asks about that thing as such; only a question that says
    // something about it ("怎么引入静态路由") may lean on the previous one.
    const nameParts = new Set(own.filter((term) => kb.entities([term]).size > 0).flatMap((term) => [term, ...kb.analyze(term)]));
    if (own.length > CONTEXT_MAX || added.length === 0 || own.every((term) => nameParts.has(term))) return standalone;
    return { ...standalone, inContext: [...own.map((term) => ({ term, weight: NEW_WEIGHT })), ...added.map(({ term }) => ({ term, weight: 1 }))] };
  }

  // "为什么?", "具体呢?": nothing of its own to search for, so the previous question's topic is the question.
  if (own.length === 0) return before.length === 0 ? standalone : { terms: before.map(({ term }) => ({ term, weight: 1 })), followUp: true };

  // Each name of the new question replaces one of the same kind in the previous question, the
  // first named there (its subject): after "RIP怎么下发默认路由", "那OSPF呢" swaps RIP and keeps
  // 默认路由 (a protocol-kind name too). Replaced names take their parts along (easy-ip: easy, ip).
  const replaced = new Set<string>();
  for (const [kind, families] of named) {
    const earlier = [...new Set(before.flatMap(({ term }) => [...(kb.entities([term]).get(kind) ?? [])]))].filter((f) => !families.has(f));
    for (const family of earlier.slice(0, families.size)) replaced.add(family);
    // The same family under another name (NAT after Easy IP) replaces that name too.
    for (const family of families) if (before.some(({ term }) => !own.includes(term) && kb.entities([term]).get(kind)?.has(family))) replaced.add(family);
  }
  const dropped = new Set(
    before.filter(({ term }) => [...kb.entities([term]).values()].some((families) => [...families].some((f) => replaced.has(f)))).flatMap(({ term }) => kb.analyze(term)),
  );
  const kept = before.filter(({ term }) => !dropped.has(term) && !own.includes(term));
  if (kept.length === 0) return standalone;
  // A name that only swaps another is held to by entity agreement; weighed double as well, it
  // would outweigh the topic kept from the previous question ("那OSPF呢" is about OSPF's 默认路由).
  const swaps = new Set(own.filter((term) => replaced.size > 0 && kb.entities([term]).size > 0));
  return {
    terms: [...own.map((term) => ({ term, weight: swaps.has(term) ? 1 : NEW_WEIGHT })), ...kept.map(({ term }) => ({ term, weight: 1 }))],
    followUp: true,
  };
}
