import type { KbLexicon } from './kb-lexicon.js';

/**
 * `text` (already normalised) with every synonym of the lexicon replaced by its canonical word,
 * longest first, so 缺省路由 becomes 默认路由 before it is cut.
 */
export function rewriteSynonyms(lexicon: Pick<KbLexicon, 'synonymMatcher' | 'synonyms'>, text: string): string {
  const matcher = lexicon.synonymMatcher;
  let out = '';
  // Unchanged stretches are copied as slices, not character by character: indexing a large
  // knowledge base rewrites millions of characters, nearly all of them kept.
  let kept = 0;
  for (let i = matcher.nextStart(text, 0); i < text.length; i = matcher.nextStart(text, i)) {
    const word = matcher.longestAt(text, i);
    // A one-character synonym (配 for 配置) is only taken as a word of its own, when jieba cuts it so.
    if (word === undefined || word.length === 1) {
      i++;
      continue;
    }
    out += text.slice(kept, i) + lexicon.synonyms.get(word)!;
    i += word.length;
    kept = i;
  }
  return kept === 0 ? text : out + text.slice(kept);
}
