import { cutChinese } from './kb-jieba.js';
import type { KbLexicon } from './kb-lexicon.js';
import { isLatin, isLatinCode, normalizeText } from './kb-phrase-matcher.js';
import { isStopWord } from './kb-stop-words.js';
import { rewriteSynonyms } from './kb-synonym-rewrite.js';
import { IdBuffer, TermTable } from './kb-term-table.js';

/** Whether a UTF-16 unit is a CJK ideograph (the unified block and extension A; what students type). */
const isHanCode = (code: number) => {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
};
const HAN_WORD = /^\p{Script=Han}+$/u;
// A Latin word: letters and digits, joined by - _ . / : inside (router-id, 0.0.0.255, g0/0/0).
// The parts of a domain phrase mixing scripts or words: ping不通 → ping, 不通; ip-route-static → ip, route, static.
const MIXED_PARTS = /\p{Script=Han}{2,}|[a-z0-9]+/gu;
const LATIN_WORD = /[a-z0-9]+(?:[-_./:][a-z0-9]+)*/y;
/** Distinct Chinese words whose terms an analyzer remembers (a knowledge base uses far fewer). */
const WORD_CACHE_LIMIT = 200_000;

/** The terms one word (or run of Chinese text) adds, as numbers of the analyzer's table, and how many of them count as words. */
interface Expansion {
  ids: number[];
  words: number;
  /** Holds a term the table has no number for (a negative id): worked out anew each time, never remembered. */
  foreign?: boolean;
}

/**
 * Turns text into search terms for one knowledge base: NFKC + lowercase; synonyms rewritten to
 * their canonical word (longest first, so 缺省路由 becomes 默认路由 before it is cut); the
 * knowledge base's domain words kept whole, with their parts beside them (静态路由 → 静态路由,
 * 静态, 路由), so a question that names only a part still meets them; Latin words as written
 * (router-id → router-id, router, id); the Chinese rest cut by jieba, long words adding their
 * bigrams; stop words and lone Chinese characters dropped.
 *
 * @example
 * analyzer.terms('请问华为路由器缺省路由怎么配?') // → ['华为', '路由器', '默认路由', '默认', '路由']
 */
export class KbAnalyzer {
  /**
   * `table` numbers the terms (see {@link analyzeIds}); one shared with an earlier analyzer of the
   * same lexicon keeps the numbers of that analyzer's results valid.
   */
  constructor(
    readonly lexicon: KbLexicon,
    readonly table = new TermTable(),
  ) {}

  /**
   * After this the analyzer numbers no new term: the index is built, and a question's words that
   * no entry has get a number only for the question at hand (negative, into {@link #foreign}).
   * Otherwise every distinct word students ever typed would stay in the table for good, and a
   * stream of made-up words would grow the server's memory without bound.
   */
  freeze(): void {
    this.#frozen = true;
  }

  #frozen = false;
  /** Terms of the text being analysed that the table has no number for; id -1 is the first. */
  #foreign: string[] = [];

  /** Search terms of `text`, in order, repeats kept (the index counts them). */
  terms(text: string): string[] {
    return this.analyze(text).terms;
  }

  /**
   * {@link terms}, and how many words the text has: parts added beside a whole word (静态 and
   * 路由 beside 静态路由) are not words of their own, so a title that names a command is not
   * taken for a longer one.
   */
  analyze(text: string): { terms: string[]; length: number } {
    const length = this.#analyze(text);
    const terms: string[] = [];
    for (const id of this.#out.take()) terms.push(id >= 0 ? this.table.term(id) : this.#foreign[-id - 1]!);
    return { terms, length };
  }

  /** {@link analyze} with each term as its number in {@link table}: what the index is built from. */
  analyzeIds(text: string): { ids: Int32Array; length: number } {
    if (this.#frozen) throw new Error('[kb] a frozen analyzer gives terms, not numbers');
    const length = this.#analyze(text);
    return { ids: this.#out.take(), length };
  }

  /** The terms of `text` left in {@link #out}; returns the number of words. */
  #analyze(text: string): number {
    this.#words = 0;
    this.#out.length = 0;
    this.#foreign = [];
    const source = rewriteSynonyms(this.lexicon, normalizeText(text));
    // The current run of Chinese characters, as [hanStart, i) of `source`.
    let hanStart = -1;
    const flush = (end: number) => {
      if (hanStart >= 0) this.#chinese(source.slice(hanStart, end));
      hanStart = -1;
    };
    for (let i = 0; i < source.length; ) {
      const phrase = this.lexicon.phrases.longestAt(source, i);
      if (phrase !== undefined) {
        flush(i);
        this.#add(this.#phraseTerms.get(phrase) ?? this.#phrase(phrase));
        i += phrase.length;
        continue;
      }
      const code = source.charCodeAt(i);
      if (isLatinCode(code)) {
        flush(i);
        LATIN_WORD.lastIndex = i;
        LATIN_WORD.test(source);
        const word = source.slice(i, LATIN_WORD.lastIndex);
        this.#add(this.#latinTerms.get(word) ?? this.#latin(word));
        i += word.length;
        continue;
      }
      if (isHanCode(code)) {
        if (hanStart < 0) hanStart = i;
      } else flush(i);
      i++;
    }
    flush(source.length);
    return this.#words;
  }

  /** Terms of the text being analysed. */
  readonly #out = new IdBuffer();
  /** Words of the text being analysed. */
  #words = 0;

  #add(expansion: Expansion): void {
    for (const id of expansion.ids) this.#out.push(id);
    this.#words += expansion.words;
  }

  #emit(term: string, into: Expansion, part = false): void {
    if (term.length === 0 || isStopWord(term)) return;
    const canonical = this.lexicon.synonyms.get(term) ?? term;
    if (canonical.length === 1 && !isLatin(canonical)) return;
    const id = this.#frozen ? this.table.lookup(canonical) : this.table.id(canonical);
    if (id !== undefined) into.ids.push(id);
    else {
      into.ids.push(-this.#foreign.push(canonical));
      into.foreign = true;
    }
    if (!part) into.words++;
  }

  /** `expansion`, remembered for `key` in `cache` while the cache is below its bound. */
  #remember(cache: Map<string, Expansion>, key: string, expansion: Expansion): Expansion {
    if (cache.size < WORD_CACHE_LIMIT && !expansion.foreign) cache.set(key, expansion);
    return expansion;
  }

  #phrase(phrase: string): Expansion {
    const expansion: Expansion = { ids: [], words: 0 };
    this.#emit(phrase, expansion);
    const parts = HAN_WORD.test(phrase) ? (phrase.length >= 3 ? cutChinese(phrase) : []) : (phrase.match(MIXED_PARTS) ?? []);
    if (parts.length > 1) for (const part of parts) this.#emit(part, expansion, true);
    return this.#remember(this.#phraseTerms, phrase, expansion);
  }

  #latin(word: string): Expansion {
    const expansion: Expansion = { ids: [], words: 0 };
    this.#emit(word, expansion);
    const parts = word.split(/[-_]/);
    if (parts.length > 1) for (const part of parts) if (part.length > 1) this.#emit(part, expansion, true);
    return this.#remember(this.#latinTerms, word, expansion);
  }

  /**
   * What each Chinese word jieba returns adds to the terms: itself and its bigrams, filtered and
   * made canonical. A text's words are mostly words seen before (a course's vocabulary is a few
   * thousand words), so this is worked out once per word rather than once per occurrence.
   */
  readonly #wordTerms = new Map<string, Expansion>();
  /** The same for domain phrases and for Latin words, which recur as often. */
  readonly #phraseTerms = new Map<string, Expansion>();
  readonly #latinTerms = new Map<string, Expansion>();
  /** And for whole runs of Chinese text between punctuation, phrases and Latin words (怎么配置, 邻居状态), which recur too. */
  readonly #runTerms = new Map<string, Expansion>();

  #word(word: string): Expansion {
    const expansion: Expansion = { ids: [], words: 0 };
    this.#emit(word, expansion);
    const chars = Array.from(word);
    // A stop word's halves are no words either ("怎么办" → "么办").
    if (chars.length >= 3 && !isStopWord(word)) for (let i = 0; i + 1 < chars.length; i++) this.#emit(chars[i]! + chars[i + 1]!, expansion, true);
    return this.#remember(this.#wordTerms, word, expansion);
  }

  #chinese(run: string): void {
    let expansion = this.#runTerms.get(run);
    if (expansion === undefined) {
      expansion = { ids: [], words: 0 };
      for (const word of cutChinese(run)) {
        const terms = this.#wordTerms.get(word) ?? this.#word(word);
        for (const id of terms.ids) expansion.ids.push(id);
        expansion.words += terms.words;
        if (terms.foreign) expansion.foreign = true;
      }
      this.#remember(this.#runTerms, run, expansion);
    }
    this.#add(expansion);
  }
}
