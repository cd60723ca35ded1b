import type { EventBus } from '../ports/bus.js';
import { isUnsettled, type Turn, type TurnReader } from '../ports/store.js';

/**
 * Waits, event-driven, until turn `seq` settles, the session closes, `ms` pass or `signal` aborts.
 * Subscribes first and reads the store second, so a settle between the two is never missed.
 * Resolves with the freshest turn (settled or not), or 'closed'.
 */
export function waitForSettled(bus: EventBus, store: Pick<TurnReader, 'getTurn'>, turn: Turn, ms: number, signal?: AbortSignal): Promise<Turn | 'closed'> {
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (value: Turn | 'closed' | Promise<Turn | 'closed'>) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      Promise.resolve(value).then(resolve, reject);
    };
    const reread = async (): Promise<Turn | 'closed'> => (await store.getTurn(turn.sessionId, turn.seq)) ?? 'closed';
    const onAbort = () => finish(reread());
    const unsubscribe = bus.subscribe(turn.sessionId, (e) => {
      if (e.type === 'settled' && e.turn.seq === turn.seq) finish(e.turn);
      else if (e.type === 'closed') finish('closed');
    });
    const timer = setTimeout(() => finish(reread()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    void reread().then(
      (t) => {
        if (t === 'closed' || !isUnsettled(t.status)) finish(t);
      },
      (err: unknown) => {
        if (!finished) {
          finished = true;
          clearTimeout(timer);
          unsubscribe();
          reject(err);
        }
      },
    );
  });
}
