/**
 * Work done per entry while building a knowledge base, kept for the next build: a teacher who
 * edits one entry of a large knowledge base should not wait for all of them to be analysed
 * again. Only the last build's values are kept (one knowledge base's worth of memory), and
 * only while what they were computed under — the `tag`, e.g. a fingerprint of the lexicon —
 * is unchanged. Builds are synchronous, so two never interleave.
 */
export class RebuildCache<V> {
  #kept = new Map<string, V>();
  #tag: string | undefined;

  /**
   * Starts a build whose values depend on `tag`. `get` returns the kept value for `key` or makes
   * it; `end` makes the values used in this build the ones kept for the next.
   */
  begin(tag: string): { get(key: string, make: () => V): V; end(): void } {
    const kept = tag === this.#tag ? this.#kept : new Map<string, V>();
    const used = new Map<string, V>();
    return {
      get: (key, make) => {
        let value = used.get(key) ?? kept.get(key);
        if (value === undefined) value = make();
        used.set(key, value);
        return value;
      },
      end: () => {
        this.#kept = used;
        this.#tag = tag;
      },
    };
  }
}
