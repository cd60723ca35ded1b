import type { KbEntry } from './kb-parser.js';

/** A search result. */
export interface KbHit {
  entry: KbEntry;
  /** BM25F score times entity agreement (unbounded; comparable within one index). */
  score: number;
  /** The query terms this entry contains, in title or body. */
  terms: string[];
  /**
   * How sure the index is that this entry answers the question, 0–1: the share of the question's
   * information (idf-weighted terms, words no entry has counting fully) that the entry holds,
   * times its entity agreement, cut further when the question names something no entry covers.
   */
  confidence: number;
}

/** Options of `KnowledgeBase.build`. */
export interface KnowledgeBaseOptions {
  /** The text of a `synonyms.txt` (one group a line; see the knowledge-base README). */
  synonyms?: string;
}
