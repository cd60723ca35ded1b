const LATIN = /[a-z0-9]/;

/** Whether `char` is a Latin letter or digit (after lowercasing): a word character for boundaries. */
export const isLatin = (char: string | undefined): boolean => char !== undefined && LATIN.test(char);

/**
 * Longest-match lookup of known phrases in normalised text. A phrase that starts or ends with a
 * Latin letter or digit only matches on a word boundary ("rip" is not found in "ripv2" or
 * "trip"); Chinese phrases match anywhere. Lookups are by first character and length, so a
 * match costs a few hash look-ups whatever the number of phrases.
 */
export class PhraseMatcher {
  readonly #phrases: Set<string>;
  readonly #lengths = new Map<string, number[]>();

  constructor(phrases: Iterable<string>) {
    this.#phrases = new Set([...phrases].filter((phrase) => phrase.length > 0));
    for (const phrase of this.#phrases) {
      const lengths = this.#lengths.get(phrase[0]!) ?? [];
      if (!lengths.includes(phrase.length)) lengths.push(phrase.length);
      this.#lengths.set(phrase[0]!, lengths);
    }
    for (const lengths of this.#lengths.values()) lengths.sort((a, b) => b - a);
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
    const lengths = this.#lengths.get(text[start]!);
    if (!lengths) return undefined;
    if (isLatin(text[start]) && isLatin(text[start - 1])) return undefined;
    for (const length of lengths) {
      const candidate = text.slice(start, start + length);
      if (candidate.length !== length || !this.#phrases.has(candidate)) continue;
      if (isLatin(candidate.at(-1)) && isLatin(text[start + length])) continue;
      return candidate;
    }
    return undefined;
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
