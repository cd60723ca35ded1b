import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';

/** Loading flag and last error of calls where only the newest counts. */
interface Latest {
  loading: Ref<boolean>;
  error: ShallowRef<unknown>;
  /** Aborts the call still in flight, runs `load`, and hands its value to `land` unless a newer call started meanwhile. */
  run: <T>(load: (signal: AbortSignal) => Promise<T>, land: (value: T) => void) => Promise<void>;
}

function latestOnly(): Latest {
  const loading = ref(false);
  const error = shallowRef<unknown>();
  let current: AbortController | undefined;
  const run = async <T>(load: (signal: AbortSignal) => Promise<T>, land: (value: T) => void) => {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    loading.value = true;
    error.value = undefined;
    try {
      const value = await load(mine.signal);
      if (current === mine) land(value);
    } catch (e) {
      if (current === mine && !mine.signal.aborted) error.value = e;
    } finally {
      if (current === mine) loading.value = false;
    }
  };
  return { loading, error, run };
}

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
  const { loading, error, run } = latestOnly();
  const reload = () =>
    run(fetch, (value) => {
      data.value = value;
    });
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
  const { loading, error, run } = latestOnly();
  let cursor: string | undefined;
  const load = (fresh: boolean) =>
    run(
      (signal) => fetchPage(fresh ? undefined : cursor, signal),
      (page) => {
        items.value = fresh ? page.items : [...items.value, ...page.items];
        cursor = page.nextCursor ?? undefined;
        hasMore.value = page.nextCursor !== null;
      },
    );
  void load(true);
  return { items, hasMore, loading, error, reset: () => load(true), more: () => load(false) };
}
