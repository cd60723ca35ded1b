import { KbAnalyzer } from './kb-analyzer.js';
import { Bm25Index, type WeightedTerm } from './kb-bm25.js';
import { agreement, entitiesOf, uncovered, withoutFamilies, type EntitySet } from './kb-entities.js';
import { EntityGroups } from './kb-entity-idf.js';
import { generalWeight } from './kb-general-idf.js';
import type { KbHit, KnowledgeBaseOptions } from './kb-hit.js';
import { analyseEntries, entityTermsOf } from './kb-index-build.js';
import { buildLexicon } from './kb-lexicon.js';
import { loadKnowledgeBase, readSynonyms, type KbEntry } from './kb-loader.js';
import { matchShares, titleShare, type MatchView } from './kb-match-share.js';
import { normalizeText } from './kb-phrase-matcher.js';
import { topBy } from './kb-top-by.js';
import { TypoCorrector } from './kb-typos.js';

export type { WeightedTerm } from './kb-bm25.js';
export type { KbHit, KnowledgeBaseOptions } from './kb-hit.js';

/** Share of the largest idf given to a Chinese word no entry has (many are only phrasing). */
const UNKNOWN_HAN_SHARE = 0.5;
/** How many of the best-scoring entries are weighed for entity agreement. */
const CANDIDATES = 200;
/** How many of the best entries after agreement are ranked again by how well their titles match. */
const RERANKED = 30;
/**
 * How much an entry's rank grows when its title holds all of the question's information and the
 * question names all of its title: the title is the question an entry answers, and BM25 alone
 * lets a long body that repeats the question's commoner words outrank it. On the dev part of
 * bench/kb-quality 0, 0.5, 1 and 2 were tried: 0.5 and 1 were best, a question or two apart.
 * A question naming a protocol has the share of it in a title weighed within that protocol's
 * entries ({@link EntityGroups}).
 */
const TITLE_MATCH_BONUS = 0.5;
/** Confidence kept when the question names a protocol or tool that no entry covers. */
const UNCOVERED_SHARE = 0.3;

/**
 * The knowledge base as a ranked index over entry titles and bodies: jieba segmentation with
 * a domain dictionary, synonyms, typo repair, BM25F and entity agreement. Immutable once
 * built: to pick up edits, build a new one and swap references, so a search in flight never
 * sees a half-built index.
 *
 * @example
 * const kb = KnowledgeBase.build(entries, { synonyms: '默认 缺省' });
 * const [best] = kb.search('BGP实验ping不通', 3);
 * best?.entry.title; // 'BGP实验ping不通怎么办'
 */
export class KnowledgeBase {
  readonly #entries: readonly KbEntry[];
  readonly #analyzer: KbAnalyzer;
  readonly #index: Bm25Index;
  readonly #typos: TypoCorrector;
  readonly #titleEntities: EntitySet[];
  /** Each entry's distinct title terms. */
  readonly #titleTerms: string[][];
  readonly #bodyEntities: EntitySet[];
  readonly #families: ReadonlySet<string>;
  readonly #groups: EntityGroups;

  /** Indexes `entries`; ids must be unique (as {@link loadKnowledgeBase} makes them). */
  constructor(entries: readonly KbEntry[], options: KnowledgeBaseOptions = {}) {
    this.#entries = entries;
    // Loads the general word weights now, at start-up or reload, rather than in the first answer.
    generalWeight('');
    const { analyzer, docs } = analyseEntries(entries, buildLexicon(entries, options.synonyms));
    this.#analyzer = analyzer;
    const term = (id: number) => analyzer.table.term(id);
    this.#index = new Bm25Index(docs, analyzer.table.terms);
    this.#titleTerms = docs.map((d) => [...new Set(d.title)].map(term));
    const vocabulary = this.#index.vocabulary();
    const { synonyms, phrases } = this.#analyzer.lexicon;
    for (const word of [...synonyms.keys(), ...phrases.phrases]) if (!vocabulary.has(word)) vocabulary.set(word, 0);
    this.#typos = new TypoCorrector(vocabulary);
    const entities = this.#analyzer.lexicon.entities;
    const entityTerms = entityTermsOf(analyzer.table, entities);
    this.#titleEntities = docs.map((d) => entitiesOf(entityTerms(d.title), entities));
    this.#bodyEntities = docs.map((d) => entitiesOf(entityTerms(d.body), entities));
    this.#groups = new EntityGroups(this.#titleEntities, (term, members) => this.#index.dfIn(term, members));
    this.#families = new Set([...this.#titleEntities, ...this.#bodyEntities].flatMap((set) => [...set.values()].flatMap((f) => [...f])));
    // Built: from here on only questions are analysed, and their unknown words are not kept.
    this.#analyzer.freeze();
  }

  /** Indexes `entries` with the synonyms given as the text of a `synonyms.txt`. */
  static build(entries: readonly KbEntry[], options: KnowledgeBaseOptions = {}): KnowledgeBase {
    return new KnowledgeBase(entries, options);
  }

  /** Loads `dir` (its `*.md` entries and optional `synonyms.txt`) and indexes it. */
  static async load(dir: string | URL): Promise<KnowledgeBase> {
    const [entries, synonyms] = await Promise.all([loadKnowledgeBase(dir), readSynonyms(dir)]);
    return new KnowledgeBase(entries, { synonyms });
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** All entries, in file order. */
  get entries(): readonly KbEntry[] {
    return this.#entries;
  }

  /** Distinct topics (the files' `# ` titles), in file order. */
  get topics(): string[] {
    return [...new Set(this.#entries.map((entry) => entry.topic))];
  }

  /** Terms of `text` as the index holds them (no typo repair), repeats kept. */
  analyze(text: string): string[] {
    return this.#analyzer.terms(text);
  }

  /** The terms `search` looks for: typos repaired, analysed, each once. */
  queryTerms(query: string): string[] {
    return [...new Set(this.#analyzer.terms(this.#typos.correct(normalizeText(query))))];
  }

  /** Entities named by `terms`, by kind (see the glossary). */
  entities(terms: Iterable<string>): EntitySet {
    return entitiesOf(terms, this.#analyzer.lexicon.entities);
  }

  /** How much a term tells apart entries (its idf; words no entry has count as the rarest). */
  information(term: string): number {
    const df = this.#index.df(term);
    if (df > 0) return this.#index.idf(df);
    return /\p{Script=Han}/u.test(term) ? this.#index.maxIdf * UNKNOWN_HAN_SHARE : this.#index.maxIdf;
  }

  /** The `limit` best entries for `query`, best first; empty when no term of the query occurs. */
  search(query: string, limit = 5): KbHit[] {
    return this.searchTerms(
      this.queryTerms(query).map((term) => ({ term, weight: 1 })),
      limit,
    );
  }

  /**
   * The `limit` best entries for analysed, weighted terms (a follow-up weighs the words of the
   * new question above those it keeps from the previous one). `ignore` lists entity families
   * left out of the agreement check.
   */
  searchTerms(asked: readonly WeightedTerm[], limit = 5, ignore: ReadonlySet<string> = new Set()): KbHit[] {
    const terms = asked.map(({ term, weight }) => ({ term, weight: weight * generalWeight(term) }));
    const question = withoutFamilies(this.entities(terms.map((t) => t.term)), ignore);
    const missing = uncovered(question, this.#families);
    const known = withoutFamilies(question, new Set(missing));
    const information = new Map(terms.map((t) => [t.term, this.information(t.term)]));
    const withinGroup = this.#groups.information(known);
    // Agreement can only lower a score (to 0.3× per kind at worst), so the best entries after it
    // are among the best few hundred before it: a 10,000-entry index need not weigh them all.
    const candidates = topBy(this.#index.search(terms), (m) => m.score, CANDIDATES);
    const agreed = topBy(
      candidates.map((m) => ({ ...m, agree: known.size === 0 ? 1 : agreement(known, this.#titleEntities[m.doc]!, this.#bodyEntities[m.doc]!) })),
      (m) => m.score * m.agree,
      Math.max(limit, RERANKED),
    );
    const hits = agreed.map(({ doc, score, agree }) => {
      const shares = matchShares(this.#view, doc, terms, information);
      const inTitle = withinGroup ? titleShare(this.#view, doc, terms, withinGroup) : shares.inTitle;
      return {
        hit: { entry: this.#entries[doc]!, score: score * agree, terms: shares.found, confidence: shares.coverage * agree * (missing.length > 0 ? UNCOVERED_SHARE : 1) },
        rank: score * agree * (1 + (TITLE_MATCH_BONUS * (inTitle + shares.titleRecall)) / 2),
      };
    });
    return topBy(hits, (h) => h.rank, limit).map((h) => h.hit);
  }

  /** What the match shares read of this index. */
  readonly #view: MatchView = {
    where: (term, doc) => this.#index.where(term, doc),
    titleTerms: (doc) => this.#titleTerms[doc]!,
    information: (term) => this.information(term),
  };
}
