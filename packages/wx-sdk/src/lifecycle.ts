/** The app-lifecycle listeners of `wx` (base library 2.1.2; not available in plugins). */
export interface AppLifecycleSource {
  onAppShow(listener: () => void): void;
  onAppHide(listener: () => void): void;
  offAppShow?(listener: () => void): void;
  offAppHide?(listener: () => void): void;
}

/** What the lifecycle helper drives: {@link ChatClient} has both. */
export interface Suspendable {
  suspend(): void;
  resume(): void;
}

declare const wx: AppLifecycleSource | undefined;

/**
 * Ties a client to the mini-program's lifecycle: `wx.onAppHide` closes the socket and holds
 * requests (WeChat drops sockets and fails requests about 5 s after the app goes to the
 * background); `wx.onAppShow` reconnects and resumes by seq, so a reply that finished meanwhile
 * arrives once. Returns the function that detaches both listeners.
 *
 * @example
 * // app.js
 * App({
 *   onLaunch() {
 *     this.chat = new ChatClient({ baseUrl: 'https://chat.example.com' });
 *     this.unbindChat = bindAppLifecycle(this.chat);
 *   },
 * });
 */
export function bindAppLifecycle(client: Suspendable, source?: AppLifecycleSource): () => void {
  const api = source || (typeof wx !== 'undefined' ? wx : undefined);
  if (!api || typeof api.onAppHide !== 'function') {
    throw new Error('[wx-sdk] bindAppLifecycle needs wx.onAppHide / wx.onAppShow (base library 2.1.2, not in plugins)');
  }
  const onHide = () => client.suspend();
  const onShow = () => client.resume();
  api.onAppHide(onHide);
  api.onAppShow(onShow);
  return () => {
    if (api.offAppHide) api.offAppHide(onHide);
    if (api.offAppShow) api.offAppShow(onShow);
  };
}
