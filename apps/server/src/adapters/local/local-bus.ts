import type { ChatEvent, ChatEventHandler, EventBus } from '../../ports/bus.js';

/** The in-process event bus: synchronous fan-out to subscribers of one instance. */
export class LocalBus implements EventBus {
  /**
   * Each session's handlers, replaced (never changed in place) when one subscribes or leaves:
   * delivery walks the array it found, so a handler subscribed during a delivery does not get
   * that event, without copying the list for every event.
   */
  private readonly bySession = new Map<string, readonly ChatEventHandler[]>();
  private readonly all = new Set<ChatEventHandler>();

  async publish(event: ChatEvent): Promise<void> {
    this.deliver(event);
  }

  /** Delivers to local subscribers; adapters for other transports call it for remote events. */
  deliver(event: ChatEvent): void {
    for (const h of this.all) h(event);
    const handlers = this.bySession.get(event.sessionId);
    if (handlers) for (let i = 0; i < handlers.length; i++) handlers[i]!(event);
  }

  subscribe(sessionId: string, handler: ChatEventHandler): () => void {
    this.bySession.set(sessionId, [...(this.bySession.get(sessionId) ?? []), handler]);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const handlers = this.bySession.get(sessionId);
      if (!handlers) return;
      const i = handlers.indexOf(handler);
      if (i === -1) return;
      if (handlers.length === 1) this.bySession.delete(sessionId);
      else this.bySession.set(sessionId, [...handlers.slice(0, i), ...handlers.slice(i + 1)]);
    };
  }

  subscribeAll(handler: ChatEventHandler): () => void {
    this.all.add(handler);
    return () => this.all.delete(handler);
  }

  /** Number of sessions with subscribers (for tests and metrics). */
  get sessionCount(): number {
    return this.bySession.size;
  }

  async close(): Promise<void> {
    this.bySession.clear();
    this.all.clear();
  }
}
