import type { WeightedTerm } from './kb-bm25.js';
import { generalWeight } from './kb-general-idf.js';

/**
 * A term found only in an entry's body is worth this much of one in its title, for confidence
 * (0.5 and 0.4 were tried on the dev set: fewer in-KB questions answered, no fewer wrong answers).
 */
const BODY_SHARE = 0.75;
/** …and an entry whose title holds none of the question's words is rarely what was asked. */
const BODY_ONLY_SHARE = 0.6;

/** What {@link matchShares} reads of an index. */
export interface MatchView {
  /** Where `term` occurs in entry `doc`: 'title', 'body' (only), or undefined. */
  where(term: string, doc: number): 'title' | 'body' | undefined;
  /** The entry's distinct title terms. */
  titleTerms(doc: number): readonly string[];
  /** How much a term tells entries apart (its idf). */
  information(term: string): number;
}

/** How much of a question an entry holds, as shares of 0–1. */
export interface MatchShares {
  /** The question's terms the entry contains. */
  found: string[];
  /** Share of the question's information in the entry, body words counting less, or the title recall if larger. */
  coverage: number;
  /** Share of the question's information in the entry's title. */
  inTitle: number;
  /** Share of the entry's title (by information) that the question names. */
  titleRecall: number;
}

/**
 * The shares of a question (terms already weighted, with their information) that entry `doc`
 * holds. A long question with a lot of background has a low coverage, but it still names
 * everything its entry's title does: the title recall stands in for it then.
 */
export function matchShares(view: MatchView, doc: number, terms: readonly WeightedTerm[], information: ReadonlyMap<string, number>): MatchShares {
  const total = terms.reduce((sum, t) => sum + t.weight * information.get(t.term)!, 0) || 1;
  const found: string[] = [];
  let held = 0;
  let heldInTitle = 0;
  for (const { term, weight } of terms) {
    const where = view.where(term, doc);
    if (where === undefined) continue;
    found.push(term);
    const info = weight * information.get(term)!;
    if (where === 'title') heldInTitle += info;
    held += (where === 'title' ? 1 : BODY_SHARE) * info;
  }
  const titleRecall = recall(view, doc, new Set(terms.map((t) => t.term)));
  const coverage = Math.max(Math.min(1, held / total) * (heldInTitle > 0 ? 1 : BODY_ONLY_SHARE), titleRecall);
  return { found, coverage, inTitle: Math.min(1, heldInTitle / total), titleRecall };
}

/**
 * Share of a question's information in entry `doc`'s title, with the terms' information as
 * `information` gives it (the entity-conditional one when ranking within a protocol's entries).
 */
export function titleShare(view: MatchView, doc: number, terms: readonly WeightedTerm[], information: (term: string) => number): number {
  let total = 0;
  let inTitle = 0;
  for (const { term, weight } of terms) {
    const info = weight * information(term);
    total += info;
    if (view.where(term, doc) === 'title') inTitle += info;
  }
  return total === 0 ? 0 : inTitle / total;
}

function recall(view: MatchView, doc: number, asked: ReadonlySet<string>): number {
  let total = 0;
  let held = 0;
  for (const term of view.titleTerms(doc)) {
    const info = view.information(term) * generalWeight(term);
    total += info;
    if (asked.has(term)) held += info;
  }
  return total === 0 ? 0 : held / total;
}
