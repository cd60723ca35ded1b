import { confusablesMap } from 'confusables';
// Only the one table needed (not the whole t2cn preset with its phrase and regional tables): it
// is loaded at start-up by every server, moderation or not.
import tsCharacters from 'opencc-js/dict/TSCharacters';

type DictLike = string | readonly (readonly [string, string])[];

/** The single-character entries of OpenCC dictionaries (`"源 目标 …|…"` strings or pairs), first target only. */
function singleCharacters(dicts: readonly DictLike[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const dict of dicts) {
    const pairs = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ') as [string, string]) : dict;
    for (const [source, target] of pairs) {
      const first = target?.split(' ')[0];
      if (!first || [...source].length !== 1 || [...first].length !== 1 || map.has(source)) continue;
      map.set(source, first);
    }
  }
  return map;
}

// Traditional → simplified with OpenCC's character table (TSCharacters, what its t2cn conversion
// ends with): 炸彈 → 炸弹, 賭博 → 赌博. Only one-character entries exist there, which is what
// matching needs: a character-for-character fold maps matches back to the original text. (The
// Taiwan/Hong Kong variant tables are left out: they map some simplified characters too, 么 → 幺.)
const TRADITIONAL = singleCharacters([tsCharacters]);

/** The simplified form of a Han character (itself when it has none). */
export function simplified(ch: string): string {
  return TRADITIONAL.get(ch) ?? ch;
}

// Han, kana, Hangul and Bopomofo are never folded to Latin: the confusables data maps some Han
// characters that merely look like letters (乃 → B, 匚 → C), which would corrupt Chinese text.
const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/**
 * The Latin letter or digit a look-alike stands for (Cyrillic с → c, Greek υ → u, Cherokee Ꭺ → A),
 * from the `confusables` package's table of Unicode confusables; itself when it stands for none.
 */
export function unconfused(ch: string): string {
  if (EAST_ASIAN.test(ch)) return ch;
  return confusablesMap.get(ch) ?? ch;
}
