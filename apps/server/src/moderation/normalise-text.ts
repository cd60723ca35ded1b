import { simplified, unconfused } from './fold-characters.js';

/**
 * Text as the word list is matched against it, with the way back to the original.
 * `offsets[i]` is the index in the original of the character that produced `text[i]`;
 * `offsets[text.length]` is the original's length.
 */
export interface NormalisedText {
  text: string;
  offsets: number[];
}

// Characters that render as nothing or as a gap, which people slip between the characters of a
// term: whitespace, and Unicode's Default_Ignorable_Code_Point set (zero-width space and joiners,
// direction marks, soft hyphen, variation selectors U+FE00–FE0F and U+E0100–E01EF, tag characters
// U+E0000–E007F, the Hangul fillers U+3164 / U+FFA0, the Mongolian vowel separator, BOM …).
const IGNORABLE = /^[\s\p{Default_Ignorable_Code_Point}]$/u;
// Dropped after decomposition: combining marks (f\u0301uck, é → e), punctuation and symbols
// inside a term (炸.弹, 赌-博, f.u.c.k).
const DROPPED = /^[\p{M}\p{P}\p{S}]$/u;
// The common CJK block needs no decomposition: its characters only fold traditional → simplified.
const isUnifiedHan = (code: number) => code >= 0x4e00 && code <= 0x9fff;

/** What one original code point becomes for matching (possibly nothing, possibly several characters). */
function fold(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (isUnifiedHan(code)) return simplified(ch);
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return ch;
    if (code >= 0x41 && code <= 0x5a) return ch.toLowerCase();
    return ''; // ASCII whitespace, controls, punctuation and symbols
  }
  if (IGNORABLE.test(ch)) return '';
  let out = '';
  // NFKD: compatibility forms (full-width ＡＢＣ, ligatures, circled ⓐ, math 𝐚) → plain letters,
  // with accents split off as combining marks, which are then dropped.
  for (const part of ch.normalize('NFKD')) {
    if (DROPPED.test(part) || IGNORABLE.test(part)) continue;
    out += simplified(unconfused(part)).toLowerCase();
  }
  return out;
}

/**
 * Normalises text for matching, one code point at a time so each output character maps back to
 * where it came from:
 * - invisible characters and whitespace are dropped (`Ｆ Ｏ\u200BＯ`, `炸\uFE0F弹`, `炸\u3164弹`);
 * - compatibility forms are folded and accents dropped (NFKD without combining marks);
 * - punctuation and symbols are dropped (`炸.弹`, `f.u.c.k`);
 * - look-alike letters from other scripts become the Latin letter (Unicode confusables data);
 * - traditional Chinese becomes simplified (OpenCC's character tables: `炸彈` → `炸弹`);
 * - letters are lower-cased.
 *
 * The price: a term also matches across words and punctuation (`bad word`, `炸。弹琴` hit
 * `badword`, `炸弹`), so terms should be specific enough for that. Not covered, because no
 * character-level rule can: pinyin (`zhadan`), homophones (`炸蛋`), splitting a term across
 * messages, and a term spelled with characters the tables do not list.
 *
 * @example
 * normaliseForMatching('Ａ b').text; // 'ab'
 * normaliseForMatching('炸.彈').text; // '炸弹'
 */
export function normaliseForMatching(original: string): NormalisedText {
  let text = '';
  const offsets: number[] = [];
  let index = 0;
  for (const ch of original) {
    const out = fold(ch);
    if (out !== '') {
      text += out;
      for (let k = 0; k < out.length; k++) offsets.push(index);
    }
    index += ch.length;
  }
  offsets.push(original.length);
  return { text, offsets };
}
