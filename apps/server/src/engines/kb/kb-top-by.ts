/** The `n` items with the highest `key`, highest first (a full sort only when few are there). */
export function topBy<T>(items: T[], key: (item: T) => number, n: number): T[] {
  if (items.length > n * 4) {
    // Cut at the n-th largest key first: sorting thousands of matches for ten is the slow part.
    const keys = Float64Array.from(items, key).sort();
    const cut = keys[keys.length - n]!;
    items = items.filter((item) => key(item) >= cut);
  }
  return items.sort((a, b) => key(b) - key(a)).slice(0, n);
}
