/** A minimal typed event emitter; `on` returns the function that removes the listener. */
export class Emitter<E extends { [K in keyof E]: (...args: never[]) => void }> {
  private listeners: { [K in keyof E]?: Array<E[K]> } = {};

  on<K extends keyof E>(event: K, listener: E[K]): () => void {
    const list = this.listeners[event] || (this.listeners[event] = []);
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const list = this.listeners[event];
    if (!list) return;
    for (const fn of list.slice()) {
      try {
        (fn as (...a: Parameters<E[K]>) => void)(...args);
      } catch (err) {
        // A listener's bug must not break the client: report it where the app's error handler sees it.
        setTimeout(() => {
          throw err;
        }, 0);
      }
    }
  }
}
