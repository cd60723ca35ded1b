/**
 * Text as the word list is matched against it, with the way back to the original.
 * `offsets[i]` is the index in the original of the character that produced `text[i]`;
 * `offsets[text.length]` is the original's length.
 */
export interface NormalisedText {
  text: string;
  offsets: number[];
}

// Spaces (incl. the ideographic space U+3000) and invisible characters people slip between the
// characters of a term to dodge a filter: zero-width space/joiners, direction marks, word joiner,
// invisible operators, soft hyphen, combining grapheme joiner, Mongolian vowel separator, BOM.
const IGNORABLE = /[\s\u00AD\u034F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;

/**
 * Normalises text for matching: NFKC (full-width ＡＢＣ１２３ → ABC123, compatibility forms),
 * lower case, and spaces and zero-width characters dropped, so `Ｆ Ｏ\u200BＯ` matches `foo`.
 * Works one code point at a time so each output character maps back to where it came from.
 * The price of dropping spaces: a Latin term also matches across two words (`bad word` hits
 * `badword`); terms should be specific enough for that. Chinese text has no spaces to lose.
 *
 * @example
 * normaliseForMatching('Ａ b').text; // 'ab'
 */
export function normaliseForMatching(original: string): NormalisedText {
  let text = '';
  const offsets: number[] = [];
  let index = 0;
  for (const ch of original) {
    if (!IGNORABLE.test(ch)) {
      for (const out of ch.normalize('NFKC').toLowerCase()) {
        if (IGNORABLE.test(out)) continue;
        text += out;
        for (let k = 0; k < out.length; k++) offsets.push(index);
      }
    }
    index += ch.length;
  }
  offsets.push(original.length);
  return { text, offsets };
}
