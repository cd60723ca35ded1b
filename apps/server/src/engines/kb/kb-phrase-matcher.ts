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
   * The longest phrase at `text[start…]`, or undefined. `text` must be in matching form: spaces
   * between Latin words written as `-`, as in the phrases.
   */
  longestAt(text: string, start: number): string | undefined {
    if (start >= text.length) return undefined;
    let node = this.#first[text.charCodeAt(start)];
    if (!node) return undefined;
    if (isLatinCode(text.charCodeAt(start)) && isLatinCode(text.charCodeAt(start - 1))) return undefined;
    let found: string | undefined;
    let i = start;
    while (node) {
      i++;
      if (node.phrase !== undefined && !(isLatinCode(text.charCodeAt(i - 1)) && isLatinCode(text.charCodeAt(i)))) found = node.phrase;
      if (i >= text.length) break;
      node = node.next.get(text.charCodeAt(i));
    }
    return found;
  }
}

/** Lowercase NFKC text with whitespace runs as one space. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
}

/** `text` with each space between two Latin words written as `-` (same length), for phrase matching. */
export function matchingForm(text: string): string {
  // A scan for spaces rather than a look-around regular expression: most of a knowledge base's
  // text has none between Latin words, and then the text itself is returned.
  let out = '';
  let kept = 0;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
    if (!isLatinCode(text.charCodeAt(i - 1)) || !isLatinCode(text.charCodeAt(i + 1))) continue;
    out += `${text.slice(kept, i)}-`;
    kept = i + 1;
  }
  return kept === 0 ? text : out + text.slice(kept);
}
