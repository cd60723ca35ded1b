/** A query term and how much it counts (1 = an ordinary word of the question). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** One document's score. */
export interface Bm25Match {
  doc: number;
  score: number;
}

/** BM25 constants (the usual ones). */
const K1 = 1.2;
const B = 0.75;
/**
 * A title is the question an entry answers: a word there says more than one in a long body.
 * Measured on the dev part of bench/kb-quality: fields scored apart with the title at 2× beat
 * one combined field (BM25F) with the title at 2.5× or 4× (top-1 84.5 % vs 82.9 % / 84.5 %,
 * follow-ups 85.7 % vs 78.6 %).
 */
const TITLE_WEIGHT = 2;

/**
 * A term's postings as flat numbers, three per document that holds it: document, count in the
 * title, count in the body; documents ascending. A view of one typed array holding every term's
 * postings, not an object or a growing array each: a 10,000-entry knowledge base has about a
 * million postings, which the garbage collector then need not copy or scan.
 */
type Postings = Int32Array;

/** BM25's term-frequency saturation of a length-normalised count. */
const saturate = (tf: number) => (tf * (K1 + 1)) / (K1 + tf);

/**
 * BM25 over two fields (title, body) of analysed documents, each length-normalised and
 * saturated on its own, the title's share weighted {@link TITLE_WEIGHT}×: an entry whose title
 * holds the question's words outranks one that holds them only in a long body. Built once;
 * `search` only reads.
 */
export class Bm25Index {
  readonly #postings = new Map<string, Postings>();
  readonly #titleNorm: Float64Array;
  readonly #bodyNorm: Float64Array;
  readonly size: number;
  /** The largest idf (a word in one document): the weight given to words no document has. */
  readonly maxIdf: number;

  /**
   * `docs`: each field's terms as numbers of `terms` (see `KbAnalyzer.analyzeIds`) and its length
   * in words.
   */
  constructor(docs: readonly { title: ArrayLike<number>; body: ArrayLike<number>; titleLength: number; bodyLength: number }[], terms: readonly string[]) {
    this.size = docs.length;
    const avgTitle = docs.reduce((n, d) => n + d.titleLength, 0) / Math.max(1, docs.length) || 1;
    const avgBody = docs.reduce((n, d) => n + d.bodyLength, 0) / Math.max(1, docs.length) || 1;
    this.#titleNorm = Float64Array.from(docs, (d) => 1 - B + (B * d.titleLength) / avgTitle);
    this.#bodyNorm = Float64Array.from(docs, (d) => 1 - B + (B * d.bodyLength) / avgBody);
    // Counts are kept in typed arrays indexed by term number, not in a map per document (a get and
    // a set for each of a 10,000-entry knowledge base's million term occurrences was a fifth of
    // its start-up). Terms are listed in the order the documents first use them, title before
    // body, as `vocabulary` returns them.
    // First pass: how many documents hold each term, and that order.
    const df = new Int32Array(terms.length);
    const lastDoc = new Int32Array(terms.length).fill(-1);
    const order: number[] = [];
    const meet = (ids: ArrayLike<number>, doc: number) => {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (!(id >= 0 && id < terms.length)) throw new RangeError(`[kb] term number ${id} is not one of the ${terms.length} terms`);
        if (lastDoc[id] === doc) continue;
        lastDoc[id] = doc;
        if (df[id] === 0) order.push(id);
        df[id]!++;
      }
    };
    docs.forEach((d, doc) => {
      meet(d.title, doc);
      meet(d.body, doc);
    });
    // Each term's postings get their place in one array; the second pass fills them in.
    const start = new Int32Array(terms.length);
    let total = 0;
    for (const id of order) {
      start[id] = total;
      total += 3 * df[id]!;
    }
    const flat = new Int32Array(total);
    const next = start.slice();
    const titleCount = new Int32Array(terms.length);
    const bodyCount = new Int32Array(terms.length);
    const seen: number[] = [];
    const count = (ids: ArrayLike<number>, counts: Int32Array) => {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (titleCount[id] === 0 && bodyCount[id] === 0) seen.push(id);
        counts[id]!++;
      }
    };
    docs.forEach((d, doc) => {
      count(d.title, titleCount);
      count(d.body, bodyCount);
      for (const id of seen) {
        const at = next[id]!;
        flat[at] = doc;
        flat[at + 1] = titleCount[id]!;
        flat[at + 2] = bodyCount[id]!;
        next[id] = at + 3;
        titleCount[id] = 0;
        bodyCount[id] = 0;
      }
      seen.length = 0;
    });
    for (const id of order) this.#postings.set(terms[id]!, flat.subarray(start[id], start[id]! + 3 * df[id]!));
    this.maxIdf = this.idf(1);
  }

  /** How many documents contain `term`. */
  df(term: string): number {
    return (this.#postings.get(term)?.length ?? 0) / 3;
  }

  /** How many of the documents marked 1 in `members` (indexed by document) contain `term`. */
  dfIn(term: string, members: Uint8Array): number {
    const list = this.#postings.get(term);
    if (!list) return 0;
    let n = 0;
    for (let i = 0; i < list.length; i += 3) n += members[list[i]!]!;
    return n;
  }

  /** Inverse document frequency for a term in `df` documents (BM25's, never negative). */
  idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Every term with the number of documents that contain it. */
  vocabulary(): Map<string, number> {
    const vocabulary = new Map<string, number>();
    for (const [term, list] of this.#postings) vocabulary.set(term, list.length / 3);
    return vocabulary;
  }

  /** Every document holding at least one of `terms`, with its score (unordered). */
  search(terms: readonly WeightedTerm[]): Bm25Match[] {
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const { term, weight } of terms) {
      const list = this.#postings.get(term);
      if (!list) continue;
      const idf = this.idf(list.length / 3);
      for (let i = 0; i < list.length; i += 3) {
        const doc = list[i]!;
        const title = list[i + 1]! / this.#titleNorm[doc]!;
        const body = list[i + 2]! / this.#bodyNorm[doc]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += weight * idf * (TITLE_WEIGHT * saturate(title) + saturate(body));
      }
    }
    return touched.map((doc) => ({ doc, score: scores[doc]! }));
  }

  /** Where `term` occurs in document `doc`: 'title', 'body' (only), or undefined. */
  where(term: string, doc: number): 'title' | 'body' | undefined {
    const list = this.#postings.get(term);
    if (!list) return undefined;
    // Postings are in document order (documents are added in order): binary search.
    let lo = 0;
    let hi = list.length / 3 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = list[mid * 3]!;
      if (at === doc) return list[mid * 3 + 1]! > 0 ? 'title' : 'body';
      if (at < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
