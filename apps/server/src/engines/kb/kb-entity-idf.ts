import type { EntitySet } from './kb-entities.js';

/** Fewer entries than this naming a question's entities are too few to tell common words from rare ones. */
const MIN_GROUP = 3;

/** How many of the entries marked 1 in `members` contain `term` (what the index answers). */
export type CountIn = (term: string, members: Uint8Array) => number;

/**
 * How much a word tells apart the entries whose titles name every entity a question names: its
 * idf within that group rather than over the whole knowledge base. 配置 or 邻居 is in most BGP
 * entries, so among them it says little, however rare it is elsewhere; a protocol's own name says
 * nothing there at all. Groups are read from the entries' title entities, kept by family on
 * first use; the counts are taken per search.
 *
 * The ranker weighs by it how much of the question an entry's title holds: asked how to configure
 * BGP neighbours, a BGP title holding 配置 holds more of the question than one holding only BGP
 * and 邻居. On the dev part of bench/kb-quality that answered one more question rightly and changed
 * no other. Tried and not kept: weighing the title recall so too (one follow-up won, one lost),
 * and weighing the BM25 terms so (three to four dev questions and follow-ups lost).
 */
export class EntityGroups {
  readonly #titles: readonly EntitySet[];
  readonly #count: CountIn;
  #byFamily?: Map<string, number[]>;

  constructor(titles: readonly EntitySet[], count: CountIn) {
    this.#titles = titles;
    this.#count = count;
  }

  /**
   * A term's information within the group of entries whose titles name all of `known`, or
   * undefined when the question names nothing or too few entries name it all.
   */
  information(known: EntitySet): ((term: string) => number) | undefined {
    const families = new Set([...known.values()].flatMap((set) => [...set]));
    if (families.size === 0) return undefined;
    const hits = new Uint8Array(this.#titles.length);
    for (const family of families) for (const doc of this.#docsNaming(family)) hits[doc]!++;
    let size = 0;
    for (let doc = 0; doc < hits.length; doc++) {
      hits[doc] = hits[doc] === families.size ? 1 : 0;
      size += hits[doc]!;
    }
    if (size < MIN_GROUP) return undefined;
    const memo = new Map<string, number>();
    return (term) => {
      let idf = memo.get(term);
      if (idf === undefined) {
        const df = this.#count(term, hits);
        idf = Math.log(1 + (size - df + 0.5) / (df + 0.5));
        memo.set(term, idf);
      }
      return idf;
    };
  }

  #docsNaming(family: string): readonly number[] {
    if (!this.#byFamily) {
      const byFamily = new Map<string, number[]>();
      this.#titles.forEach((title, doc) => {
        for (const family of new Set([...title.values()].flatMap((set) => [...set]))) {
          const docs = byFamily.get(family);
          if (docs) docs.push(doc);
          else byFamily.set(family, [doc]);
        }
      });
      this.#byFamily = byFamily;
    }
    return this.#byFamily.get(family) ?? [];
  }
}
