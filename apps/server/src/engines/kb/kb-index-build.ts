import { KbAnalyzer } from './kb-analyzer.js';
import type { GlossaryEntity } from './kb-glossary.js';
import type { KbLexicon } from './kb-lexicon.js';
import type { KbEntry } from './kb-parser.js';
import { RebuildCache } from './kb-rebuild-cache.js';
import { TermTable } from './kb-term-table.js';

/** One entry's analysed fields, terms as numbers of the analyzer's table. */
export interface AnalysedEntry {
  title: Int32Array;
  titleLength: number;
  body: Int32Array;
  bodyLength: number;
}

/** Analysed titles and bodies of the last knowledge base built, by text. */
const analyses = new RebuildCache<{ ids: Int32Array; length: number }>();
/** The term table of the last build and the fingerprint of its lexicon: the kept analyses' numbers are its. */
let last: { fingerprint: string; table: TermTable } | undefined;
/**
 * Past this many terms a build starts a new table (and analyses everything again) rather than
 * add to the last one: rebuilds under the same lexicon keep adding the words of edited entries
 * (questions add none: a built index's analyzer is frozen).
 */
const TABLE_LIMIT = 2_000_000;

/**
 * Analyses each entry's title and body under `lexicon`. A rebuild under the same lexicon (an
 * edited entry that brings no new domain word) analyses only the texts that changed: it reuses
 * the last build's term table, so the kept analyses' numbers still name the same terms.
 */
export function analyseEntries(entries: readonly KbEntry[], lexicon: KbLexicon): { analyzer: KbAnalyzer; docs: AnalysedEntry[] } {
  if (last?.fingerprint !== lexicon.fingerprint || last.table.size > TABLE_LIMIT) last = { fingerprint: lexicon.fingerprint, table: new TermTable() };
  const analyzer = new KbAnalyzer(lexicon, last.table);
  const analysed = analyses.begin(`${lexicon.fingerprint}#${last.table.serial}`);
  const docs = entries.map((entry) => {
    const title = analysed.get(entry.title, () => analyzer.analyzeIds(entry.title));
    const body = analysed.get(entry.body, () => analyzer.analyzeIds(entry.body));
    return { title: title.ids, titleLength: title.length, body: body.ids, bodyLength: body.length };
  });
  analysed.end();
  return { analyzer, docs };
}

/**
 * A function giving the terms among some term numbers that name an entity, in order (others are
 * no entity, whatever their count): what entity sets are made from, without a string per term
 * of every body. Whether a number names an entity is looked up once.
 */
export function entityTermsOf(table: TermTable, entities: ReadonlyMap<string, GlossaryEntity>): (ids: ArrayLike<number>) => string[] {
  // 0: not looked up yet, 1: an entity, 2: not one.
  const known = new Uint8Array(table.size);
  return (ids) => {
    const named: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (known[id] === 0) known[id] = entities.has(table.term(id)) ? 1 : 2;
      if (known[id] === 1) named.push(table.term(id));
    }
    return named;
  };
}
