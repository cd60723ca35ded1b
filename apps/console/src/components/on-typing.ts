import { watch, type WatchSource } from 'vue';

/** Calls `then` once typing in the watched inputs pauses for `ms` (a search box's query per pause, not per key). */
export function onTyping(sources: WatchSource[], then: () => void, ms = 300): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(sources, () => {
    clearTimeout(timer);
    timer = setTimeout(then, ms);
  });
}
