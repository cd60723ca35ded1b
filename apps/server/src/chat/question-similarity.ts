import type { QuestionTerm } from '../ports/engine.js';

/** A question as a weighted bag of terms, ready to compare. */
export interface QuestionVector {
  terms: Map<string, number>;
  /** Euclidean norm of the weights (0: nothing to compare). */
  norm: number;
}

/** How questions are read and when two are the same question asked again. */
export interface QuestionSimilarity {
  /** `engine`: the engine's own analysis; `bigrams`: plain character pairs (an engine without analysis). */
  readonly kind: 'engine' | 'bigrams';
  vector(question: string): QuestionVector;
  /** Cosine similarity at or above which two questions belong together. */
  readonly threshold: number;
}

// Calibrated on paraphrases of questions the shipped knowledge base does not answer: rewordings
// of one question score 0.55-0.9 with the engine's terms, different questions that share a
// pattern ("几点关门" of the library and of the lab) stay under 0.5.
const ENGINE_THRESHOLD = 0.5;
// Character pairs see only shared wording, so rewordings score lower: a looser bar, and coarser groups.
const BIGRAM_THRESHOLD = 0.35;

function vectorOf(terms: Iterable<QuestionTerm>): QuestionVector {
  const map = new Map<string, number>();
  for (const { term, weight } of terms) if (weight > 0) map.set(term, Math.max(weight, map.get(term) ?? 0));
  let sum = 0;
  for (const w of map.values()) sum += w * w;
  return { terms: map, norm: Math.sqrt(sum) };
}

/** Cosine similarity of two question vectors (0 when either is empty). */
export function cosine(a: QuestionVector, b: QuestionVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.terms) {
    const v = large.terms.get(term);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}

/** The character pairs of the letters, digits and ideographs of `text` (lower case, NFKC). */
export function bigramsOf(text: string): QuestionTerm[] {
  const out: QuestionTerm[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push({ term: chars[0]!, weight: 1 });
    for (let i = 0; i + 1 < chars.length; i++) out.push({ term: chars[i]! + chars[i + 1]!, weight: 1 });
  }
  return out;
}

/**
 * The similarity the teachers' lists group questions by: the engine's own analysis of a question
 * (its segmentation, domain words, synonyms; terms weighted by rarity) when it offers one, else
 * character bigrams.
 */
export function questionSimilarity(questionTerms: ((question: string) => QuestionTerm[]) | undefined): QuestionSimilarity {
  if (questionTerms) return { kind: 'engine', threshold: ENGINE_THRESHOLD, vector: (q) => vectorOf(questionTerms(q)) };
  return { kind: 'bigrams', threshold: BIGRAM_THRESHOLD, vector: (q) => vectorOf(bigramsOf(q)) };
}
