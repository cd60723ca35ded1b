import type { QuestionTerm } from '../../ports/engine.js';
import type { KnowledgeBase } from './kb-index.js';

/**
 * A question's search terms (what `search` looks for: typos repaired, synonyms folded, domain
 * words kept whole) weighted by their information in this knowledge base, so that two questions
 * can be compared the way the ranker would read them. A thin view over the index's own analysis.
 */
export function questionTerms(kb: KnowledgeBase, question: string): QuestionTerm[] {
  return kb.queryTerms(question).map((term) => ({ term, weight: kb.information(term) }));
}
