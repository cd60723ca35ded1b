import type { KbHit, KnowledgeBase } from './kb-index.js';
import { formsOf, normalize, normalTitle, questionForms, titleMemo } from './kb-title-forms.js';

/** What an answer drew on: the question and the knowledge-base sections it used, best first. */
export interface AnsweredTurn {
  /** The student's question, as sent. */
  question: string;
  /**
   * Titles of the entries the answer used, best first: the entry that answered (kb engine) or
   * the sections put into the prompt (openai engine). None of them is suggested again.
   */
  sources: readonly { title: string }[];
  /**
   * The question's own search, best first, when the caller already ran it (`kb.search(question)`
   * with a limit of at least {@link QUESTION_HITS}): searching a question is most of what a
   * suggestion costs, and an engine that grounded its answer in that same search need not repeat it.
   */
  questionHits?: readonly KbHit[];
}

/** How many of the question's own hits weigh in (see {@link AnsweredTurn.questionHits}). */
export const QUESTION_HITS = 10;

/** Tuning of {@link suggestFollowUps}. */
export interface SuggestionOptions {
  /** How many questions at most (capped at 3, what a phone shows as chips). Default 3. */
  limit?: number;
  /** Longest suggestion in characters; longer titles are shortened or left out. Default 32. */
  maxLength?: number;
}

const MAX_SUGGESTIONS = 3;
/** Candidates must reach this share of the best candidate's score: related, not tangents. */
const RELATED_SHARE = 0.3;
/** The question itself finds candidates too, weighted below the sections the answer used. */
const QUESTION_WEIGHT = 0.5;
/** How far ahead of the runner-up a suggestion must find its own entry. */
const CLEAR_LEAD = 1.2;
/** Entries of the same chapter as the answer's first section are likelier next questions. */
const SAME_TOPIC_BOOST = 1.5;
/** How much of a used section's body joins its title in the search for related entries. */
const BODY_CHARS = 200;

/**
 * Searches whose query is made from an entry (its title and body start, or a question made of its
 * title), kept per index: the same few sections answer most questions of a course, and these
 * searches were most of an answer's cost (milliseconds per reply, at hundreds of replies at once).
 * A knowledge base never changes once built, and these queries are bounded by its entries.
 */
const entrySearches = new WeakMap<KnowledgeBase, Map<string, KbHit[]>>();

function searchForEntry(kb: KnowledgeBase, query: string, limit: number): KbHit[] {
  let memo = entrySearches.get(kb);
  if (!memo) entrySearches.set(kb, (memo = new Map()));
  const key = `${limit}\u0000${query}`;
  let hits = memo.get(key);
  if (!hits) memo.set(key, (hits = kb.search(query, limit)));
  return hits;
}

/**
 * Whether searching `question` finds entry `id` first and ahead of the next, so that the engine
 * answering it picks that entry ("RIP怎么配置？" alone finds four RIP entries about as well).
 */
function findsClearly(kb: KnowledgeBase, question: string, id: string): boolean {
  const [first, second] = searchForEntry(kb, question, 2);
  return first?.entry.id === id && (second === undefined || first.score >= CLEAR_LEAD * second.score);
}

/**
 * An entry title as a short question a student could tap: a problem asked about
 * ("…一直停留在Init状态" → "…怎么办？"), a topic asked to be explained, an aside kept after the
 * question mark ("静态路由怎么配置（ip route-static）" → "静态路由怎么配置？（ip route-static）")
 * or dropped when too long. Undefined when even the part before the first "，" is longer than
 * `maxLength`.
 */
export function titleAsQuestion(title: string, maxLength: number): string | undefined {
  return questionForms(title).find((question) => question.length <= maxLength);
}

/**
 * Up to three short follow-up questions for an answer: entries related to the sections the
 * answer used (and to the question), phrased as questions — never a section the answer used,
 * never the question just asked, no two alike. Pure: it reads the index and nothing else.
 *
 * @example
 * const [best] = kb.search(question, 1);
 * suggestFollowUps(kb, { question, sources: [{ title: best.entry.title }] });
 * // ['BGP路由表里有路由但没有被选为最优怎么办？', …]
 */
export function suggestFollowUps(kb: KnowledgeBase, turn: AnsweredTurn, options: SuggestionOptions = {}): string[] {
  const limit = Math.max(0, Math.min(MAX_SUGGESTIONS, options.limit ?? MAX_SUGGESTIONS));
  const maxLength = options.maxLength ?? 32;
  const asked = normalize(turn.question);
  const used = new Set(turn.sources.map((s) => normalize(s.title)));

  // Each entry's score: found from each used section's title (weighted by its rank) and the question.
  const scores = new Map<string, { id: string; title: string; score: number }>();
  const memo = titleMemo(kb);
  const { byTitle } = memo;
  const topic = turn.sources.length > 0 ? byTitle.get(normalize(turn.sources[0]!.title))?.topic : undefined;
  const add = (hits: readonly KbHit[], weight: number) => {
    for (const hit of hits) {
      const seen = scores.get(hit.entry.id) ?? { id: hit.entry.id, title: hit.entry.title, score: 0 };
      seen.score += hit.score * weight * (hit.entry.topic === topic ? SAME_TOPIC_BOOST : 1);
      scores.set(hit.entry.id, seen);
    }
  };
  // A section is found by its title and the start of its body, which names its subject's
  // commands and terms ("BGP实验ping不通" alone would find the generic ping entries).
  turn.sources.forEach((source, rank) => {
    const entry = byTitle.get(normalize(source.title));
    // A title that is no entry's (a section since removed) is searched afresh, not kept.
    add(entry ? searchForEntry(kb, `${entry.title} ${entry.body.slice(0, BODY_CHARS)}`, 10) : kb.search(source.title, 10), 1 / (rank + 1));
  });
  if (turn.question.trim()) add(turn.questionHits?.slice(0, QUESTION_HITS) ?? kb.search(turn.question, QUESTION_HITS), QUESTION_WEIGHT);

  // Not what the answer already covered, not (a rephrasing of) the question just asked.
  const fresh = (key: string) => !used.has(key) && key !== asked && !(key.length >= 4 && asked.includes(key));
  const ranked = [...scores.values()].filter((c) => fresh(normalTitle(memo, c.title))).sort((a, b) => b.score - a.score);
  const floor = (ranked[0]?.score ?? 0) * RELATED_SHARE;
  const out: string[] = [];
  const shown = new Set<string>([asked]);
  for (const { id, title, score } of ranked) {
    if (out.length >= limit || score < floor) break;
    // The first (fullest) phrasing that fits and, tapped, clearly finds this entry again.
    const question = formsOf(memo, title).find((q) => q.length <= maxLength && findsClearly(kb, q, id));
    if (question === undefined || shown.has(normalize(question))) continue;
    shown.add(normalize(question));
    out.push(question);
  }
  return out;
}
