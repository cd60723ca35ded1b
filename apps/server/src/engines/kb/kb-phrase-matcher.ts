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
 * per unit of the longest phrase that starts there, usually one in all.
 */
export class PhraseMatcher {
  readonly #phrases: Set<string>;
  readonly #root: TrieNode = { next: new Map() };

  constructor(phrases: Iterable<string>) {
    this.#phrases = new Set([...phrases].filter((phrase) => phrase.length > 0));
    for (const phrase of this.#phrases) {
      let node = this.#root;
      for (let i = 0; i < phrase.length; i++) {
        const code = phrase.charCodeAt(i);
        let child = node.next.get(code);
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
    let node = this.#root.next.get(text.charCodeAt(start));
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

/** `text` with each space or hyphen between two Latin words written as `-` (same length), for phrase matching. */
export function matchingForm(text: string): string {
  return text.replace(/(?<=[a-z0-9])[ ](?=[a-z0-9])/g, '-');
}
