import { createHash } from 'node:crypto';
import { cutChinese } from './kb-jieba.js';
import { GLOSSARY, normalizeTerm, type GlossaryEntity } from './kb-glossary.js';
import type { KbEntry } from './kb-parser.js';
import { PhraseMatcher } from './kb-phrase-matcher.js';
import { RebuildCache } from './kb-rebuild-cache.js';
import { parseSynonyms, synonymMap } from './kb-synonyms.js';

/** What the analyzer knows about one knowledge base's words. */
export interface KbLexicon {
  /** Every synonym (and canonical word) → its canonical word. */
  synonyms: ReadonlyMap<string, string>;
  /** Longest-match lookup of the synonyms' words. */
  synonymMatcher: PhraseMatcher;
  /** The domain dictionary: glossary terms and terms found in the knowledge base, kept whole. */
  phrases: PhraseMatcher;
  /** Canonical term → the entity it names. */
  entities: ReadonlyMap<string, GlossaryEntity>;
  /** Changes whenever the synonyms or the domain dictionary do: texts analysed under one fingerprint analyse alike. */
  fingerprint: string;
}

/** Each entry's own domain words (before synonyms), kept from one build to the next. */
const entryWords = new RebuildCache<string[]>();

const HAN_RUN = /\p{Script=Han}{2,}/gu;
/** Characters that never start or end a domain word: particles, question words, negation. */
const GLUE = new Set('的了是在和与或就都也把被给对从到吗呢吧啊么怎什哪为个一这那有没不要会能还');
const INLINE_CODE = /`([^`\n]{2,40})`/g;

/**
 * Builds the lexicon of a knowledge base: the shipped glossary, the course's synonyms and a
 * domain dictionary made from the entries themselves —
 * - inline code (`display bgp peer`, `ip route-static`): commands kept as one term;
 * - 2–4 character Chinese words of a title that jieba's general dictionary does not know
 *   (it would cut 根桥 into 根 + 桥) and that the entry's body repeats, so they are the
 *   entry's own vocabulary rather than an accident of phrasing.
 */
export function buildLexicon(entries: readonly KbEntry[], synonymsText = ''): KbLexicon {
  const synonyms = synonymMap([...parseSynonyms(synonymsText), ...GLOSSARY.synonymGroups]);
  const canonical = (term: string) => synonyms.get(term) ?? term;
  const entities = new Map<string, GlossaryEntity>();
  for (const [term, entity] of GLOSSARY.entities) {
    entities.set(term, entity);
    entities.set(canonical(term), entity);
  }
  const phrases = new Set<string>([...entities.keys(), ...synonyms.values()]);
  // An entry's words depend on its text alone (and the fixed jieba dictionary), so they are kept
  // whatever else changed.
  const words = entryWords.begin('');
  for (const entry of entries) {
    const own = words.get(`${entry.title}\u0000${entry.body}`, () => [...inlineCodeTerms(entry.title), ...inlineCodeTerms(entry.body), ...unknownTitleWords(entry)]);
    for (const word of own) phrases.add(canonical(word));
  }
  words.end();
  const fingerprint = createHash('sha256')
    .update([...synonyms].flat().join('\n'))
    .update('\u0000')
    .update([...phrases].sort().join('\n'))
    .digest('base64');
  return { synonyms, synonymMatcher: new PhraseMatcher(synonyms.keys()), phrases: new PhraseMatcher(phrases), entities, fingerprint };
}

const COMMAND = /^[a-z][a-z0-9]*(?:-[a-z0-9]+){0,3}$/;
/** Each inline code's term, or null when it is no command; remembered, as the same commands recur across entries. */
const codeTerms = new Map<string, string | null>();

/** Command-like inline code: letters, digits and hyphens, at most four words (no code spans lines). */
function inlineCodeTerms(text: string): string[] {
  const terms: string[] = [];
  if (!text.includes('`')) return terms;
  for (const [, code] of text.matchAll(INLINE_CODE)) {
    let term = codeTerms.get(code!);
    if (term === undefined) {
      const normal = normalizeTerm(code!);
      term = COMMAND.test(normal) ? normal : null;
      if (codeTerms.size < 100_000) codeTerms.set(code!, term);
    }
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Whether jieba cuts a word into single characters only, i.e. does not know it; remembered. */
const unknownToJieba = new Map<string, boolean>();
function jiebaLacks(word: string): boolean {
  let lacks = unknownToJieba.get(word);
  if (lacks === undefined) {
    const pieces = cutChinese(word);
    lacks = pieces.length > 1 && pieces.every((piece) => piece.length === 1);
    if (unknownToJieba.size < 100_000) unknownToJieba.set(word, lacks);
  }
  return lacks;
}

/** The words {@link buildLexicon} takes from an entry's title (exported for tests). */
export function unknownTitleWords(entry: KbEntry): string[] {
  const title = entry.title.normalize('NFKC').toLowerCase();
  let body: string | undefined;
  const words: string[] = [];
  for (const [run] of title.matchAll(HAN_RUN)) {
    // The run's words by length, then by position, as they are added to the dictionary.
    const byLength: string[][] = [[], [], [], [], []];
    const chars = Array.from(run);
    // Where each character starts in `run` (a character outside the basic plane is two units).
    const at = [0];
    for (const char of chars) at.push(at.at(-1)! + char.length);
    for (let i = 0; i + 2 <= chars.length; i++) {
      if (GLUE.has(chars[i]![0]!)) continue;
      for (let length = 2; length <= 4 && i + length <= chars.length; length++) {
        const gram = run.slice(at[i], at[i + length]);
        body ??= entry.body.normalize('NFKC').toLowerCase();
        // A gram the body lacks is in no longer one the body has.
        if (!body.includes(gram)) break;
        if (!GLUE.has(gram.at(-1)!) && jiebaLacks(gram)) byLength[length]!.push(gram);
      }
    }
    for (const found of byLength) words.push(...found);
  }
  return words;
}
