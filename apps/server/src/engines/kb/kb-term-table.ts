/** Instances made so far: tells one table's numbers from another's. */
let tables = 0;

/**
 * Terms numbered in the order they are first seen. Indexing a knowledge base handles millions of
 * term occurrences but a few tens of thousands of distinct terms: as numbers they are counted in
 * typed arrays and kept as one `Int32Array` per text, rather than as strings looked up in maps
 * and arrays of pointers that the garbage collector copies and scans. Append-only: a number,
 * once given, always names the same term.
 */
export class TermTable {
  /** Unique to this table in the process (a build's analyses are only reused with the table that numbered them). */
  readonly serial = ++tables;
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];

  /** The number of `term`, given now if it has none. */
  id(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#terms.length;
      this.#ids.set(term, id);
      this.#terms.push(term);
    }
    return id;
  }

  /** The number of `term`, if it has one (nothing is added). */
  lookup(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The term numbered `id`. */
  term(id: number): string {
    const term = this.#terms[id];
    if (term === undefined) throw new RangeError(`[kb] no term numbered ${id}`);
    return term;
  }

  /** Every term, by number. */
  get terms(): readonly string[] {
    return this.#terms;
  }

  get size(): number {
    return this.#terms.length;
  }
}

/** A growing list of term numbers, reused from one text to the next. */
export class IdBuffer {
  #data = new Int32Array(4096);
  length = 0;

  push(id: number): void {
    if (this.length === this.#data.length) {
      const longer = new Int32Array(this.#data.length * 2);
      longer.set(this.#data);
      this.#data = longer;
    }
    this.#data[this.length++] = id;
  }

  /** The numbers held, as an array of their own; the buffer is emptied. */
  take(): Int32Array {
    const ids = this.#data.slice(0, this.length);
    this.length = 0;
    return ids;
  }
}
