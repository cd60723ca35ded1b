import { pinyin } from 'pinyin-pro';
import { cutChinese } from './kb-jieba.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_WORD = /^\p{Script=Han}{2,6}$/u;
const LATIN_TERM = /^[a-z][a-z0-9-]{2,}$/;
/** Shorter English words are left alone: ipv6 is not a slip for ipv4, nor vrrp for vrp. */
const MIN_LATIN = 5;
const LATIN_WORD = /(?<![a-z0-9])[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![a-z0-9])/g;

/**
 * Toneless pinyin with the distinctions many speakers do not make (zh/z, ch/c, sh/s, -ing/-in,
 * -eng/-en) removed, so 领居 meets 邻居 and 根桥 meets 跟桥.
 */
function fuzzy(syllable: string): string {
  return syllable.replace(/^([zcs])h/, '$1').replace(/([ie])ng$/, '$1n');
}

const soundOf = new Map<string, string>();

/**
 * Each character's sound, looked up one character at a time and remembered: pinyin-pro costs
 * about 25 µs a call, too much for the vocabulary of a 10,000-entry knowledge base, while a
 * course uses a few thousand distinct characters. A character with several readings gets its
 * usual one, on both sides of the comparison alike.
 */
function syllables(text: string): string[] {
  return Array.from(text, (char) => {
    let sound = soundOf.get(char);
    if (sound === undefined) soundOf.set(char, (sound = fuzzy(pinyin(char, { toneType: 'none', type: 'array' })[0] ?? char)));
    return sound;
  });
}

/** Optimal-string-alignment distance (a swap of two neighbours is one edit), or max + 1 once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Repairs the typing slips students make, against a knowledge base's own vocabulary, before a
 * question is analysed:
 * - Chinese typed by pinyin with the wrong character of the right sound (路有器 → 路由器,
 *   静太 → 静态, 中级 → 中继): a run of 2–6 characters that is not itself a known word and
 *   sounds like one that is, differing in at most one character in three;
 * - a lone character typed for an English word it sounds like (平不通 → ping不通);
 * - English terms one edit away (two from 8 letters on): hybird → hybrid, wireshak → wireshark.
 * Only unknown words are touched, so a question typed correctly is never changed.
 */
export class TypoCorrector {
  readonly #known: ReadonlySet<string>;
  readonly #bySound = new Map<string, string[]>();
  readonly #latinByLength = new Map<number, { term: string; weight: number }[]>();

  /** `vocabulary`: every term the knowledge base knows, with how many entries use it. */
  constructor(vocabulary: ReadonlyMap<string, number>) {
    // The words of multi-word terms are known too: "stick" in "router on a stick" is no slip for "stuck".
    const known = new Set<string>();
    for (const term of vocabulary.keys()) {
      known.add(term);
      if (term.includes('-')) for (const part of term.split('-')) known.add(part);
    }
    this.#known = known;
    for (const [term, weight] of vocabulary) {
      if (HAN_WORD.test(term)) {
        const key = syllables(term).join(' ');
        const alike = this.#bySound.get(key);
        if (alike) alike.push(term);
        else this.#bySound.set(key, [term]);
      } else if (LATIN_TERM.test(term)) {
        const bucket = this.#latinByLength.get(term.length) ?? [];
        bucket.push({ term, weight });
        this.#latinByLength.set(term.length, bucket);
      }
    }
    for (const bucket of this.#latinByLength.values()) bucket.sort((a, b) => b.weight - a.weight);
  }

  /** `text` (normalised: NFKC, lowercase) with its slips repaired. */
  correct(text: string): string {
    return text.replace(HAN_RUN, (run) => this.#chinese(run)).replace(LATIN_WORD, (word) => this.#latin(word) ?? word);
  }

  #chinese(run: string): string {
    const chars = Array.from(run);
    if (chars.length === 0) return run;
    const sounds = syllables(run);
    const lone = new Set<number>();
    // Where the segmenter's words start: a slip is a word of its own (静太), not the tail of one
    // word and the head of the next (但是路由 holds no 是路 for 思路).
    const starts = new Set<number>();
    let at = 0;
    for (const word of cutChinese(run)) {
      if (Array.from(word).length === 1) lone.add(at);
      starts.add(at);
      at += Array.from(word).length;
    }
    let out = '';
    for (let i = 0; i < chars.length; ) {
      const fix = starts.has(i) ? this.#soundAlike(chars, sounds, i) : undefined;
      if (fix) {
        out += fix.text;
        i += fix.length;
        continue;
      }
      // The exact pinyin here, not the fuzzy one: 平 is "ping", which the fuzzy form writes "pin".
      const sound = lone.has(i) ? pinyin(chars[i]!, { toneType: 'none' }) : '';
      out += sound.length >= 4 && this.#known.has(sound) ? ` ${sound} ` : chars[i];
      i++;
    }
    return out;
  }

  #soundAlike(chars: string[], sounds: string[], start: number): { text: string; length: number } | undefined {
    for (let length = Math.min(6, chars.length - start); length >= 2; length--) {
      const span = chars.slice(start, start + length).join('');
      if (this.#known.has(span)) return { text: span, length };
      const allowed = Math.max(1, Math.floor(length / 3));
      for (const term of this.#bySound.get(sounds.slice(start, start + length).join(' ')) ?? []) {
        const termChars = Array.from(term);
        const differ = termChars.filter((c, k) => c !== chars[start + k]).length;
        if (differ >= 1 && differ <= allowed) return { text: term, length };
      }
    }
    return undefined;
  }

  #latin(word: string): string | undefined {
    if (word.length < MIN_LATIN || this.#known.has(word)) return undefined;
    if (word.includes('-')) {
      const parts = word.split('-').map((part) => this.#latin(part) ?? part);
      const joined = parts.join('-');
      return joined === word ? undefined : joined;
    }
    const max = word.length >= 8 ? 2 : 1;
    let best: { term: string; weight: number; distance: number } | undefined;
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const candidate of this.#latinByLength.get(length) ?? []) {
        if (best && candidate.weight < best.weight) break;
        const distance = editDistance(word, candidate.term, max);
        if (distance <= max && (!best || distance < best.distance || candidate.weight > best.weight)) best = { ...candidate, distance };
      }
    }
    return best?.term;
  }
}
