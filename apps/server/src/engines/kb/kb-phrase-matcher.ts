/** Whether `char` is a Latin letter or digit (after lowercasing): a word character for boundaries. */
export function isLatin(char: string | undefined): boolean {
  return char !== undefined && isLatinCode(char.charCodeAt(0));
}

/** {@link isLatin} of a UTF-16 code unit (NaN, past the end of a text, is not). */
export function isLatinCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

interface TrieNode {
  /** Children by UTF-16 code unit: numbers, so a look-up allocates no one-character string. */
  next: Map<number, TrieNode>;
  /** The phrase ending here, if one does. */
  phrase?: string;
}

/**
 * Longest-match lookup of known phrases in normalised text. A phrase that starts or ends with a
 * Latin letter or digit only matches on a word boundary ("rip" is not found in "ripv2" or
 * "trip"); Chinese phrases match anywhere. A trie of UTF-16 code units: at most one map look-up
 * per unit of the longest phrase that starts there, usually one in all. The first unit is looked
 * up in a table indexed by the unit (every character of a knowledge base is tried, and most start
 * no phrase), the rest in maps.
 */
export class PhraseMatcher {
  readonly #phrases: Set<string>;
  readonly #first: (TrieNode | undefined)[] = new Array<TrieNode | undefined>(0x10000).fill(undefined);

  constructor(phrases: Iterable<string>) {
    this.#phrases = new Set([...phrases].filter((phrase) => phrase.length > 0));
    for (const phrase of this.#phrases) {
      const head = phrase.charCodeAt(0);
      let node: TrieNode | undefined = this.#first[head];
      if (!node) this.#first[head] = node = { next: new Map() };
      for (let i = 1; i < phrase.length; i++) {
        const code = phrase.charCodeAt(i);
        let child: TrieNode | undefined = node.next.get(code);
        if (!child) node.next.set(code, (child = { next: new Map() }));
        node = child;
      }
      node.phrase = phrase;
    }
  }

  /** Whether `phrase` is one of the phrases. */
  has(phrase: string): boolean {
    return this.#phrases.has(phrase);
  }

  /** All phrases. */
  get phrases(): ReadonlySet<string> {
    return this.#phrases;
  }

  /**
   * The first position from `start` on where a phrase's first unit stands (it may still not match
   * there), or `text.length`: a tight scan past text no phrase starts in.
   */
  nextStart(text: string, start: number): number {
    const first = this.#first;
    let i = start;
    while (i < text.length && first[formCodeAt(text, i)] === undefined) i++;
    return i;
  }

  /**
   * The longest phrase at `text[start…]`, or undefined. `text` is normalised text (see
   * {@link normalizeText}), read in its matching form: a space between two Latin words is read as
   * `-`, as the phrases write it (`ip route-static` finds `ip-route-static`).
   */
  longestAt(text: string, start: number): string | undefined {
    if (start >= text.length) return undefined;
    let node = this.#first[formCodeAt(text, start)];
    if (!node) return undefined;
    if (isLatinCode(text.charCodeAt(start)) && isLatinCode(text.charCodeAt(start - 1))) return undefined;
    let found: string | undefined;
    let i = start;
    while (node) {
      i++;
      if (node.phrase !== undefined && !(isLatinCode(text.charCodeAt(i - 1)) && isLatinCode(text.charCodeAt(i)))) found = node.phrase;
      if (i >= text.length) break;
      node = node.next.get(formCodeAt(text, i));
    }
    return found;
  }
}

const SPACE = 0x20;
const HYPHEN = 0x2d;

/**
 * The code unit at `i` of `text` in matching form: a space between two Latin words is read as `-`
 * (read in place, not written out: that would copy every text analysed).
 */
function formCodeAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code === SPACE && isLatinCode(text.charCodeAt(i - 1)) && isLatinCode(text.charCodeAt(i + 1)) ? HYPHEN : code;
}

/**
 * Whether a UTF-16 unit is whitespace as a regular expression's `\s` means it: ASCII tab to
 * carriage return and space, no-break spaces, the Unicode space separators, line and paragraph
 * separators and the byte-order mark.
 */
function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Lowercase NFKC text with whitespace runs as one space. */
export function normalizeText(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  // A scan rather than replace(/\s+/g, ' '): that rewrote every single space and line break of
  // a knowledge base (millions of characters), and was most of the cost of normalising it.
  let out = '';
  let kept = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (!isSpaceCode(code)) continue;
    let end = i + 1;
    while (end < lower.length && isSpaceCode(lower.charCodeAt(end))) end++;
    if (end - i > 1 || code !== SPACE) {
      out += `${lower.slice(kept, i)} `;
      kept = end;
    }
    i = end - 1;
  }
  return kept === 0 ? lower : out + lower.slice(kept);
}
