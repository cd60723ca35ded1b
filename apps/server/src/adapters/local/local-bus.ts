import type { ChatEvent, ChatEventHandler, EventBus } from '../../ports/bus.js';

/** The in-process event bus: synchronous fan-out to subscribers of one instance. */
export class LocalBus implements EventBus {
  private readonly bySession = new Map<string, Set<ChatEventHandler>>();
  private readonly all = new Set<ChatEventHandler>();

  async publish(event: ChatEvent): Promise<void> {
    this.deliver(event);
  }

  /** Delivers to local subscribers; adapters for other transports call it for remote events. */
  deliver(event: ChatEvent): void {
    for (const h of this.all) h(event);
    const set = this.bySession.get(event.sessionId);
    if (set) for (const h of [...set]) h(event);
  }

  subscribe(sessionId: string, handler: ChatEventHandler): () => void {
    let set = this.bySession.get(sessionId);
    if (!set) this.bySession.set(sessionId, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
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
