import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';

/** A value loaded from the server, with its loading flag and the error of the last try. */
export interface Loaded<T> {
  data: ShallowRef<T | undefined>;
  loading: Ref<boolean>;
  error: ShallowRef<unknown>;
  /** Loads again (a newer call wins over an older one still in flight). */
  reload: () => Promise<void>;
}

/** Loads `fetch()` now and on every `reload()`. */
export function useLoad<T>(fetch: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const data = shallowRef<T>();
  const loading = ref(false);
  const error = shallowRef<unknown>();
  let current: AbortController | undefined;
  const reload = async () => {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    loading.value = true;
    error.value = undefined;
    try {
      const value = await fetch(mine.signal);
      if (current === mine) data.value = value;
    } catch (e) {
      if (current === mine && !mine.signal.aborted) error.value = e;
    } finally {
      if (current === mine) loading.value = false;
    }
  };
  void reload();
  return { data, loading, error, reload };
}

/** One page of a cursor-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A cursor-paged list: the pages loaded so far, and whether there is another. */
export interface PagedList<T> {
  items: ShallowRef<T[]>;
  hasMore: Ref<boolean>;
  loading: Ref<boolean>;
  error: ShallowRef<unknown>;
  /** Starts again from the first page (after a filter changed). */
  reset: () => Promise<void>;
  /** Appends the next page. */
  more: () => Promise<void>;
}

/** Pages through `fetchPage(cursor)` until its nextCursor is null; starts at once. */
export function usePagedList<T>(fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>): PagedList<T> {
  const items = shallowRef<T[]>([]);
  const hasMore = ref(false);
  const loading = ref(false);
  const error = shallowRef<unknown>();
  let cursor: string | undefined;
  let current: AbortController | undefined;
  const load = async (fresh: boolean) => {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    loading.value = true;
    error.value = undefined;
    try {
      const page = await fetchPage(fresh ? undefined : cursor, mine.signal);
      if (current !== mine) return;
      items.value = fresh ? page.items : [...items.value, ...page.items];
      cursor = page.nextCursor ?? undefined;
      hasMore.value = page.nextCursor !== null;
    } catch (e) {
      if (current === mine && !mine.signal.aborted) error.value = e;
    } finally {
      if (current === mine) loading.value = false;
    }
  };
  void load(true);
  return { items, hasMore, loading, error, reset: () => load(true), more: () => load(false) };
}
